import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent } from '../model/generated/event.ts';
import { detectorRegistry } from '../../detectors/index.ts';
import type { AnyDetectorDefinition } from '../runtime/DetectorDefinition.ts';
import { DetectorRuntime, type DetectorInstance, type RuntimeOptions, type RuntimeStats } from '../runtime/DetectorRuntime.ts';
import { resolveInstances } from '../runtime/resolveInstances.ts';
import { SqlDetectors, streamingOnly } from './sql/SqlDetectors.ts';

/** Options of {@link detectEvents}. */
export interface DetectEventsOptions {
  /**
   * The detectors to run: built-in ones by id, and your own definitions (they may replace a built-in one of the same
   * id). Default: every built-in detector and baseline.
   */
  detectors?: ReadonlyArray<string | AnyDetectorDefinition>;
  /**
   * Parameters, as `pushstorm detect --params` reads them: a map `{ detectorId: { param: value } }` over the
   * defaults, or a list `[{ detector, set, params }]` to run several parameter sets of one detector in the same pass.
   * Durations may be written as "10m".
   */
  params?: unknown;
  /** The runtime's lateness allowance, alert-thread gap and evidence limit. */
  runtime?: RuntimeOptions;
}

/** What {@link detectEvents} found. */
export interface DetectionResult {
  /** The alerts, in the order the runtime raised them. */
  alerts: Alert[];
  /** The detector configurations that ran (scoring lists one that raised nothing with recall 0). */
  instances: DetectorInstance[];
  /** Events processed, duplicates, late events, alert threads by detector. */
  stats: RuntimeStats;
}

/**
 * Runs detectors over canonical events — an array, any iterable, or an async stream such as a reader's `events()` —
 * in one pass, every detector and parameter set at once, and returns the alerts.
 *
 * @throws ParamsError listing every unknown detector or parameter and every value off its range.
 * @example
 * ```ts
 * const { alerts } = await detectEvents(world.events, { detectors: ['mfa-without-login'], params: { 'mfa-without-login': { threshold: 4 } } });
 * ```
 */
export async function detectEvents(
  events: Iterable<CanonicalEvent> | AsyncIterable<CanonicalEvent>,
  options: DetectEventsOptions = {},
): Promise<DetectionResult> {
  const registry = new Map<string, AnyDetectorDefinition>(detectorRegistry);
  const selection = options.detectors?.map((d) => {
    if (typeof d === 'string') return d;
    registry.set(d.id, d);
    return d.id;
  });
  const instances = resolveInstances(registry, selection, options.params);
  const alerts: Alert[] = [];
  const sql = await SqlDetectors.of(instances);
  const runtime = new DetectorRuntime(streamingOnly(instances), (alert) => alerts.push(alert), {
    ...options.runtime,
    onProcessed: sql?.feed,
  });
  try {
    for await (const event of events) runtime.push(event);
    runtime.finish();
  } catch (error) {
    sql?.close();
    throw error;
  }
  if (sql !== undefined) Object.assign(runtime.stats.threads, await sql.run((alert) => alerts.push(alert), options.runtime));
  return { alerts, instances, stats: runtime.stats };
}
