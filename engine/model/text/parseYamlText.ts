import { LineCounter, parseDocument } from 'yaml';
import { MAX_NESTING, nestingDepth, tooDeep } from './nestingDepth.ts';

/** A YAML (or JSON, which YAML 1.2 reads) document's value, or why it could not be read, with where when known. */
export type YamlText = { ok: true; value: unknown } | { ok: false; message: string; line?: number; column?: number };

/** Aliases a document may expand: enough for any hand-written file, too few for a "billion laughs" bomb. */
const MAX_ALIASES = 100;

/**
 * Parses a user's YAML file safely, for every command that reads one (scenarios, gate files, parameter files): a
 * syntax error with its line and column; duplicate keys as errors, not "last wins"; an alias bomb (aliases of
 * aliases expanding to millions of nodes) and nesting deeper than {@link MAX_NESTING} refused in one sentence, never
 * a stack overflow or a process grown to gigabytes.
 *
 * @example parseYamlText('a: 1') // { ok: true, value: { a: 1 } }
 */
export function parseYamlText(text: string): YamlText {
  // The parser recurses per level, and tens of thousands of levels crash the process outright (V8 runs out of stack
  // inside its own regular expression engine: nothing to catch). Measured on the text first, with room to spare.
  if (roughDepth(text) > MAX_NESTING * 10) return { ok: false, message: tooDeep() };
  const lineCounter = new LineCounter();
  let value: unknown;
  try {
    const document = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true });
    const [error] = document.errors;
    if (error && /Maximum call stack/.test(error.message)) return { ok: false, message: tooDeep() };
    if (error) {
      const { line, col: column } = lineCounter.linePos(error.pos[0]);
      return { ok: false, message: `YAML syntax error at line ${line}, column ${column}: ${error.message}`, line, column };
    }
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: tooDeep() };
    if (error instanceof ReferenceError && /alias/i.test(error.message))
      return {
        ok: false,
        message: `too many aliases: the document expands aliases of aliases beyond ${MAX_ALIASES} (a "billion laughs" document?)`,
      };
    return { ok: false, message: `not YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (nestingDepth(value) > MAX_NESTING) return { ok: false, message: tooDeep() };
  return { ok: true, value };
}

/**
 * An upper bound, near enough, of how deep a YAML text nests, read without parsing it: the deepest flow nesting
 * (`[` and `{` outside quoted scalars and comments), and the widest run of indentation and `- ` / `? ` / `: ` indicators
 * opening a line (block nesting).
 */
function roughDepth(text: string): number {
  let deepest = 0;
  let flow = 0;
  let quote: string | undefined;
  let lineStart = true;
  let lead = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      lead = 0;
      quote = quote === "'" || quote === '"' ? quote : undefined;
      continue;
    }
    if (lineStart) {
      if (c === ' ' || c === '\t' || c === '-' || c === '?' || c === ':') {
        if (++lead > deepest) deepest = lead;
        continue;
      }
      lineStart = false;
    }
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && startsScalar(text, i)) quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++flow > deepest) deepest = flow;
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return deepest;
}

/** Whether a quote at `i` opens a quoted scalar (after a line start, `:`, `-`, `?`, `,`, `[` or `{`), not an apostrophe in plain text. */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || ':-?,[{\n'.includes(text[j]);
}
