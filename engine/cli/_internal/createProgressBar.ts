import cliProgress from 'cli-progress';
import type { SimulationProgress } from '../../../generators/world/SimulationResult.ts';
import { formatCount } from './formatCount.ts';

/** A progress display the simulation's `onProgress` feeds. */
export interface ProgressReporter {
  update(progress: SimulationProgress): void;
  /** Removes the bar; safe to call twice. */
  stop(): void;
}

const STEPS = 1000;

/**
 * A one-line cli-progress bar on `stream` (a TTY): percent of simulated time, records so far, ETA. The simulation runs
 * synchronously, so cli-progress's timer never fires during it; `synchronousUpdate` makes `update()` redraw itself,
 * throttled to the frame rate.
 */
export function createProgressBar(stream: NodeJS.WritableStream, label: string): ProgressReporter {
  const bar = new cliProgress.SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {records} records | ETA {eta_formatted}`,
    barsize: 24,
    fps: 10,
    etaBuffer: 50,
    synchronousUpdate: true,
    clearOnComplete: true,
    // Leave the cursor and line wrapping alone: a Ctrl-C during the synchronous loop kills the process before any
    // cleanup could restore them.
    hideCursor: false,
    linewrap: true,
    gracefulExit: false,
  });
  bar.start(STEPS, 0, { records: '0' });
  let stopped = false;
  return {
    update(progress) {
      if (stopped) return;
      const value = Math.min(STEPS, Math.max(0, Math.round(progress.fraction * STEPS)));
      bar.update(value, { records: formatCount(progress.records) });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
