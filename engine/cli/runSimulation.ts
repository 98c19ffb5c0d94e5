import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenarioFile } from '../../generators/scenario/index.ts';
import type { SimulationProgress, SimulationResult } from '../../generators/world/SimulationResult.ts';
import type { ResolvedScenario } from '../../generators/scenario/index.ts';
import { simulateParallel } from '../../generators/world/simulateParallel.ts';
import { simulate } from '../../generators/world/simulate.ts';
import { NdjsonFileWriter } from '../formats/files/NdjsonFileWriter.ts';
import { writeJsonFileAtomic } from '../formats/files/writeJsonFileAtomic.ts';
import { writeVendorLogs, chooseLogFormats } from '../formats/files/writeVendorLogs.ts';
import { macHosts } from '../evaluate/macHosts.ts';
import { createProgressBar } from './_internal/createProgressBar.ts';
import { displayPath } from './_internal/displayPath.ts';
import type { CliIo } from './CliIo.ts';
import { formatSummary } from './formatSummary.ts';
import { pushstormVersion } from '../model/version.ts';
import type { RunSummary } from './RunSummary.ts';

/** What to simulate and how to report it: the options of `pushstorm simulate`. */
export interface SimulationRequest {
  /** Scenario file (YAML or JSON), relative to `cwd`. */
  scenarioFile: string;
  seed?: number;
  users?: number;
  days?: number;
  /** Output directory, relative to `cwd`; default `out/<scenario name>-seed<seed>`. */
  out?: string;
  /** No progress bar. */
  quiet?: boolean;
  /** Print the summary as one JSON line instead of text. */
  json?: boolean;
  /** Worker threads; default {@link defaultWorkers}. The output is the same for any count. */
  workers?: number;
  /** Print the summary (default true); `pushstorm run` prints its own. */
  print?: boolean;
  /** Format of the IdP log written under `logs/` (default canonical: events.ndjson only). */
  format?: string;
  /** Format of the Mac logs written under `logs/` (default canonical). */
  macFormat?: string;
}

/** Help text of the --workers option. */
export const WORKERS_HELP =
  'worker threads (default: 2 from 20,000 user-days on a machine with 2+ cores, else 1; any count gives the same bytes)';

/**
 * Threads worth using: below about 20,000 user-days the workers' start-up (each draws the whole population) costs
 * more than the second core saves.
 */
export function defaultWorkers(scenario: ResolvedScenario): number {
  const userDays = (scenario.population.users * scenario.durationMs) / 86_400_000;
  return userDays >= 20_000 && availableParallelism() >= 2 ? 2 : 1;
}

/** Names of the files a run writes in its output directory. */
export const OUTPUT_FILES = { events: 'events.ndjson', truth: 'truth.json' } as const;

/**
 * Loads and validates the scenario (throwing `ScenarioError` before anything touches the disk), simulates it into
 * `<out>/events.ndjson` and `<out>/truth.json`, and prints the summary on `io.stdout`. Each file appears under its
 * real name only once complete. Returns the summary.
 */
export async function runSimulation(request: SimulationRequest, io: CliIo, cwd: string = process.cwd()): Promise<RunSummary> {
  // The loader names the file in its errors: give it the path as the user would write it from here.
  const scenarioFile = displayPath(resolve(cwd, request.scenarioFile), process.cwd());
  const scenario = await loadScenarioFile(scenarioFile, {
    seed: request.seed,
    users: request.users,
    days: request.days,
  });

  const { idpFormat, macFormat } = chooseLogFormats(request);
  const outDir = resolve(cwd, request.out ?? join('out', `${scenario.name}-seed${scenario.seed}`));
  const eventsPath = join(outDir, OUTPUT_FILES.events);
  const truthPath = join(outDir, OUTPUT_FILES.truth);
  mkdirSync(outDir, { recursive: true });

  const started = performance.now();
  const writer = new NdjsonFileWriter(eventsPath, { atomic: true });
  const bar = io.isTTY && !request.quiet ? createProgressBar(io.stderr as NodeJS.WritableStream, `simulating ${scenario.name}`) : undefined;
  let result: SimulationResult;
  try {
    const progress = bar ? { onProgress: (p: SimulationProgress) => bar.update(p) } : {};
    const workers = request.workers ?? defaultWorkers(scenario);
    result =
      workers > 1
        ? await simulateParallel(scenario, (line) => writer.writeLine(line), { workers, ...progress })
        : simulate(scenario, (event) => writer.write(event), progress);
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    bar?.stop();
  }
  writeJsonFileAtomic(truthPath, result.truth);
  const logs = idpFormat.id === 'canonical' && macFormat.id === 'canonical' ? undefined : await writeVendorLogs(macFormat.perHost ? macHosts(scenario) : [], eventsPath, join(outDir, 'logs'), idpFormat, macFormat);
  const wallMs = performance.now() - started;

  const { summary } = result;
  const records = writer.lines;
  const runSummary: RunSummary = {
    pushstormVersion,
    scenario: { name: scenario.name, hash: scenario.hash },
    seed: scenario.seed,
    users: summary.users,
    macs: summary.macs,
    phones: summary.phones,
    simulatedDays: summary.simulatedDays,
    incidents: summary.incidents,
    compromises: summary.compromises,
    records,
    byType: summary.byType,
    bySource: summary.bySource,
    outputs: {
      dir: displayPath(outDir, cwd),
      events: displayPath(eventsPath, cwd),
      truth: displayPath(truthPath, cwd),
      ...(logs ? { logs: logs.files.map((f) => ({ path: displayPath(f.path, cwd), format: f.format, source: f.source, records: f.records })) } : {}),
      ...(logs?.inventory ? { inventory: displayPath(logs.inventory, cwd) } : {}),
    },
    wallMs: Math.round(wallMs),
    recordsPerSecond: wallMs > 0 ? Math.round((records * 1000) / wallMs) : 0,
  };
  if (request.print !== false) io.stdout.write(request.json ? JSON.stringify(runSummary) + '\n' : formatSummary(runSummary));
  return runSummary;
}
