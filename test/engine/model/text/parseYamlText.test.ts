import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, nestingDepth } from '../../../../engine/model/text/nestingDepth.ts';
import { parseYamlText } from '../../../../engine/model/text/parseYamlText.ts';

/** The "billion laughs" of YAML: each level aliases the one before four times. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1}]`);
  return `${lines.join('\n')}\n`;
}

describe('parseYamlText', () => {
  it('reads YAML and JSON', () => {
    expect(parseYamlText('a: 1\nb: [x, y]\n')).toEqual({ ok: true, value: { a: 1, b: ['x', 'y'] } });
    expect(parseYamlText('{"a": {"b": null}}')).toEqual({ ok: true, value: { a: { b: null } } });
  });

  it('names the line and column of a syntax error, and refuses duplicate keys', () => {
    expect(parseYamlText('a: 1\nb: [1, 2\n')).toMatchObject({ ok: false, line: 3 });
    expect(parseYamlText('a: 1\na: 2\n')).toMatchObject({ ok: false, line: 2, column: 1 });
  });

  it('refuses an alias bomb in one sentence (regression: ReferenceError with a stack, exit 1)', () => {
    expect(parseYamlText(aliasBomb(12))).toEqual({
      ok: false,
      message: 'too many aliases: the document expands aliases of aliases beyond 100 (a "billion laughs" document?)',
    });
    // A few honest aliases (a shared anchor reused) are fine.
    expect(parseYamlText('base: &b {x: 1}\none: *b\ntwo: *b\n')).toMatchObject({ ok: true });
  });

  it('refuses nesting deeper than the limit, whatever the depth, without overflowing the stack', () => {
    for (const depth of [MAX_NESTING + 1, 5_000, 60_000]) {
      expect(parseYamlText(`${'['.repeat(depth)}${']'.repeat(depth)}`)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^nested more than 100 levels/),
      });
    }
    expect(parseYamlText(`${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}`)).toMatchObject({ ok: true });
    // Block nesting on one line, and flow nesting after an apostrophe in plain text (which opens no quote).
    expect(parseYamlText(`${'- '.repeat(60_000)}x\n`)).toMatchObject({ ok: false, message: expect.stringMatching(/^nested more than/) });
    expect(parseYamlText(`name: it's\nx: ${'['.repeat(60_000)}\n`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^nested more than/),
    });
    expect(parseYamlText(`a: "[[[[["\nb: '{{{{'\nc: x # [[[[\n`)).toEqual({ ok: true, value: { a: '[[[[[', b: '{{{{', c: 'x' } });
  });
});

describe('nestingDepth', () => {
  it('is the depth of arrays and objects nested n deep, and gives up past the limit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.boolean(), (n, objects) => {
        let value: unknown = 1;
        for (let i = 0; i < n; i++) value = objects ? { a: value, b: 2 } : [0, value];
        expect(nestingDepth(value, 1000)).toBe(n);
        expect(nestingDepth(value)).toBe(Math.min(n, MAX_NESTING + 1));
      }),
    );
  });

  it('counts the deepest branch of any JSON value, never more than JSON.stringify would nest (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const depth = nestingDepth(value);
        const text = JSON.stringify(value);
        let open = 0;
        let max = 0;
        let inString = false;
        for (let i = 0; i < text.length; i++) {
          const c = text[i];
          if (inString) {
            if (c === '\\') i++;
            else if (c === '"') inString = false;
          } else if (c === '"') inString = true;
          else if (c === '[' || c === '{') max = Math.max(max, ++open);
          else if (c === ']' || c === '}') open--;
        }
        expect(depth).toBe(max);
      }),
    );
  });
});
