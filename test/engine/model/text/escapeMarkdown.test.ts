import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControl } from '../../../_fixtures/hasControl.ts';
import { escapeMarkdown } from '../../../../engine/model/text/escapeMarkdown.ts';

describe('escapeMarkdown', () => {
  it('leaves no tag, no line break, no control character and no unescaped Markdown character, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = escapeMarkdown(text);
        expect(safe).not.toMatch(/[<>\n\r\u2028\u2029]/);
        expect(hasControl(safe)).toBe(false);
        // Every special character is preceded by an odd number of backslashes: escaped, never escaping.
        for (const m of safe.matchAll(/(\\*)([`*_[\]|#~])/g)) expect(m[1].length % 2, safe).toBe(1);
        // Every & starts an entity we wrote.
        expect(safe.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });

  it('keeps a table row one row, and shows the text as written', () => {
    const hostile = '<img src=x onerror=alert(1)>|**x**\u001b[31m\nnext';
    expect(escapeMarkdown(hostile)).toBe('&lt;img src=x onerror=alert(1)&gt;\\|\\*\\*x\\*\\*\ufffd\\[31m next');
    expect(escapeMarkdown('ann.lee@example.org')).toBe('ann.lee@example.org');
  });
});
