import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadInputError } from '../../../../engine/model/errors/BadInputError.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { EventReader, readEvents } from '../../../../engine/formats/reader/readEvents.ts';
import { NdjsonFileWriter } from '../../../../engine/formats/files/NdjsonFileWriter.ts';
import { QuarantineWriter } from '../../../../engine/formats/reader/QuarantineWriter.ts';
import { openEventInput } from '../../../../engine/formats/reader/readEventLines.ts';
import type { QuarantinedLine } from '../../../../engine/formats/reader/readEvents.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { simulate } from '../../../../generators/world/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-read-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function* chunksOf(...chunks: string[]) {
  yield* chunks;
}

const time = Date.UTC(2026, 2, 2, 9, 30);
const event = (n: number) => ({
  id: `e${n}`,
  time: time + n,
  source: 'idp',
  type: 'auth.attempt',
  user: 'ana@example.com',
});
const ok = (n: number) => JSON.stringify(event(n));

async function drain(reader: EventReader): Promise<CanonicalEvent[]> {
  const events: CanonicalEvent[] = [];
  for await (const e of reader.events()) events.push(e);
  return events;
}

describe('EventReader', () => {
  it('reads simulated events back equal to what the simulator wrote', async () => {
    const scenario = await loadScenarioFile('scenarios/tiny.yaml');
    const file = join(dir, 'events.ndjson');
    const writer = new NdjsonFileWriter(file);
    const written: CanonicalEvent[] = [];
    simulate(scenario, (e) => {
      written.push(e);
      writer.write(e);
    });
    writer.close();

    const quarantined: QuarantinedLine[] = [];
    const reader = new EventReader(openEventInput(file), { onQuarantine: (q) => quarantined.push(q) });
    const events = await drain(reader);
    expect(events).toEqual(JSON.parse(JSON.stringify(written)));
    expect(quarantined).toEqual([]);
    expect(reader.stats).toMatchObject({ lines: written.length, accepted: written.length, quarantined: 0 });
  });

  it('quarantines bad lines with their numbers, reasons and details, and goes on', async () => {
    const input = [
      ok(1),
      '',
      '{"id":',
      ok(2),
      '[]',
      JSON.stringify({ ...event(3), type: 'mfa.chalenge' }),
      'x'.repeat(50),
      ok(4),
    ];
    const quarantined: QuarantinedLine[] = [];
    const reader = new EventReader(chunksOf(`${input.join('\r\n')}\r\n`), {
      maxLineBytes: 40 + ok(9).length,
      onQuarantine: (q) => quarantined.push(q),
    });
    const events = await drain(reader);
    expect(events.map((e) => e.id)).toEqual(['e1', 'e2', 'e4']);
    expect(quarantined.map(({ line, reason }) => [line, reason])).toEqual([
      [2, 'empty_line'],
      [3, 'malformed_json'],
      [5, 'not_an_object'],
      [6, 'unknown_type'],
      [7, 'malformed_json'],
    ]);
    expect(quarantined[3]).toEqual({
      line: 6,
      reason: 'unknown_type',
      detail: '/type: "mfa.chalenge" is not a known event type',
      text: input[5],
    });
    expect(reader.stats).toEqual({
      lines: 8,
      accepted: 3,
      quarantined: 5,
      byReason: {
        empty_line: 1,
        malformed_json: 2,
        not_an_object: 1,
        missing_field: 0,
        wrong_type: 0,
        unknown_type: 1,
        bad_timestamp: 0,
        oversized_line: 0,
        invalid: 0,
      },
    });
  });

  it('quarantines an oversized line without its text', async () => {
    const quarantined: QuarantinedLine[] = [];
    const long = JSON.stringify({ ...event(2), app: 'a'.repeat(500) });
    const reader = new EventReader(chunksOf(`${ok(1)}\n${long}\n${ok(3)}`), {
      maxLineBytes: 200,
      onQuarantine: (q) => quarantined.push(q),
    });
    expect((await drain(reader)).map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(quarantined).toEqual([
      { line: 2, reason: 'oversized_line', detail: `line is ${long.length} bytes, over the 200-byte limit`, text: '' },
    ]);
    expect(reader.stats.byReason.oversized_line).toBe(1);
  });

  it('keeps the first 512 characters of a quarantined line', async () => {
    const quarantined: QuarantinedLine[] = [];
    const long = `{${'"k":1,'.repeat(200)}`;
    await drain(new EventReader(chunksOf(long), { onQuarantine: (q) => quarantined.push(q) }));
    expect(quarantined[0].text).toBe(long.slice(0, 512));
  });

  it('counts only what it has handed out when the consumer stops early', async () => {
    const reader = new EventReader(chunksOf([ok(1), 'bad', ok(2), ok(3), 'bad', ok(4)].join('\n')));
    for await (const e of reader.events()) if (e.id === 'e2') break;
    expect(reader.stats).toMatchObject({ lines: 3, accepted: 2, quarantined: 1 });
  });

  it('can be iterated once', async () => {
    const reader = new EventReader(chunksOf(ok(1)));
    await drain(reader);
    await expect(drain(reader)).rejects.toThrow('EventReader.events() can be called only once');
  });

  describe('strict mode', () => {
    it('throws a BadInputError (exit code 1) at the first bad line, after the events before it', async () => {
      const quarantined: QuarantinedLine[] = [];
      const reader = new EventReader(
        chunksOf(`${ok(1)}\n${ok(2)}\n`, `${JSON.stringify({ ...event(3), time: '2026-03-02' })}\n${ok(4)}\nnope\n`),
        {
          strict: true,
          onQuarantine: (q) => quarantined.push(q),
        },
      );
      const seen: string[] = [];
      let caught: unknown;
      try {
        for await (const e of reader.events()) seen.push(e.id);
      } catch (error) {
        caught = error;
      }
      expect(seen).toEqual(['e1', 'e2']);
      expect(caught).toBeInstanceOf(BadInputError);
      expect(caught).toMatchObject({
        name: 'BadInputError',
        exitCode: 1,
        line: 3,
        reason: 'bad_timestamp',
        detail: '/time: expected integer epoch ms, got "2026-03-02"',
        message: 'line 3 rejected (bad_timestamp): /time: expected integer epoch ms, got "2026-03-02"',
      });
      expect(quarantined.map((q) => q.line)).toEqual([3]);
      expect(reader.stats).toMatchObject({ lines: 3, accepted: 2, quarantined: 1 });
    });

    it('stops at an oversized line too', async () => {
      await expect(
        drain(new EventReader(chunksOf(`${ok(1)}\n${'x'.repeat(100)}\n`), { strict: true, maxLineBytes: 99 })),
      ).rejects.toThrow(new BadInputError(2, 'oversized_line', 'line is 100 bytes, over the 99-byte limit'));
    });

    it('reads a clean input to the end', async () => {
      const events: CanonicalEvent[] = [];
      for await (const e of readEvents(chunksOf(`${ok(1)}\n${ok(2)}\n`), { strict: true })) events.push(e);
      expect(events).toEqual([event(1), event(2)]);
    });
  });
});

describe('QuarantineWriter', () => {
  it('writes quarantined lines as NDJSON and counts them', async () => {
    const file = join(dir, 'quarantine.ndjson');
    const quarantine = new QuarantineWriter(file);
    const reader = new EventReader(chunksOf(`${ok(1)}\n{"id":1}\n\n${ok(2)}\n`), {
      onQuarantine: (q) => quarantine.write(q),
    });
    await drain(reader);
    quarantine.close();
    expect(quarantine.count).toBe(2);
    expect(quarantine.path).toBe(file);
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { line: 2, reason: 'missing_field', detail: 'missing "time"', text: '{"id":1}' },
      { line: 3, reason: 'empty_line', detail: 'empty line', text: '' },
    ]);
  });
});
