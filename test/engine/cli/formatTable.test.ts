import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../engine/cli/_internal/formatTable.ts';

describe('formatTable', () => {
  it('right-aligns columns of figures, left-aligns text, keeps the first column left', () => {
    const text = formatTable([
      ['detector', 'alerts', 'recall', 'TTD', 'prevented', 'check'],
      ['mfa-without-login', '12', '0.95 ± 0.04', '12m3s', '3/4', 'overall recall >= 0.9'],
      ['a', '1,024', '—', '—', '10/12', 'x'],
    ]);
    expect(text.split('\n')).toEqual([
      'detector           alerts       recall    TTD  prevented  check',
      'mfa-without-login      12  0.95 ± 0.04  12m3s        3/4  overall recall >= 0.9',
      'a                   1,024            —      —      10/12  x',
    ]);
  });
});
