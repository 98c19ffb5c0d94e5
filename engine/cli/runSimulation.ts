import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Partition } from '../../generators/world/Partition.ts';
import type { SimulationProgress } from '../../generators/world/SimulationResult.ts';
import type { EventsFileFormat } from '../formats/files/EventsFileWriter.ts';
import type { RunSummary } from '../evaluate/RunSummary.ts';
import { simulateToDirectory } from '../evaluate/simulateToDirectory.ts';
import { createProgressBar, type ProgressReporter } from './_internal/createProgressBar.ts';
import { displayPath } from './_internal/displayPath.ts';
import type { CliIo } from './CliIo.ts';
import { formatSummary } from './formatSummary.ts';

/** What to simulate and how to report it: the options of `pushstorm simulate`. */
export interface SimulationRequest {
  /** Scenario file (YAML or JSON), relative to `cwd`. */
  scenarioFile: string;
  seed?: number;
  users?: number;
  days?: number;
  /** Output directory, relative to `cwd`; default `out/<scenario name>-seed<seed>` (`-<users>u-<days>d` with overrides). */
  out?: string;
  /** No progress bar. */
  quiet?: boolean;
  /** Print the summary as one JSON line instead of text. */
  json?: boolean;
  /** Worker threads. The output is the same for any count. */
  workers?: number;
  /** Print the summary (default true); `pushstorm run` prints its own. */
  print?: boolean;
  /** Format of the IdP log written under `logs/` (default canonical: events.ndjson only). */
  format?: string;
  /** Format of the Mac logs written under `logs/` (default canonical). */
  macFormat?: string;
  /** Simulate a world above `CONFIRM_USERS` users (`--yes`). */
  yes?: boolean;
  /** The events file: `events.ndjson` (default) or `events.parquet`. */
  outFormat?: EventsFileFormat;
  /** Simulate only this slice of the population (`--partition K/N`). */
  partition?: Partition;
}

/** The summary with its paths as the user would type them from `cwd`. */
export function displaySummary(summary: RunSummary, cwd: string): RunSummary {
  const { outputs } = summary;
  return {
    ...summary,
    outputs: {
      dir: displayPath(outputs.dir, cwd),
      events: displayPath(outputs.events, cwd),
      truth: displayPath(outputs.truth, cwd),
      ...(outputs.logs ? { logs: outputs.logs.map((f) => ({ ...f, path: displayPath(f.path, cwd) })) } : {}),
      ...(outputs.inventory ? { inventory: displayPath(outputs.inventory, cwd) } : {}),
      ...(outputs.manifest ? { manifest: displayPath(outputs.manifest, cwd) } : {}),
    },
  };
}

/**
 * `pushstorm simulate`'s shell around `simulateToDirectory`: a progress bar on a terminal, the summary printed on
 * `io.stdout` with paths relative to `cwd`. Returns that summary.
 */
export async function runSimulation(request: SimulationRequest, io: CliIo, cwd: string = process.cwd()): Promise<RunSummary> {
  let bar: ProgressReporter | undefined;
  const showBar = io.isTTY && !request.quiet;
  let summary: RunSummary;
  try {
    // The loader names the file in its errors: give it the path as the user would write it from here.
    summary = await simulateToDirectory(displayPath(resolve(cwd, request.scenarioFile), process.cwd()), {
      ...request,
      confirmed: request.yes === true,
      cwd,
      now: () => performance.now(),
      onStart: (scenario) => {
        if (showBar) bar = createProgressBar(io.stderr as NodeJS.WritableStream, `simulating ${scenario.name}`);
      },
      ...(showBar ? { onProgress: (progress: SimulationProgress) => bar?.update(progress) } : {}),
    });
  } finally {
    bar?.stop();
  }
  const shown = displaySummary(summary, cwd);
  if (request.print !== false) io.stdout.write(request.json ? `${JSON.stringify(shown)}\n` : formatSummary(shown));
  return shown;
}
