/**
 * pushstorm as a library: what the CLI computes, a program can compute too. Simulate an organisation under MFA
 * fatigue attacks, run detectors (the built-in ones or your own) over the events, score the alerts against the
 * simulation's ground truth, sweep a detector's parameters, and read or write the vendor log formats.
 *
 * @example
 * ```ts
 * import { detect, score, simulate } from 'pushstorm';
 *
 * const world = await simulate('node_modules/pushstorm/scenarios/uber-burst.yaml', { users: 50, days: 2 });
 * const { alerts, instances } = await detect(world.events);
 * const result = score(world.truth, alerts, { events: world.events, instances });
 * console.log(`recall ${result.overall.recall}, false alerts per 1,000 user-days ${result.overall.falseAlertsPer1000UserDays}`);
 * ```
 * @module
 */

// --- simulate ------------------------------------------------------------------------------------------------------

/**
 * `simulate(scenario, { seed, users, days })`: a scenario file or object → `{ scenario, events, truth, summary }` in
 * memory.
 *
 * @example
 * ```ts
 * const world = await simulate({ name: 'mine', seed: 1, start: '2026-03-02T00:00:00Z', duration: '2d', population: { users: 20 } });
 * ```
 */
export { simulateScenario as simulate } from './evaluate/simulateScenario.ts';
export type { SimulateScenarioOptions as SimulateOptions, SimulatedWorld } from './evaluate/simulateScenario.ts';

/**
 * Scenario files → validated, resolved scenarios, for the streaming simulation and for {@link tune}. The bundled
 * scenarios are in the package's `scenarios/` folder, next to `scenario.schema.json`.
 *
 * @example
 * ```ts
 * const scenario = await loadScenarioFile('scenarios/uber-burst.yaml', { seed: 7 });
 * ```
 */
export { loadScenarioFile, resolveScenario } from '../generators/scenario/index.ts';
export type { ResolvedScenario, ScenarioOverrides } from '../generators/scenario/index.ts';

/**
 * The streaming simulation, for worlds too big to hold: `simulateEvents(resolved, (event) => …)` hands each event to a
 * callback in time order and returns the truth; `simulateParallel` does the same on worker threads, with the same
 * bytes.
 *
 * @example
 * ```ts
 * const { truth } = simulateEvents(scenario, (event) => out.write(`${JSON.stringify(event)}\n`));
 * ```
 */
export { simulate as simulateEvents } from '../generators/world/simulate.ts';
export { simulateParallel, WorkerFailedError } from '../generators/world/simulateParallel.ts';
export type { SimulateParallelOptions } from '../generators/world/simulateParallel.ts';
export type { SimulationProgress, SimulationResult, SimulationSummary } from '../generators/world/SimulationResult.ts';

/**
 * A world in N partitions, each runnable on its own machine: `simulatePartition(resolved, { index: k, count: n }, …)`
 * simulates the users i with i mod n = k - 1; `mergePartitions` interleaves the n partitions' lines and truths into
 * exactly what one run writes (what `pushstorm simulate --partition` and `simulate merge` do).
 *
 * @example
 * ```ts
 * const part = await simulatePartition(scenario, { index: 2, count: 4 }, (line) => out.write(`${line}\n`));
 * ```
 */
export { simulatePartition } from '../generators/world/simulatePartition.ts';
export type { PartitionResult, SimulatePartitionOptions } from '../generators/world/simulatePartition.ts';
export { mergePartitions } from '../generators/world/mergePartitions.ts';
export type { PartitionOutput } from '../generators/world/mergePartitions.ts';
export type { Partition } from '../generators/world/Partition.ts';

// --- detect --------------------------------------------------------------------------------------------------------

/**
 * `detect(events, { detectors, params, runtime })`: canonical events (array, iterable or async stream) → alerts, with
 * the built-in detectors or your own {@link DetectorDefinition}s.
 *
 * @example
 * ```ts
 * const { alerts } = await detect(world.events, { detectors: ['mfa-without-login', myDetector] });
 * ```
 */
export { detectEvents as detect } from './evaluate/detectEvents.ts';
export type { DetectEventsOptions as DetectOptions, DetectionResult } from './evaluate/detectEvents.ts';

/**
 * The built-in detectors and public-rule baselines, in listing order, and by id.
 *
 * @example
 * ```ts
 * for (const d of detectors) console.log(d.id, d.title, defaultParams(d));
 * ```
 */
export { detectorRegistry, detectors } from '../detectors/index.ts';

/**
 * The detector contract: metadata, a parameter schema (defaults and tuning ranges) and streaming logic over keyed
 * state. A detector of your own is one object of this shape; pass it to {@link detect}.
 *
 * @example
 * ```ts
 * const fraudReports: DetectorDefinition<Record<string, never>, null> = {
 *   id: 'my-fraud-report', version: '1.0.0', title: 'Push reported as fraud', description: 'A user reported a push.',
 *   severity: 'high', attack: { technique: 'T1621' }, needs: ['mfa.result'], entity: 'user',
 *   keyOf: (e) => (e.type === 'mfa.result' && e.challenge?.result === 'fraud' ? e.user : undefined),
 *   params: {},
 *   create: () => ({ idleMs: 3_600_000, init: () => null, onEvent: (_state, e, ctx) => ctx.alert({ evidence: [e] }) }),
 * };
 * const { alerts } = await detect(world.events, { detectors: [fraudReports] });
 * ```
 */
export type {
  DetectorContext,
  DetectorDefinition,
  DetectorLogic,
  Finding,
  ParamSpec,
  RunScope,
  SharedDetectorContext,
  SharedDetectorLogic,
} from './runtime/DetectorDefinition.ts';
export { defaultParams } from './runtime/DetectorDefinition.ts';

/**
 * The streaming runtime itself, for pushing events one at a time (ordering, event-time timers, de-duplication, alert
 * threads): `new DetectorRuntime(instances, onAlert)`, then `push(event)` and `finish()`.
 *
 * @example
 * ```ts
 * const runtime = new DetectorRuntime(resolveInstances(detectorRegistry, ['denied-burst'], undefined), (a) => console.log(a));
 * ```
 */
export { DetectorRuntime } from './runtime/DetectorRuntime.ts';
export type { DetectorInstance, RuntimeOptions, RuntimeStats } from './runtime/DetectorRuntime.ts';
export { resolveInstances } from './runtime/resolveInstances.ts';
export type { ParamSetSpec } from './runtime/resolveInstances.ts';

// --- score ---------------------------------------------------------------------------------------------------------

/**
 * `score(truth, alerts, { events, instances, graceMs })`: precision, incident recall, time to detect, prompts endured,
 * compromises prevented and false alerts per 1,000 user-days, per detector; `scoringDefinitions` states each figure.
 *
 * @example
 * ```ts
 * const result = score(world.truth, alerts, { events: world.events, instances });
 * ```
 */
export { scoreDetection as score } from './evaluate/scoring/scoreDetection.ts';
export type { ScoreDetectionOptions as ScoreOptions } from './evaluate/scoring/scoreDetection.ts';
export { scoringDefinitions } from './evaluate/scoring/scoringDefinitions.ts';
export { defaultMatchGraceMs } from './evaluate/scoring/matchAlert.ts';
export type { DetectorScore, IncidentScore, Score } from './evaluate/scoring/scoreAlerts.ts';

/**
 * Alerts from another engine: `readAlerts(file, { columns, detector, entityKind })` reads pushstorm's own alerts, or
 * findings as rows of CSV, Parquet or NDJSON (the exported SQL's `entity`, `decision_time`), folded into alert threads
 * by the runtime's rule; `alertsOfRows` folds rows already in memory. Score them with `score` like any alerts.
 *
 * @example
 * ```ts
 * const { alerts } = await readAlerts('findings.parquet', { detector: 'baseline-splunk-failed-mfa' });
 * const result = score(world.truth, alerts, { events: world.events });
 * ```
 */
export { readAlerts } from './evaluate/readAlerts.ts';
export type { AlertsRead, ReadAlertsFileOptions } from './evaluate/readAlerts.ts';
export { alertsOfRows } from './evaluate/alertsOfRows.ts';
export type { AlertsOfRowsOptions } from './evaluate/alertsOfRows.ts';
export type { AlertsFormat, ForeignAlertRow, ForeignColumn, ForeignEntityKind } from './formats/alerts/index.ts';

/**
 * One pass of the whole pipeline in memory, no files: simulate a resolved scenario, run detector instances over its
 * events as they are produced, score them.
 *
 * @example
 * ```ts
 * const { score } = evaluateScenario(scenario, resolveInstances(detectorRegistry, undefined, undefined));
 * ```
 */
export { evaluateScenario } from './evaluate/evaluateScenario.ts';
export { evaluateScenarioAsync } from './evaluate/evaluateScenarioAsync.ts';
export type { EvaluateOptions } from './evaluate/evaluateScenario.ts';
export type { Evaluation } from './evaluate/Evaluation.ts';

/**
 * SQL detectors: a query over the events table with a `/* pushstorm detector … *\/` header, as `--sql-detector`
 * reads it. Pass the definition like any other; the async evaluations (`evaluateScenarioAsync`, `detectEvents`,
 * `tune`) run its query on DuckDB.
 *
 * @example
 * ```ts
 * const definition = parseSqlDetector(readFileSync('rule.sql', 'utf8'), 'rule.sql');
 * const { score } = await evaluateScenarioAsync(scenario, [{ definition, params: defaultParams(definition) }]);
 * ```
 */
export { parseSqlDetector } from './evaluate/sql/parseSqlDetector.ts';
export { eventColumns } from './formats/canonical/eventColumns.ts';
export type { EventColumn } from './formats/canonical/eventColumns.ts';
export type { SqlQuery } from './runtime/SqlQuery.ts';

// --- tune ----------------------------------------------------------------------------------------------------------

/**
 * `tune(scenarios, detector, grid)`: sweep a detector's parameter grid over scenarios × seeds, each world simulated
 * once; pooled figures with 95% intervals (Wilson, Poisson), the Pareto front and a recommendation within a
 * false-alert budget. `parseGrid` reads the CLI's `--grid` text.
 *
 * @example
 * ```ts
 * const detector = detectorRegistry.get('mfa-without-login')!;
 * const sweep = await tune([scenario], detector, parseGrid(detector, 'threshold=3..8,windowMs=5m|10m'));
 * console.log(sweep.recommended?.params, sweep.recommended?.tentative);
 * ```
 */
export { runSweep as tune } from './evaluate/tuning/runSweep.ts';
export type { SweepOptions as TuneOptions, SweepResult, SweepRow, SweepRun } from './evaluate/tuning/runSweep.ts';
export { parseGrid } from './evaluate/tuning/parseGrid.ts';
export type { Grid, GridPoint } from './evaluate/tuning/parseGrid.ts';

// --- generalise: the scenario space and evasion search -------------------------------------------------------------

/**
 * Measure on worlds nobody tuned on: `sampleSpace` draws valid scenarios over the whole scenario language, stratified
 * by attack family; `scoreSpace` pools a detector set's figures over them by family and noise kind; `searchEvasions`
 * searches one family's attacker parameters for the cheapest attacks that get past a detector set, shrunk to their
 * plainest form (what `pushstorm space` and `pushstorm evade` run).
 *
 * @example
 * ```ts
 * const worlds = sampleSpace({ n: 50, seed: 1 }).map((d) => ({ family: d.family, noise: d.noise, scenario: resolveScenario(d.scenario) }));
 * const report = scoreSpace(worlds, instances);
 * const { evasions } = searchEvasions(instances, { family: 'burst', budget: { minPrompts: 3, maxPrompts: 40, maxDays: 3 }, goal: 'compromise', seed: 1 });
 * ```
 */
export { sampleSpace, spaceFamilies } from '../generators/space/index.ts';
export type { SpaceFamily, SpaceScenario } from '../generators/space/index.ts';
export { scoreSpace } from './evaluate/space/index.ts';
export type { SpaceCell, SpaceReport, SpaceWorld } from './evaluate/space/index.ts';
export { evadeFamilies, searchEvasions } from './tools/evade/index.ts';

// --- export --------------------------------------------------------------------------------------------------------

/**
 * `exportDetector(instance, target, { format })`: a detector that states a shape, with its parameter values, as a
 * query or rule for another engine — DuckDB SQL, Sigma, Splunk SPL, Sentinel KQL, Elastic EQL or ES|QL — for the field
 * names of a log (`fieldsFor(format)`). `whyNotExportable` says why one cannot be; `withWindowing(registry, 'tumbling')`
 * gives the fixed-bucket variants a bucketed export catches, `withWindowing(registry, 'sliding')` the sliding ones an
 * EQL sequence catches.
 *
 * @example
 * ```ts
 * const text = exportDetector({ definition, params: defaultParams(definition) }, 'sigma', { format: 'okta' });
 * ```
 */
export {
  exportDetector,
  exportFormats,
  exportTargets,
  fieldsFor,
  recordMatches,
  slidingVariant,
  tumblingVariant,
  whyNotExportable,
  withWindowing,
} from './tools/export/index.ts';
export type {
  ExportFormat,
  ExportOptions,
  ExportTarget,
  ExportTargetId,
  FieldValue,
  RecordCondition,
  TargetInput,
  VendorFields,
  Windowing,
} from './tools/export/index.ts';
export type { AttackOutcome, EvadeBudget, EvadeFamily, EvadeGoal, EvadeResult, Evasion, EvasionAttack } from './tools/evade/index.ts';

// --- formats -------------------------------------------------------------------------------------------------------

/**
 * The log formats both ways — canonical, Okta (Identity and Classic Engine), Entra ID (Graph and Sentinel), Duo, OCSF,
 * the macOS unified log: what each cannot hold, an encoder and a decoder.
 *
 * @example
 * ```ts
 * const encoder = getLogFormat('okta').createEncoder();
 * const records = world.events.flatMap((e) => encoder.encode(e)).concat(encoder.end());
 * ```
 */
export { formatIdsFor, getLogFormat, logFormats } from './formats/logFormats.ts';
export type {
  DecodeStep,
  FieldLimit,
  FormatContext,
  LogFormat,
  MacHost,
  RecordDecoder,
  RecordEncoder,
  SiemMetadata,
} from './formats/LogFormat.ts';
export type { FormatId } from './formats/logFormats.ts';

/**
 * Reading any export: `LogRecordReader` takes NDJSON, JSON arrays, API pages, Graph and Duo responses of any format,
 * tells the format from the first records and decodes them into canonical events, quarantining (never dropping) what
 * it cannot read, and counts every record in `stats`; with `format: 'canonical'` it reads pushstorm's own NDJSON
 * line by line. `openEventInput` opens a path, or `-` for stdin.
 *
 * @example
 * ```ts
 * const reader = new LogRecordReader(openEventInput('okta-export.json'));
 * const { alerts } = await detect(reader.events());
 * console.log(reader.stats.detected?.format, reader.stats.quarantined);
 * ```
 */
export { LogRecordReader } from './formats/reader/LogRecordReader.ts';
export type { DetectedInput, LogReadOptions, LogReadStats, QuarantinedRecord, RecordEntry } from './formats/reader/LogRecordReader.ts';
export { openEventInput } from './formats/reader/readEventLines.ts';
export { decodeEventLine } from './formats/canonical/EventLineDecoder.ts';
export type { DecodedLine } from './formats/canonical/EventLineDecoder.ts';

/**
 * Writing a world's logs in vendor formats, one file per source (and per Mac for the unified log).
 *
 * @example
 * ```ts
 * const hosts = new Map(macHosts(world.scenario).map((h) => [h.device?.id ?? h.hostname, h]));
 * await writeLogFiles(world.events, 'logs', { idp: getLogFormat('okta'), mac: getLogFormat('unifiedlog'), hosts });
 * ```
 */
export { writeLogFiles } from './formats/files/writeLogFiles.ts';
export { macHosts } from './evaluate/macHosts.ts';
export type { WriteLogFilesOptions, WrittenLogFile } from './formats/files/writeLogFiles.ts';

/**
 * Canonical events as Parquet, by DuckDB (`simulate --out-format parquet`): the flat columns the exported SQL reads
 * plus each event's NDJSON line ({@link PARQUET_EVENT_COLUMNS}), and the lines read back.
 *
 * @example
 * ```ts
 * await writeEventsParquet('out/run/events.ndjson', 'out/run/events.parquet');
 * for await (const line of readParquetEventLines('out/run/events.parquet')) console.log(line);
 * ```
 */
export { writeEventsParquet } from './formats/parquet/writeEventsParquet.ts';
export { readParquetEventLines } from './formats/parquet/readParquetEventLines.ts';
export { PARQUET_EVENT_COLUMNS } from './formats/parquet/parquetEventColumns.ts';

// --- data types and errors -----------------------------------------------------------------------------------------

/**
 * The canonical event, the alert and the truth, as their JSON Schemas define them (the schemas are the source of
 * truth; these types are generated from them).
 */
export type { Alert } from './model/generated/alert.ts';
export type { CanonicalEvent, EventSource, EventType } from './model/generated/event.ts';
export type { Incident, Truth } from './model/generated/truth.ts';
export type { Scenario } from './model/generated/scenario.ts';

/**
 * The errors pushstorm raises on purpose, all `PushstormError`s with structured fields (scenario file and JSON path,
 * event line, virtual time) named in their messages; `isPushstormError` tells them apart across module copies.
 *
 * @example
 * ```ts
 * try { await simulate('bad.yaml'); } catch (e) { if (e instanceof ScenarioError) for (const i of e.issues) console.log(i.path, i.message); }
 * ```
 */
export {
  BadInputError,
  DetectorModuleError,
  EndpointUnreachableError,
  FileContentError,
  EvasionFoundError,
  FormatError,
  GateFailedError,
  InputError,
  LargeWorldError,
  NoEventsError,
  OptionError,
  ParamsError,
  PartitionSetError,
  PushstormError,
  ReplayIncompleteError,
  ScenarioError,
  SimulationError,
  isPushstormError,
} from './model/errors/index.ts';
export type {
  DetectorModuleIssue,
  FileContentIssue,
  OptionIssue,
  ParamsIssue,
  PartitionSetIssue,
  ReplayShortfall,
  ScenarioIssue,
} from './model/errors/index.ts';

/** Time units in milliseconds, for detector parameters and windows: `windowMs: 10 * MINUTE`. */
export { DAY, HOUR, MINUTE, SECOND } from './model/duration/timeUnits.ts';
/** Durations as pushstorm writes them (`10m`, `14d`, `1h30m`) and reads them back. */
export { formatDuration, parseDuration } from './model/duration/parseDuration.ts';

/**
 * Loads plug-in detector modules (`.js`, `.mjs`, or `.ts` through tsx) as `--detectors-from` does, each checked
 * before anything runs; a module that exports no valid definition throws a {@link DetectorModuleError} listing why.
 *
 * @example
 * ```ts
 * const { detectors } = await loadDetectorModules(['./my-detectors.js']);
 * const { alerts } = await detect(events, { detectors: ['mfa-without-login', ...detectors] });
 * ```
 */
export { loadDetectorModules } from './evaluate/loadDetectorModules.ts';
export type { LoadDetectorModulesOptions, LoadedDetectors } from './evaluate/loadDetectorModules.ts';

/** The version of pushstorm, as recorded in every output that carries figures. */
export { pushstormVersion } from './model/version.ts';
