import { describe, expect, it } from 'vitest';
import { sigmaRuleId, sigmaRuleName, uuidV5 } from '../../../../../../engine/tools/export/sigma/_internal/sigmaIds.ts';

const key = { detector: 'baseline-splunk-failed-mfa', format: 'canonical', params: { threshold: 10, bucketMs: 300_000 } };

describe('sigma rule ids and names', () => {
  it('are RFC 9562 name-based UUIDs (the value Python’s uuid.uuid5 gives)', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('pushstorm/sigma/x')).toBe('b12fe2f3-d67a-5626-8439-a5d240f1a37d');
  });

  it('change with the detector, the format, any parameter value and the role, not with the parameters’ order', () => {
    const id = sigmaRuleId(key, 'count');
    expect(sigmaRuleId({ ...key, params: { bucketMs: 300_000, threshold: 10 } }, 'count')).toBe(id);
    for (const other of [
      sigmaRuleId({ ...key, detector: 'fraud-report' }, 'count'),
      sigmaRuleId({ ...key, format: 'okta' }, 'count'),
      sigmaRuleId({ ...key, params: { threshold: 11, bucketMs: 300_000 } }, 'count'),
      sigmaRuleId(key, 'event'),
    ])
      expect(other).not.toBe(id);
  });

  it('names are identifiers an extended correlation condition can use, tagged by the parameter set', () => {
    const name = sigmaRuleName(key, 'event');
    expect(name).toMatch(/^baseline_splunk_failed_mfa_event_[0-9a-f]{8}$/);
    expect(sigmaRuleName({ ...key, params: { threshold: 9, bucketMs: 300_000 } }, 'event')).not.toBe(name);
    expect(sigmaRuleName({ ...key, detector: '3-strikes' }, 'event')).toMatch(/^r_3_strikes_event_/);
  });
});
