/**
 * Splits text holding one or more JSON values one after another (a pretty-printed document, or API pages written
 * back to back: `[...]\n[...]`) into the values' texts, by bracket depth outside strings. Returns the texts with the
 * 1-based line each starts on; text that is not such a sequence yields an error naming the line.
 */
export function splitJsonValues(text: string): { values: Array<{ line: number; text: string }> } | { error: string; line: number } {
  const values: Array<{ line: number; text: string }> = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let startLine = 1;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === 92) escaped = true;
      else if (ch === 34) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      if (depth === 0) return { error: 'a string outside any object or array', line };
    } else if (ch === 123 || ch === 91) {
      if (depth === 0) {
        start = i;
        startLine = line;
      }
      depth++;
    } else if (ch === 125 || ch === 93) {
      depth--;
      if (depth < 0) return { error: `unbalanced "${text[i]}"`, line };
      if (depth === 0) values.push({ line: startLine, text: text.slice(start, i + 1) });
    } else if (depth === 0 && ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13 && ch !== 44 && ch !== 0xfeff) {
      return { error: `unexpected "${text[i]}" between JSON values`, line };
    }
  }
  if (depth !== 0 || inString) return { error: 'the text ends inside a JSON value (truncated?)', line };
  return { values };
}
