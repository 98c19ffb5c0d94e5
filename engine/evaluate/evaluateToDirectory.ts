import { join, resolve } from 'node:path';
import type { ScenarioOverrides, ResolvedScenario } from '../../generators/scenario/index.ts';
import type { SimulationProgress } from '../../generators/world/SimulationResult.ts';
import type { WorldCache } from '../formats/cache/WorldCache.ts';
import { readTruthFile } from '../formats/canonical/readTruthFile.ts';
import { NdjsonFileWriter } from '../formats/files/NdjsonFileWriter.ts';
import { writeJsonFileAtomic } from '../formats/files/writeJsonFileAtomic.ts';
import { openEventInput } from '../formats/reader/readEventLines.ts';
import { LogRecordReader } from '../formats/reader/LogRecordReader.ts';
import { pushstormVersion } from '../model/version.ts';
import { describeInstance } from '../runtime/describeInstance.ts';
import type { DetectorInstance } from '../runtime/DetectorRuntime.ts';
import { displayPath } from './displayPath.ts';
import type { Evaluation } from './Evaluation.ts';
import { EvaluationPass } from './EvaluationPass.ts';
import { SqlDetectors } from './sql/SqlDetectors.ts';
import { loadDetectorInstances, type DetectorSelection } from './loadDetectorInstances.ts';
import { buildScoreReport } from './report/buildScoreReport.ts';
import { writeReport } from './report/writeReport.ts';
import type { RunSummary } from './RunSummary.ts';
import { simulateToDirectory } from './simulateToDirectory.ts';

/** Options of {@link evaluateToDirectory}: what `pushstorm run` takes. */
export interface EvaluateToDirectoryOptions extends ScenarioOverrides {
  /** Simulate a world above `CONFIRM_USERS` users (`--yes`); without it such a world is refused before it starts. */
  confirmed?: boolean;
  /**
   * The detectors to run: instances (`resolveInstances`), or a selection as `--detectors` and `--params` give it
   * (`loadDetectorInstances`, checked before anything is simulated). Default every detector at its defaults.
   */
  detectors?: readonly DetectorInstance[] | DetectorSelection;
  /** Output directory, relative to `cwd`; default `defaultOutputDir`. */
  out?: string;
  /** Where the report goes, relative to `cwd`; default `<out>/report`. */
  report?: string;
  /** What relative paths are relative to, and what the written provenance names files from (default the working directory). */
  cwd?: string;
  workers?: number;
  /** A wall clock in ms for the timings (the CLI passes `performance.now`); without one they are 0. */
  now?: () => number;
  onStart?: (scenario: ResolvedScenario, outDir: string) => void;
  onProgress?: (progress: SimulationProgress) => void;
  /** Where simulated worlds are kept (`--cache`): see `simulateToDirectory`. */
  cache?: WorldCache;
  /** Called when the simulation is written and detection starts. */
  onDetecting?: (simulation: RunSummary) => void;
}

/** Where a run's files came from, as score.json records it (paths relative to the working directory when inside it). */
interface RunProvenance {
  pushstormVersion: string;
  scenario: { name: string; hash: string };
  seed: number;
  truthFile: string;
  alertsFile: string;
  eventsFile: string;
  /** The pushstorm version that simulated the world. */
  simulatedWith: string;
}

/** What {@link evaluateToDirectory} wrote and found. */
export interface DirectoryEvaluation {
  /** The simulation's summary, its paths absolute. */
  simulation: RunSummary;
  evaluation: Evaluation;
  provenance: RunProvenance;
  /** Absolute paths of the files written besides the simulation's. */
  files: { alerts: string; score: string; report: string };
  /** Wall time in ms (0 without `now`). */
  wallMs: { simulate: number; detectAndScore: number };
}

/**
 * The main job through files — the file-writing form of the one pipeline: simulates a scenario file into a directory
 * (`simulateToDirectory`: events.ndjson, truth.json), reads the events back and runs the same pass as
 * `evaluateScenario` over them ({@link EvaluationPass}, so the figures are those tune and gate see), writing
 * alerts.ndjson as it goes, then score.json (`{ provenance, score }`, as `pushstorm score --json`) and the report
 * (report.html, report.md, report.json).
 *
 * @throws ScenarioError before anything is written, for a bad scenario.
 */
export async function evaluateToDirectory(scenarioFile: string, options: EvaluateToDirectoryOptions = {}): Promise<DirectoryEvaluation> {
  const cwd = options.cwd ?? process.cwd();
  const instances = Array.isArray(options.detectors)
    ? (options.detectors as readonly DetectorInstance[])
    : loadDetectorInstances((options.detectors as DetectorSelection | undefined) ?? {});
  const now = options.now ?? (() => 0);
  const simulation = await simulateToDirectory(scenarioFile, {
    seed: options.seed,
    users: options.users,
    days: options.days,
    out: options.out,
    cwd,
    workers: options.workers,
    now: options.now,
    confirmed: options.confirmed,
    command: 'run',
    onStart: options.onStart,
    onProgress: options.onProgress,
    cache: options.cache,
  });
  const dir = simulation.outputs.dir;
  const alertsPath = join(dir, 'alerts.ndjson');
  const truth = readTruthFile(simulation.outputs.truth);
  options.onDetecting?.(simulation);

  const started = now();
  const writer = new NdjsonFileWriter(alertsPath, { atomic: true });
  const sql = await SqlDetectors.of(instances);
  const pass = new EvaluationPass(instances, { labels: truth.labels, onAlert: (alert) => writer.write(alert), sql });
  let evaluation: Evaluation;
  try {
    const reader = new LogRecordReader(openEventInput(simulation.outputs.events), { format: 'canonical', strict: true });
    for await (const event of reader.events()) pass.push(event);
    evaluation = await pass.finishAsync(truth);
    writer.close();
  } catch (error) {
    writer.abort();
    sql?.close();
    throw error;
  }
  const detectMs = now() - started;

  const provenance: RunProvenance = {
    pushstormVersion,
    scenario: truth.scenario,
    seed: truth.seed,
    truthFile: displayPath(simulation.outputs.truth, cwd),
    alertsFile: displayPath(alertsPath, cwd),
    eventsFile: displayPath(simulation.outputs.events, cwd),
    simulatedWith: truth.pushstormVersion,
  };
  const scorePath = join(dir, 'score.json');
  writeJsonFileAtomic(scorePath, { provenance, score: evaluation.score });

  const report = await writeReport(
    buildScoreReport({
      kind: 'run',
      score: evaluation.score,
      truth,
      attackEvents: evaluation.attackEvents,
      provenance: {
        pushstormVersion,
        scenarios: [{ name: truth.scenario.name, hash: truth.scenario.hash, seeds: [truth.seed] }],
        detectors: instances.map(describeInstance),
        files: { events: provenance.eventsFile, truth: provenance.truthFile, alerts: provenance.alertsFile },
      },
    }),
    resolve(cwd, options.report ?? join(dir, 'report')),
  );
  return {
    simulation,
    evaluation,
    provenance,
    files: { alerts: alertsPath, score: scorePath, report: report.html },
    wallMs: { simulate: simulation.wallMs, detectAndScore: Math.round(detectMs) },
  };
}
