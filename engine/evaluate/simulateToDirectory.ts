import { mkdirSync } from 'node:fs';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { replaceOwnedFiles } from '../formats/files/ownedFiles.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import { checkWorldSize } from './checkWorldSize.ts';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { loadScenarioFile, type ResolvedScenario, type ScenarioOverrides } from '../../generators/scenario/index.ts';
import { simulateAsync } from '../../generators/world/simulateAsync.ts';
import { simulateParallel } from '../../generators/world/simulateParallel.ts';
import { simulatePartition, type PartitionResult } from '../../generators/world/simulatePartition.ts';
import type { Partition } from '../../generators/world/Partition.ts';
import type { SimulationProgress, SimulationResult } from '../../generators/world/SimulationResult.ts';
import { EVENTS_FILE_FORMATS, EventsFileWriter, type EventsFileFormat } from '../formats/files/EventsFileWriter.ts';
import type { OptionIssue } from '../model/errors/OptionError.ts';
import { PARTITION_MANIFEST, type PartitionManifest } from './PartitionManifest.ts';
import { writeJsonFileAtomic } from '../formats/files/writeJsonFileAtomic.ts';
import { chooseLogFormats, writeVendorLogs } from '../formats/files/writeVendorLogs.ts';
import { defaultOutputDir } from './defaultOutputDir.ts';
import { macHosts } from './macHosts.ts';
import type { RunSummary } from './RunSummary.ts';
import { runSummaryOf } from './_internal/runSummaryOf.ts';
import { worldKeyOf } from './_internal/worldKeyOf.ts';
import type { WorldCache } from '../formats/cache/WorldCache.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import type { SimulationSummary } from '../../generators/world/SimulationResult.ts';

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
  /** The events file: `ndjson` (default, `events.ndjson`) or `parquet` (`events.parquet`, written by DuckDB). */
  outFormat?: EventsFileFormat;
  /**
   * Simulate only this slice of the population ({@link Partition}), into a folder of its own (default
   * `<the world's folder>/part-K-of-N`), with a `partition.json` that {@link mergePartitionDirectories} reads to rebuild
   * the world. Vendor logs are the whole world's, so `format` and `macFormat` must stay canonical.
   */
  partition?: Partition;
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
  /**
   * Where simulated worlds are kept (`--cache`): a world found there is written out from it instead of simulated
   * (the same files, byte for byte), one that is not is stored as it is simulated. Not used for a partition.
   */
  cache?: WorldCache;
}

/**
 * Threads worth using: below about 20,000 user-days the workers' start-up (each draws the whole population) costs
 * more than the second core saves.
 */
function defaultWorkers(scenario: ResolvedScenario, partition?: Partition): number {
  const users = Math.ceil(scenario.population.users / (partition?.count ?? 1));
  const userDays = (users * scenario.durationMs) / 86_400_000;
  return userDays >= 20_000 && availableParallelism() >= 2 ? 2 : 1;
}

/** The problems with the options a partition or the events format is asked with, in the order of the options. */
function optionIssues(options: SimulateToDirectoryOptions): OptionIssue[] {
  const issues: OptionIssue[] = [];
  const { partition, outFormat } = options;
  if (outFormat !== undefined && !(EVENTS_FILE_FORMATS as readonly string[]).includes(outFormat))
    issues.push({ option: '--out-format', value: String(outFormat), message: `must be one of ${EVENTS_FILE_FORMATS.join(', ')}` });
  if (partition === undefined) return issues;
  const { index, count } = partition;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    issues.push({ option: '--partition', value: `${index}/${count}`, message: 'must be K/N with whole numbers 1 ≤ K ≤ N, e.g. 2/4' });
  for (const [option, id] of [
    ['--format', options.format],
    ['--mac-format', options.macFormat],
  ] as const)
    if (id !== undefined && id !== 'canonical')
      issues.push({
        option,
        value: id,
        message:
          id === 'unifiedlog'
            ? 'cannot be written by a partition: one log per Mac (a shared Mac’s holds users of several partitions) needs the whole world in one run'
            : `cannot be written by a partition: a vendor log is one file of the whole world; write it when merging (simulate merge DIR... --out DIR ${option} ${id})`,
      });
  return issues;
}

/**
 * Simulates a scenario file into a directory: loads and validates the scenario (throwing `ScenarioError` before
 * anything touches the disk), writes `events.ndjson` and `truth.json` (each under its real name only once complete)
 * and, with a vendor `format`/`macFormat`, the logs under `logs/`. Returns the summary `pushstorm simulate` prints,
 * its output paths absolute.
 *
 * With `outFormat: 'parquet'` the events are `events.parquet` instead ({@link EventsFileWriter}); with a `partition`,
 * the folder holds that slice of the world and its `partition.json` ({@link PartitionManifest}).
 *
 * @throws OptionError for a bad partition or events format, or vendor logs asked of a partition; ScenarioError listing
 * every problem of the scenario; FormatError for a format that cannot hold its source; LargeWorldError for a world
 * above `CONFIRM_USERS` users without `confirmed`.
 */
export async function simulateToDirectory(scenarioFile: string, options: SimulateToDirectoryOptions = {}): Promise<RunSummary> {
  const cwd = options.cwd ?? process.cwd();
  const overrides: ScenarioOverrides = { seed: options.seed, users: options.users, days: options.days };
  const command = options.command ?? 'simulate';
  const issues = optionIssues(options);
  if (issues.length > 0) throw new OptionError(command, issues);
  const { partition } = options;
  const scenario = await loadScenarioFile(scenarioFile, overrides);
  checkWorldSize(scenario, options.confirmed === true, command, scenarioFile, partition);
  const { idpFormat, macFormat } = chooseLogFormats(options);
  const worldDir = defaultOutputDir(scenario, overrides);
  const outDir = resolve(cwd, options.out ?? (partition ? join(worldDir, `part-${partition.index}-of-${partition.count}`) : worldDir));
  const folderIssue = checkOutputFolder('--out', options.out ?? outDir, cwd);
  if (folderIssue) throw new OptionError(command, [folderIssue]);
  const truthPath = join(outDir, 'truth.json');
  const manifestPath = join(outDir, PARTITION_MANIFEST);
  options.onStart?.(scenario, outDir);
  mkdirSync(outDir, { recursive: true });

  const now = options.now ?? (() => 0);
  const started = now();
  const events = new EventsFileWriter(outDir, options.outFormat ?? 'ndjson');
  const cache = partition ? undefined : options.cache;
  const hit = cache?.lookup(worldKeyOf(scenario));
  // An entry stored by a pass that gave no counts (a library user's fill) cannot stand in for a simulation here.
  const cached = hit?.summary === undefined ? undefined : hit;
  const fill = cache && !cached ? cache.fill(worldKeyOf(scenario)) : undefined;
  let result: SimulationResult;
  let sliced: PartitionResult | undefined;
  let logs: Awaited<ReturnType<typeof writeVendorLogs>> | undefined;
  try {
    const progress = options.onProgress ? { onProgress: options.onProgress } : {};
    const workers = options.workers ?? defaultWorkers(scenario, partition);
    const writeLine = fill
      ? (line: string) => {
          events.writeLine(line);
          fill.write(JSON.parse(line) as CanonicalEvent);
        }
      : (line: string) => events.writeLine(line);
    const write = fill
      ? (event: CanonicalEvent) => {
          events.write(event);
          fill.write(event);
        }
      : (event: CanonicalEvent) => events.write(event);
    if (cached) {
      cached.readEvents(write);
      result = { truth: cached.truth, summary: cached.summary as SimulationSummary };
    } else
      result = partition
        ? (sliced = await simulatePartition(scenario, partition, writeLine, { workers, ...progress }))
        : workers > 1
          ? await simulateParallel(scenario, writeLine, { workers, ...progress })
          : await simulateAsync(scenario, write, progress);
    fill?.commit(result.truth, result.summary);
    events.closeLines();
    writeJsonFileAtomic(truthPath, result.truth);
    const perHost = macFormat.perHost ? macHosts(scenario) : [];
    logs =
      idpFormat.id === 'canonical' && macFormat.id === 'canonical'
        ? undefined
        : await writeVendorLogs(perHost, events.ndjsonPath, join(outDir, 'logs'), idpFormat, macFormat);
    await events.close();
  } catch (error) {
    events.abort();
    fill?.abort();
    throw error;
  }
  if (sliced) writeJsonFileAtomic(manifestPath, partitionManifest(sliced, events.path));
  // What an earlier simulation wrote here and this one did not (per-Mac logs of a larger world) goes: never anything else.
  replaceOwnedFiles(outDir, [
    events.path,
    truthPath,
    ...(partition ? [manifestPath] : []),
    ...(logs?.files.map((f) => f.path) ?? []),
    ...(logs?.inventory ? [logs.inventory] : []),
  ]);
  const wallMs = now() - started;

  return runSummaryOf({
    scenario: { name: scenario.name, hash: scenario.hash },
    seed: scenario.seed,
    summary: result.summary,
    records: events.lines,
    dir: outDir,
    events: events.path,
    truth: truthPath,
    logs,
    ...(partition ? { partition: { index: partition.index, count: partition.count, manifest: manifestPath } } : {}),
    ...(cached ? { cached: true } : {}),
    wallMs,
  });
}

/** The {@link PartitionManifest} of a partition's run, its events in `eventsPath`. */
function partitionManifest(result: PartitionResult, eventsPath: string): PartitionManifest {
  const { truth, partition } = result;
  return {
    note: `partition ${partition.index} of ${partition.count} of a world (the users i with i mod ${partition.count} = ${partition.index - 1}): pushstorm simulate merge rebuilds the world from all ${partition.count}`,
    pushstormVersion: truth.pushstormVersion,
    scenario: truth.scenario,
    seed: truth.seed,
    partition,
    events: basename(eventsPath),
    summary: result.summary,
    incidentOrder: result.incidentOrder,
  };
}
