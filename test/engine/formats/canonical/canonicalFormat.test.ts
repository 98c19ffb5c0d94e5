import { describe, expect, it } from 'vitest';
import { canonicalFormat } from '../../../../engine/formats/canonical/canonicalFormat.ts';
import { decodeAll, encodeAll, expectDecoderTotal, expectRoundTrip, worldEvents } from '../_harness.ts';

describe('canonicalFormat', () => {
  it('round-trips a simulated world unchanged', () => {
    const events = worldEvents(1);
    expectRoundTrip(canonicalFormat, events);
    expect(canonicalFormat.held(events)).toEqual(events);
  });

  it('rejects records the schema rejects, with the reason the NDJSON reader gives', () => {
    const { steps } = decodeAll(canonicalFormat, [42, { id: 'a' }, { id: 'a', time: 'x', source: 'idp', type: 'mfa.result', user: 'u' }]);
    expect(steps.map((s) => (s.kind === 'rejected' ? s.reason : s.kind))).toEqual(['not_an_object', 'missing_field', 'wrong_type']);
  });

  it('sniffs its own records and not a vendor record', () => {
    const [record] = encodeAll(canonicalFormat, worldEvents(2).slice(0, 1));
    expect(canonicalFormat.sniff(record)).toBe(true);
    expect(canonicalFormat.sniff({ eventType: 'user.session.start', published: '2026-03-01T00:00:00.000Z' })).toBe(false);
  });

  it('never throws on fuzzed input', () => {
    expectDecoderTotal(canonicalFormat, encodeAll(canonicalFormat, worldEvents(3).slice(0, 50)));
  });
});
