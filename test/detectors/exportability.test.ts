import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.ts';
import { whyNotExportable } from '../../engine/tools/export/index.ts';

describe('the built-in detectors and export', () => {
  it('each either states a shape or says why it cannot (never both, never neither)', () => {
    for (const d of detectors) {
      expect(d.shape === undefined, `${d.id}: a shape or a reason, not both`).toBe(d.notExportable !== undefined);
      if (d.shape === undefined) expect(whyNotExportable(d, 'sql')).toBe(d.notExportable);
    }
  });

  it('every public-rule baseline exports', () => {
    for (const d of detectors.filter((d) => d.baseline !== undefined)) expect(whyNotExportable(d, 'sql'), d.id).toBeUndefined();
  });
});
