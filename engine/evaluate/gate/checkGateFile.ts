import { writeFileSync } from 'node:fs';
import type { WorldCache } from '../../formats/cache/WorldCache.ts';
import { writeJsonFileAtomic } from '../../formats/files/writeJsonFileAtomic.ts';
import { pushstormVersion } from '../../model/version.ts';
import { formatGateMarkdown } from './formatGateMarkdown.ts';
import { formatJunit } from './formatJunit.ts';
import { loadGateFile, type GateOverrides } from './loadGateFile.ts';
import { runGate, type GateResult, type GateRun } from './runGate.ts';

/** Options of {@link checkGateFile}: what `pushstorm gate` takes. */
export interface CheckGateFileOptions extends GateOverrides {
  /** Write JUnit XML here. */
  junit?: string;
  /** Write the Markdown summary here. */
  summary?: string;
  /** A wall clock in ms for the runs' `seconds` (the CLI passes `performance.now`). */
  now?: () => number;
  onRun?: (run: GateRun, index: number, total: number) => void;
  /** The world cache to read and fill (`--cache`); none by default. */
  cache?: WorldCache;
}

/** What {@link checkGateFile} found and wrote. */
export interface CheckedGate {
  result: GateResult;
  /** The baseline file written (with `updateBaseline`), absolute. */
  baselineWritten?: string;
}

/**
 * `pushstorm gate` below the CLI: loads and checks the gate file whole ({@link loadGateFile}: every problem at once,
 * before anything runs), runs it ({@link runGate}), writes the JUnit XML and the Markdown summary when asked, and
 * with `updateBaseline` rewrites the baseline from this run instead of comparing with it.
 *
 * @throws InputError, FileContentError (exit 2) for a gate that cannot run.
 */
export async function checkGateFile(file: string, options: CheckGateFileOptions = {}): Promise<CheckedGate> {
  const loaded = await loadGateFile(file, options);
  const result = await runGate(loaded, {
    updateBaseline: options.updateBaseline,
    pushstormVersion,
    now: options.now,
    onRun: options.onRun,
    cache: options.cache,
  });
  if (options.junit) writeFileSync(options.junit, formatJunit(result));
  if (options.summary) writeFileSync(options.summary, formatGateMarkdown(result));
  if (options.updateBaseline && loaded.baselinePath) {
    writeJsonFileAtomic(loaded.baselinePath, result.baseline);
    return { result, baselineWritten: loaded.baselinePath };
  }
  return { result };
}
