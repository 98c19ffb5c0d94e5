import { describe, expect, it } from 'vitest';
import { describeDetected } from '../../../../engine/cli/_internal/formatInput.ts';

describe('describeDetected', () => {
  it('names exactly the records the format was told from, and how many looked like it', () => {
    expect(describeDetected({ format: 'okta', how: 'sniffed', sampled: 64, matched: 64, container: 'ndjson' })).toBe(
      'okta (told from 64 records at the start: all 64 look like okta), ndjson',
    );
    expect(describeDetected({ format: 'duo', how: 'sniffed', sampled: 64, matched: 61, container: 'pages' })).toBe(
      'duo (told from 64 records at the start: 61 look like duo), pages',
    );
    expect(describeDetected({ format: 'entra', how: 'sniffed', sampled: 1, matched: 1, container: 'json-array' })).toBe(
      'entra (told from 1 record at the start: it looks like entra), json-array',
    );
  });

  it('says when the format was given, or when there was nothing to tell it from', () => {
    expect(describeDetected({ format: 'okta', how: 'given', sampled: 0, matched: 0, container: 'ndjson' })).toBe(
      'okta (given by --format), ndjson',
    );
    expect(describeDetected({ format: 'canonical', how: 'sniffed', sampled: 0, matched: 0, container: 'ndjson' })).toBe(
      'canonical (no readable record to tell the format from), ndjson',
    );
    expect(describeDetected({ format: 'canonical', how: 'sniffed', sampled: 2, matched: 0, container: 'ndjson' })).toBe(
      'canonical (2 records at the start look like no known format; read as canonical for the event fields they hold), ndjson',
    );
    expect(describeDetected(undefined)).toBe('none (empty input)');
  });
});
