/**
 * `npm run bench:formats [-- --rounds N]`: what the vendor formats cost. Simulates `scenarios/default.yaml` at
 * 1,000 users × 7 days once, then for each format, alternating rounds (median reported):
 *
 *   encode   canonical events → the format's records, serialised as NDJSON lines (records/s);
 *   decode   those lines → `JSON.parse` → the format's decoder (records/s), and the ratio to `JSON.parse` alone;
 *   read     the whole path `detect` takes: a file of the format through `LogRecordReader` (format sniffed, every
 *            event checked against the canonical schema), in events/s, and its ratio to the canonical NDJSON read.
 *
 * The unified log is one file per Mac: its figures are summed over the Macs. Prints a table and writes
 * bench-results/formats.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { macHosts } from '../../engine/evaluate/macHosts.ts';
import type { LogFormat, MacHost } from '../../engine/formats/LogFormat.ts';
import { LogRecordReader } from '../../engine/formats/reader/LogRecordReader.ts';
import { formatUnifiedLogLine } from '../../engine/formats/unifiedlog/formatUnifiedLogLine.ts';
import { logFormats } from '../../engine/formats/logFormats.ts';
import type { CanonicalEvent } from '../../engine/model/generated/event.ts';
import { openEventInput } from '../../engine/formats/reader/readEventLines.ts';
import { pushstormVersion } from '../../engine/model/version.ts';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import { simulate } from '../../generators/world/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;

const scenario = await loadScenarioFile(path.join(root, 'scenarios/default.yaml'), { users: 1000, days: 7 });
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
  if (format.perHost) return hosts.filter((h) => byDevice.has(h.device!.id)).map((host) => ({ events: byDevice.get(host.device!.id)!, host }));
  const sources = new Set(format.sources);
  return [{ events: events.filter((e) => sources.has(e.source)) }];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};

interface Row {
  format: string;
  events: number;
  records: number;
  encodePerS: number;
  parsePerS: number;
  decodePerS: number;
  decodeVsParse: number;
  readEventsPerS: number;
}
const rows: Row[] = [];
for (const format of logFormats) {
  const parts = partsOf(format);
  const lineOf = (r: unknown) => (format.id === 'unifiedlog' ? formatUnifiedLogLine(r) : JSON.stringify(r));
  let files: Array<{ file: string; lines: string[]; host?: MacHost }> = [];
  const encode: number[] = [];
  const parse: number[] = [];
  const decode: number[] = [];
  const read: number[] = [];
  let decodedEvents = 0;
  for (let round = 0; round < rounds; round++) {
    encode.push(
      time(() => {
        files = parts.map((p, i) => {
          const encoder = format.createEncoder(p.host ? { host: p.host } : {});
          const lines = p.events.flatMap((e) => encoder.encode(e).map(lineOf));
          lines.push(...encoder.end().map(lineOf));
          return { file: path.join(dir, `${format.id}-${i}.ndjson`), lines, host: p.host };
        });
      }),
    );
    parse.push(time(() => files.forEach((f) => f.lines.forEach((l) => JSON.parse(l)))));
    decode.push(
      time(() => {
        for (const f of files) {
          const decoder = format.createDecoder(f.host ? { host: f.host } : {});
          for (const l of f.lines) decoder.decode(JSON.parse(l));
        }
      }),
    );
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
    read.push((performance.now() - t) / 1000);
  }
  const records = files.reduce((a, f) => a + f.lines.length, 0);
  rows.push({
    format: format.id,
    events: parts.reduce((a, p) => a + p.events.length, 0),
    records,
    encodePerS: Math.round(records / median(encode)),
    parsePerS: Math.round(records / median(parse)),
    decodePerS: Math.round(records / (median(decode))),
    decodeVsParse: Math.round((median(parse) / median(decode)) * 100) / 100,
    readEventsPerS: Math.round(decodedEvents / median(read)),
  });
}
rmSync(dir, { recursive: true, force: true });

const canonical = rows.find((r) => r.format === 'canonical')!.readEventsPerS;
const fmt = (n: number) => n.toLocaleString('en-US');
const table = [
  ['format', 'events', 'records', 'encode rec/s', 'JSON.parse rec/s', 'parse+decode rec/s', 'vs parse', 'read (detect) ev/s', 'vs canonical'],
  ...rows.map((r) => [r.format, fmt(r.events), fmt(r.records), fmt(r.encodePerS), fmt(r.parsePerS), fmt(r.decodePerS), r.decodeVsParse.toFixed(2), fmt(r.readEventsPerS), (r.readEventsPerS / canonical).toFixed(2)]),
];
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
console.log(`formats: ${scenario.name} at 1,000 users × 7 days, ${fmt(events.length)} canonical events, median of ${rounds} rounds\n`);
for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version };
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
const out = path.join(root, 'bench-results/formats.json');
writeFileSync(out, `${JSON.stringify({ pushstormVersion, scenario: { name: scenario.name, hash: scenario.hash, seed: scenario.seed }, users: 1000, days: 7, rounds, machine, rows }, null, 2)}\n`);
console.log(`\nmachine: ${machine.cpu}, ${machine.cpus} cores, Node ${machine.node}\nwritten: ${path.relative(process.cwd(), out)}`);
