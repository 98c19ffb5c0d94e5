/** One record of a CSV file: its fields and the line it starts on, or why it cannot be read. */
export type CsvRecord = { line: number; fields: string[] } | { line: number; problem: string };

/**
 * The records of CSV text (RFC 4180): fields separated by `delimiter`, records by `\n` or `\r\n`; a field in double
 * quotes may hold delimiters, newlines and doubled quotes (`""`). Blank lines are skipped; a byte order mark at the
 * start is dropped. A quote left open, or text after a closing quote, is a problem of that record — reported, never
 * guessed around, so a broken file does not shift every later row into the wrong columns unnoticed.
 */
export function* csvRecords(text: string, delimiter = ','): Generator<CsvRecord, void, undefined> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\n' ? 1 : 2;
      line++;
      continue;
    }
    const fields: string[] = [];
    let problem: string | undefined;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote === -1) {
            problem = 'a quoted field is not closed (its opening quote is on this line)';
            i = n;
            break;
          }
          field += text.slice(i, quote);
          line += countNewlines(text, i, quote);
          i = quote + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
          } else break;
        }
        if (problem === undefined && i < n && text[i] !== delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n'))
          problem = `text after a closing quote (field ${fields.length + 1})`;
      } else {
        let end = i;
        while (end < n && text[end] !== delimiter && text[end] !== '\n' && !(text[end] === '\r' && text[end + 1] === '\n')) end++;
        field = text.slice(i, end);
        i = end;
      }
      fields.push(field);
      if (problem !== undefined) {
        // Skip to the end of the line the problem is on, and go on with the next record.
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    yield problem === undefined ? { line: start, fields } : { line: start, problem };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
