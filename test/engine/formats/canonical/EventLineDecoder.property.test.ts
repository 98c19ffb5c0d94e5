import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEventLine, matchesEventSchemaFast, validateEventSchema } from '../../../../engine/formats/canonical/EventLineDecoder.ts';
import { quarantineReasons } from '../../../../engine/model/QuarantineReason.ts';
import { END_TIME, MIN_TIME, nearValidEvent, validEvent } from '../reader/eventArbitraries.ts';

describe('fast path vs ajv', () => {
  it('accepts every schema-valid event, as ajv does', () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        expect(validateEventSchema(event)).toBe(true);
        expect(matchesEventSchemaFast(event)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes the same accept/reject decision as ajv on near-valid events', () => {
    let rejected = 0;
    fc.assert(
      fc.property(nearValidEvent, (event) => {
        const byAjv = validateEventSchema(event);
        if (!byAjv) rejected++;
        expect(matchesEventSchemaFast(event)).toBe(byAjv);
      }),
      { numRuns: 10_000 },
    );
    // The generator is useful only if it produces both kinds.
    expect(rejected).toBeGreaterThan(2000);
    expect(rejected).toBeLessThan(9500);
  });
});

describe('decodeEventLine fuzz', () => {
  /** The decoder's verdict must match the schema plus the time range; a rejection always has a reason and detail. */
  function checkLine(text: string): void {
    const decoded = decodeEventLine(text);
    let parsed: unknown;
    let parses = true;
    try {
      parsed = JSON.parse(text);
    } catch {
      parses = false;
    }
    const isObject = parses && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    const expected =
      isObject &&
      validateEventSchema(parsed) &&
      (parsed as { time: number }).time >= MIN_TIME &&
      (parsed as { time: number }).time < END_TIME;
    expect(decoded.ok).toBe(expected);
    if (decoded.ok) {
      expect(decoded.event).toEqual(parsed);
    } else {
      expect(quarantineReasons).toContain(decoded.reason);
      expect(decoded.reason).not.toBe('oversized_line');
      expect(decoded.detail.length).toBeGreaterThan(0);
      if (!parses) expect(decoded.reason).toMatch(/^(empty_line|malformed_json)$/);
      else if (!isObject) expect(decoded.reason).toBe('not_an_object');
    }
  }

  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkLine), { numRuns: 3000 });
  });

  it('never throws on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => checkLine(JSON.stringify(value))),
      { numRuns: 3000 },
    );
  });

  it('never throws on truncated valid lines', () => {
    fc.assert(
      fc.property(validEvent, fc.nat(), (event, cut) => {
        const text = JSON.stringify(event);
        checkLine(text.slice(0, cut % (text.length + 1)));
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on events with broken, huge or extra fields', () => {
    fc.assert(
      fc.property(nearValidEvent, (event) => {
        const text = JSON.stringify(event);
        if (text !== undefined) checkLine(text);
      }),
      { numRuns: 5000 },
    );
  });
});
