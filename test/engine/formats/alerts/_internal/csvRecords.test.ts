import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../../../../engine/formats/alerts/_internal/csvRecords.ts';

const records = (text: string, delimiter?: string) => [...csvRecords(text, delimiter)];

describe('csvRecords', () => {
  it('splits fields and records, LF or CRLF, skipping blank lines and a byte order mark', () => {
    expect(records('\ufeffa,b\r\n1,2\n\n3,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', ''] },
    ]);
    expect(records('a\tb\n1\t2', '\t')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('reads quoted fields: delimiters, doubled quotes and newlines inside, and counts the lines they span', () => {
    expect(records('x,y\n"a,b","say ""hi"""\n"two\nlines",z\nlast,1\n')).toEqual([
      { line: 1, fields: ['x', 'y'] },
      { line: 2, fields: ['a,b', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
      { line: 5, fields: ['last', '1'] },
    ]);
  });

  it('reports a quote left open and text after a closing quote, and goes on with the next line', () => {
    expect(records('a,"b"c\nok,1\n"open,2\n')).toEqual([
      { line: 1, problem: 'text after a closing quote (field 2)' },
      { line: 2, fields: ['ok', '1'] },
      { line: 3, problem: 'a quoted field is not closed (its opening quote is on this line)' },
    ]);
  });

  it('reads back what an RFC 4180 writer wrote (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') });
    const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), fc.boolean(), (rows, crlf) => {
        const text = rows.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        const read = records(text);
        expect(read.map((r) => ('fields' in r ? r.fields : r))).toEqual(rows);
      }),
    );
  });
});
