/**
 * inject keeps the log byte for byte, as its help promises: whatever the log holds — blank lines, lines it cannot
 * read, an array on a line, CRLF line ends, bytes that are not UTF-8, records out of time order, no final newline —
 * taking the injected lines out of the merged log gives back the original file exactly.
 */
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import { injectIntoLog } from '../../../../engine/tools/inject/injectIntoLog.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import type { ResolvedScenario } from '../../../../generators/scenario/ResolvedScenario.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import { encodeAll } from '../../formats/_harness.ts';

const scenarioFile = (name: string) => fileURLToPath(new URL(`../../../../scenarios/${name}.yaml`, import.meta.url));
let logLines: Buffer[];
let attack: ResolvedScenario;

beforeAll(async () => {
  const benign = runWorld(await loadScenarioFile(scenarioFile('quiet-month'), { users: 60, days: 5 })).events;
  logLines = encodeAll(oktaFormat, benign).map((r) => Buffer.from(JSON.stringify(r)));
  attack = await loadScenarioFile(scenarioFile('uber-burst'));
}, 60_000);

/** What may be slipped into a real export between its records. */
const oddLine = fc.constantFrom(
  Buffer.from(''),
  Buffer.from('   '),
  Buffer.from('[]'),
  Buffer.from('not json at all'),
  Buffer.from('{"half":'),
  Buffer.from([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"u":"<invalid UTF-8>"}
  Buffer.from('{"user":"\ufffd"}'),
);

describe('inject keeps the log byte for byte (property)', () => {
  it('the original segments are the input exactly, the segments are the output, and every injected line is whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), oddLine), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 7, max: 5000 }),
        async (odd, swaps, eol, finalEol, chunk) => {
          const lines = [...logLines];
          // Records out of time order: a few neighbours swapped.
          for (const s of swaps) {
            const i = 1 + (s % (lines.length - 2));
            [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
          }
          for (const [at, line] of odd) lines.splice(1 + (at % (lines.length - 1)), 0, line);
          const parts: Buffer[] = [];
          for (const [i, l] of lines.entries()) parts.push(l, ...(i < lines.length - 1 || finalEol ? [Buffer.from(eol)] : []));
          const original = Buffer.concat(parts);
          const chunks: Buffer[] = [];
          for (let i = 0; i < original.length; i += chunk) chunks.push(original.subarray(i, i + chunk));

          const result = await injectIntoLog(Readable.from(chunks), attack);
          expect(result.added).toBeGreaterThan(0);
          const originals = Buffer.concat(result.segments.flatMap((s) => ('original' in s ? [s.original] : [])));
          expect(originals.equals(original)).toBe(true);
          const all = Buffer.concat(result.segments.map((s) => ('original' in s ? s.original : Buffer.from(s.injected))));
          expect(all.equals(result.log)).toBe(true);
          const injected = result.segments.flatMap((s) => ('injected' in s ? [s.injected] : []));
          expect(injected).toHaveLength(result.added);
          for (const s of injected) {
            // One line with the log's own line ending: before it only after a last line that had none.
            expect(s.endsWith(eol) || s.startsWith(eol)).toBe(true);
            expect(JSON.parse(s.trim())).toMatchObject({ uuid: expect.any(String) });
          }
          // Injected lines are in time order among themselves.
          const times = injected.map((s) => Date.parse(JSON.parse(s.trim()).published));
          expect(times).toEqual([...times].sort((a, b) => a - b));
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
