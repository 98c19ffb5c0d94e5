import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControl } from '../../../_fixtures/hasControl.ts';
import { stripControl } from '../../../../engine/model/text/stripControl.ts';

describe('stripControl', () => {
  it('leaves no control character but tab and newline, and keeps everything else where it was (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = stripControl(text);
        expect(hasControl(safe)).toBe(false);
        // One replacement per control: same length, and every other UTF-16 unit unchanged.
        expect(safe.length).toBe(text.length);
        for (let i = 0; i < text.length; i++) if (!hasControl(text[i])) expect(safe[i]).toBe(text[i]);
      }),
    );
  });

  it('disarms ESC and CSI sequences, carriage returns and bells; keeps tabs, newlines and any script', () => {
    expect(stripControl('ann\u001b[2J\u009b31m\r\u0007\u007f')).toBe('ann\ufffd[2J\ufffd31m\ufffd\ufffd\ufffd');
    expect(stripControl('a\tb\nçé 名前 🙂')).toBe('a\tb\nçé 名前 🙂');
  });
});
