import { describe, expect, it } from 'vitest';
import { NoEventsError } from '../../../../engine/model/errors/NoEventsError.ts';

describe('NoEventsError', () => {
  it('says in one line why nothing was accepted, pointing at the quarantine file', () => {
    expect(new NoEventsError('detect', 'stdin', 0, 0, 0).message).toBe('detect: no events in stdin: it is empty');
    expect(new NoEventsError('detect', 'stdin', 3, 3, 0, 'q.ndjson').message).toBe(
      'detect: no events accepted from stdin: all 3 records were quarantined (see q.ndjson)',
    );
    expect(new NoEventsError('detect', 'okta.json', 1, 0, 1).message).toBe(
      'detect: no events accepted from okta.json: the only record was skipped (of the format, but not part of a push flow)',
    );
    expect(new NoEventsError('detect', 'okta.json', 1_200, 1_199, 1, 'q.ndjson').message).toBe(
      'detect: no events accepted from okta.json: of 1,200 records, 1,199 were quarantined (see q.ndjson) and 1 was skipped (of the format, but not part of a push flow)',
    );
  });

  it('carries the counts and exits 1: the input was read, it just held nothing', () => {
    expect(new NoEventsError('detect', 'stdin', 3, 2, 1, 'q.ndjson')).toMatchObject({
      name: 'NoEventsError',
      exitCode: 1,
      records: 3,
      quarantined: 2,
      skipped: 1,
      quarantineFile: 'q.ndjson',
    });
  });
});
