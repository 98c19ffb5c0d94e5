import { mkdirSync } from 'node:fs';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { replaceOwnedFiles } from '../formats/files/ownedFiles.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import { checkWorldSize } from './checkWorldSize.ts';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadScenarioFile, type ResolvedScenario, type ScenarioOverrides } from '../../generators/scenario/index.ts';
import { simulateAsync } from '../../generators/world/simulateAsync.ts';
import { simulateParallel } from '../../generators/world/simulateParallel.ts';
import type { SimulationProgress, SimulationResult } from '../../generators/world/SimulationResult.ts';
import { NdjsonFileWriter } from '../formats/files/NdjsonFileWriter.ts';
import { writeJsonFileAtomic } from '../formats/files/writeJsonFileAtomic.ts';
import { chooseLogFormats, writeVendorLogs } from '../formats/files/writeVendorLogs.ts';
import { pushstormVersion } from '../model/version.ts';
import { defaultOutputDir } from './defaultOutputDir.ts';
import { macHosts } from './macHosts.ts';
import type { RunSummary } from './RunSummary.ts';

/** Options of {@link simulateToDirectory}: what `pushstorm simulate` takes. */
export interface SimulateToDirectoryOptions extends ScenarioOverrides {
  /** Output directory, relative to `cwd`; default {@link defaultOutputDir}. */
  out?: string;
  /** What relative paths are relative to (default the process's working directory). */
  cwd?: string;
  /** Worker threads; default {@link defaultWorkers}. The output is the same for any count. */
  workers?: number;
  /** Format of the IdP log written under `logs/` (default canonical: events.ndjson only). */
  format?: string;
  /** Format of the Mac logs written under `logs/` (default canonical). */
  macFormat?: string;
  /** Called every few simulated hours with the share of simulated time done. */
  onProgress?: (progress: SimulationProgress) => void;
  /** A wall clock in ms for the summary's `wallMs` and speed (the CLI passes `performance.now`); without one they are 0. */
  now?: () => number;
  /** Simulate a world above `CONFIRM_USERS` users (`--yes`); without it such a world is refused before it starts. */
  confirmed?: boolean;
  /** The command, for the refusal's message (default `simulate`). */
  command?: string;
  /** Called once the scenario is loaded and checked, before anything is written (a progress bar's title). */
  onStart?: (scenario: ResolvedScenario, outDir: string) => void;
}

/**
 * Threads worth using: below about 20,000 user-days the workers' start-up (each draws the whole population) costs
 * more than the second core saves.
 */
function defaultWorkers(scenario: ResolvedScenario): number {
  const userDays = (scenario.population.users * scenario.durationMs) / 86_400_000;
  return userDays >= 20_000 && availableParallelism() >= 2 ? 2 : 1;
}

/** Names of the files a simulation writes in its output directory. */
const OUTPUT_FILES = { events: 'events.ndjson', truth: 'truth.json' } as const;

/**
 * Simulates a scenario file into a directory: loads and validates the scenario (throwing `ScenarioError` before
 * anything touches the disk), writes `events.ndjson` and `truth.json` (each under its real name only once complete)
 * and, with a vendor `format`/`macFormat`, the logs under `logs/`. Returns the summary `pushstorm simulate` prints,
 * its output paths absolute.
 *
 * @throws ScenarioError listing every problem of the scenario; FormatError for a format that cannot hold its source;
 * LargeWorldError for a world above `CONFIRM_USERS` users without `confirmed`.
 */
export async function simulateToDirectory(scenarioFile: string, options: SimulateToDirectoryOptions = {}): Promise<RunSummary> {
  const cwd = options.cwd ?? process.cwd();
  const overrides: ScenarioOverrides = { seed: options.seed, users: options.users, days: options.days };
  const scenario = await loadScenarioFile(scenarioFile, overrides);
  checkWorldSize(scenario, options.confirmed === true, options.command ?? 'simulate', scenarioFile);
  const { idpFormat, macFormat } = chooseLogFormats(options);
  const outDir = resolve(cwd, options.out ?? defaultOutputDir(scenario, overrides));
  const folderIssue = checkOutputFolder('--out', options.out ?? outDir, cwd);
  if (folderIssue) throw new OptionError(options.command ?? 'simulate', [folderIssue]);
  const eventsPath = join(outDir, OUTPUT_FILES.events);
  const truthPath = join(outDir, OUTPUT_FILES.truth);
  options.onStart?.(scenario, outDir);
  mkdirSync(outDir, { recursive: true });

  const now = options.now ?? (() => 0);
  const started = now();
  const writer = new NdjsonFileWriter(eventsPath, { atomic: true });
  let result: SimulationResult;
  try {
    const progress = options.onProgress ? { onProgress: options.onProgress } : {};
    const workers = options.workers ?? defaultWorkers(scenario);
    result =
      workers > 1
        ? await simulateParallel(scenario, (line) => writer.writeLine(line), { workers, ...progress })
        : await simulateAsync(scenario, (event) => writer.write(event), progress);
    writer.close();
  } catch (error) {
    writer.abort();
    throw error;
  }
  writeJsonFileAtomic(truthPath, result.truth);
  const perHost = macFormat.perHost ? macHosts(scenario) : [];
  const logs =
    idpFormat.id === 'canonical' && macFormat.id === 'canonical'
      ? undefined
      : await writeVendorLogs(perHost, eventsPath, join(outDir, 'logs'), idpFormat, macFormat);
  // What an earlier simulation wrote here and this one did not (per-Mac logs of a larger world) goes: never anything else.
  replaceOwnedFiles(outDir, [
    eventsPath,
    truthPath,
    ...(logs?.files.map((f) => f.path) ?? []),
    ...(logs?.inventory ? [logs.inventory] : []),
  ]);
  const wallMs = now() - started;

  const { summary } = result;
  const records = writer.lines;
  return {
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
      dir: outDir,
      events: eventsPath,
      truth: truthPath,
      ...(logs ? { logs: logs.files.map((f) => ({ path: f.path, format: f.format, source: f.source, records: f.records })) } : {}),
      ...(logs?.inventory ? { inventory: logs.inventory } : {}),
    },
    wallMs: Math.round(wallMs),
    recordsPerSecond: wallMs > 0 ? Math.round((records * 1000) / wallMs) : 0,
  };
}
