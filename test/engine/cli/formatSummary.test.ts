import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../../engine/cli/formatSummary.ts';
import type { RunSummary } from '../../../engine/evaluate/RunSummary.ts';

const summary: RunSummary = {
  pushstormVersion: '0.1.0',
  scenario: { name: 'tiny', hash: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
  seed: 42,
  users: 50,
  macs: 53,
  phones: 50,
  simulatedDays: 7,
  incidents: 3,
  compromises: 1,
  records: 12345,
  byType: { 'mfa.challenge': 2000, 'auth.attempt': 4000, 'mac.mfa.request': 345, 'session.start': 6000 },
  bySource: { mac: 345, idp: 12000 },
  outputs: { dir: 'out/tiny-seed42', events: 'out/tiny-seed42/events.ndjson', truth: 'out/tiny-seed42/truth.json' },
  wallMs: 1234,
  recordsPerSecond: 10004,
};

describe('formatSummary', () => {
  it('prints identity, sizes, aligned tables sorted by key with shares, outputs and speed', () => {
    expect(formatSummary(summary)).toBe(
      [
        'scenario tiny (hash 0123456789ab), seed 42',
        '',
        '  users                50',
        '  Macs                 53',
        '  phones               50',
        '  simulated days        7',
        '  incidents             3',
        '  compromises           1',
        '  records          12,345',
        '',
        'events by type',
        '  auth.attempt      4,000   32.4%',
        '  mac.mfa.request     345    2.8%',
        '  mfa.challenge     2,000   16.2%',
        '  session.start     6,000   48.6%',
        '',
        'events by source',
        '  idp              12,000   97.2%',
        '  mac                 345    2.8%',
        '',
        'outputs',
        '  events  out/tiny-seed42/events.ndjson',
        '  truth   out/tiny-seed42/truth.json',
        '',
        'wall time 1.23 s, 10,004 records/s',
        '',
      ].join('\n'),
    );
  });

  it('shows fractional days with up to two decimals and an empty run without dividing by zero', () => {
    const text = formatSummary({ ...summary, simulatedDays: 0.5, records: 0, byType: {}, bySource: {}, wallMs: 3, recordsPerSecond: 0 });
    expect(text).toContain('  simulated days  0.5\n');
    expect(text).toContain('events by type\n  (none)            0\n');
    expect(text).toContain('wall time 0.00 s, 0 records/s\n');
  });
});
