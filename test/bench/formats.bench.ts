/**
 * `npm run bench:formats [-- --rounds N]`: what the vendor formats cost. Simulates `scenarios/default.yaml` at
 * 500 users × 7 days once, then for each format a warm-up round and `--rounds` (default 5) measured rounds, median
 * and range (slowest–fastest round) reported:
 *
 *   encode   canonical events → the format's records, serialised as NDJSON lines (records/s);
 *   decode   those lines → `JSON.parse` → the format's decoder (records/s), and the ratio to `JSON.parse` alone;
 *   read     the whole path `detect` takes: a file of the format through `LogRecordReader` (format sniffed, every
 *            event checked against the canonical schema), in events/s, and its ratio to the canonical NDJSON read.
 *
 * The unified log is one file per Mac: its figures are summed over the Macs. About 1.5 minutes on a 2-core VM.
 * `PUSHSTORM_BENCH_QUICK=1` shrinks it to a few seconds (100 users × 3 days, 2 rounds) to check that it works; those
 * figures mean nothing. Prints a table and writes bench-results/formats.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { macHosts } from '../../engine/evaluate/macHosts.ts';
import type { LogFormat, MacHost } from '../../engine/formats/LogFormat.ts';
import { LogRecordReader } from '../../engine/formats/reader/LogRecordReader.ts';
import { logFormats } from '../../engine/formats/logFormats.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { openEventInput } from '../../engine/formats/reader/readEventLines.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';
import { benchEnvironment, describeEnvironment, quickBench, writeBenchResults } from './benchEnvironment.ts';
import { formatWithRange, rateOf, summariseSamples } from './summariseSamples.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : quickBench ? 2 : 5;
const [users, days] = quickBench ? [100, 3] : [500, 7];
const environment = benchEnvironment();

const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users, days });
const events: CanonicalEvent[] = [];
simulate(scenario, (e) => events.push(e));
const hosts = macHosts(scenario);
const byDevice = new Map<string, CanonicalEvent[]>();
for (const e of events) if (e.source === 'mac') byDevice.set(e.device!.id, [...(byDevice.get(e.device!.id) ?? []), e]);
const dir = mkdtempSync(path.join(tmpdir(), 'pushstorm-formats-bench-'));

/** The files one format makes of the world: one, or one per Mac, each with its decoding context. */
interface Part {
  events: CanonicalEvent[];
  host?: MacHost;
}
function partsOf(format: LogFormat): Part[] {
  if (format.perHost)
    return hosts.filter((h) => byDevice.has(h.device!.id)).map((host) => ({ events: byDevice.get(host.device!.id)!, host }));
  const sources = new Set(format.sources);
  return [{ events: events.filter((e) => sources.has(e.source)) }];
}

const time = (f: () => void) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};

type Rate = { median: number; min: number; max: number };
interface Row {
  format: string;
  events: number;
  records: number;
  encodePerS: Rate;
  parsePerS: Rate;
  decodePerS: Rate;
  /** Ratio of the median times. */
  decodeVsParse: number;
  readEventsPerS: Rate;
}
const rows: Row[] = [];
for (const format of logFormats) {
  const parts = partsOf(format);
  const lineOf = (r: unknown) => format.toLine(r);
  let files: Array<{ file: string; lines: string[]; host?: MacHost }> = [];
  const encode: number[] = [];
  const parse: number[] = [];
  const decode: number[] = [];
  const read: number[] = [];
  let decodedEvents = 0;
  // Round 0 warms up (and writes the files read); rounds 1..rounds are measured.
  for (let round = 0; round <= rounds; round++) {
    const measured = round > 0;
    const encodeSeconds = time(() => {
      files = parts.map((p, i) => {
        const encoder = format.createEncoder(p.host ? { host: p.host } : {});
        const lines = p.events.flatMap((e) => encoder.encode(e).map(lineOf));
        lines.push(...encoder.end().map(lineOf));
        return { file: path.join(dir, `${format.id}-${i}.ndjson`), lines, host: p.host };
      });
    });
    const parseSeconds = time(() => {
      for (const f of files) for (const l of f.lines) JSON.parse(l);
    });
    const decodeSeconds = time(() => {
      for (const f of files) {
        const decoder = format.createDecoder(f.host ? { host: f.host } : {});
        for (const l of f.lines) decoder.decode(JSON.parse(l));
      }
    });
    if (measured) {
      encode.push(encodeSeconds);
      parse.push(parseSeconds);
      decode.push(decodeSeconds);
    }
    if (round === 0) for (const f of files) writeFileSync(f.file, `${f.lines.join('\n')}\n`);
    const t = performance.now();
    decodedEvents = 0;
    for (const f of files) {
      const reader = new LogRecordReader(openEventInput(f.file), { context: f.host ? { host: f.host } : {} });
      for await (const _ of reader.events()) decodedEvents++;
      // An okta-classic file is read by the okta decoder, and detected as okta.
      const family = format.id === 'okta-classic' ? 'okta' : format.id;
      if (reader.detected?.format !== family) throw new Error(`${f.file}: detected ${reader.detected?.format}`);
    }
    if (measured) read.push((performance.now() - t) / 1000);
  }
  const records = files.reduce((a, f) => a + f.lines.length, 0);
  rows.push({
    format: format.id,
    events: parts.reduce((a, p) => a + p.events.length, 0),
    records,
    encodePerS: rateOf(records, summariseSamples(encode)),
    parsePerS: rateOf(records, summariseSamples(parse)),
    decodePerS: rateOf(records, summariseSamples(decode)),
    decodeVsParse: Math.round((summariseSamples(parse).median / summariseSamples(decode).median) * 100) / 100,
    readEventsPerS: rateOf(decodedEvents, summariseSamples(read)),
  });
}
rmSync(dir, { recursive: true, force: true });

const canonical = rows.find((r) => r.format === 'canonical')!.readEventsPerS.median;
const fmt = (n: number) => n.toLocaleString('en-US');
const table = [
  [
    'format',
    'events',
    'records',
    'encode rec/s',
    'JSON.parse rec/s',
    'parse+decode rec/s',
    'vs parse',
    'read (detect) ev/s',
    'vs canonical',
  ],
  ...rows.map((r) => [
    r.format,
    fmt(r.events),
    fmt(r.records),
    formatWithRange(r.encodePerS),
    formatWithRange(r.parsePerS),
    formatWithRange(r.decodePerS),
    r.decodeVsParse.toFixed(2),
    formatWithRange(r.readEventsPerS),
    (r.readEventsPerS.median / canonical).toFixed(2),
  ]),
];
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
console.log(
  `formats: ${scenario.name} at ${fmt(users)} users × ${days} days, ${fmt(events.length)} canonical events, ` +
    `median (slowest–fastest) of ${rounds} rounds after a warm-up; ratios of medians\n`,
);
for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
const out = writeBenchResults('formats', environment, {
  scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed, users, days },
  rounds,
  rows,
});
console.log(`\n${describeEnvironment(environment)}\nwritten: ${out}`);
