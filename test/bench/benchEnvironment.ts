import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pushstormVersion } from '../../engine/model/version.ts';

/** The machine a benchmark ran on: what a reader needs to compare figures with their own. */
export interface BenchMachine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

/** When, where and how a benchmark ran, written into every `bench-results/*.json`. */
export interface BenchEnvironment {
  pushstormVersion: string;
  /** Wall-clock start of the run, ISO 8601 UTC. */
  date: string;
  machine: BenchMachine;
  /** `PUSHSTORM_BENCH_QUICK=1`: shrunk to a few seconds to check the benchmark works; its figures mean nothing. */
  quick: boolean;
}

/** Whether `PUSHSTORM_BENCH_QUICK` asks for the few-second version of each benchmark (any value but "" and "0"). */
export const quickBench = !['', '0', undefined].includes(process.env.PUSHSTORM_BENCH_QUICK);

/**
 * The environment of this run. The one wall-clock read of the benchmarks: a benchmark's date is a fact about the run,
 * unlike the simulation's output, which must not depend on when it ran.
 */
export function benchEnvironment(): BenchEnvironment {
  const cpus = os.cpus();
  return {
    pushstormVersion,
    date: new Date().toISOString(),
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    quick: quickBench,
  };
}

/** `"machine: AMD EPYC 7B13, 2 cores, 24 GiB, Node v20.20.2, linux 6.8.0; 2026-12-03T10:00:00.000Z"`. */
export function describeEnvironment(environment: BenchEnvironment): string {
  const { cpu, cores, memoryGiB, node, platform } = environment.machine;
  const quick = environment.quick ? ' — QUICK RUN (PUSHSTORM_BENCH_QUICK): a check that it works, not a measurement' : '';
  return `machine: ${cpu}, ${cores} cores, ${memoryGiB} GiB, Node ${node}, ${platform}; ${environment.date}${quick}`;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Writes `<dir>/<name>.json` (by default `bench-results/` at the repository's root): the environment first, then the
 * benchmark's own figures. Returns the path relative to the working directory, for the closing line of the output.
 */
export function writeBenchResults(
  name: string,
  environment: BenchEnvironment,
  results: object,
  dir = path.join(root, 'bench-results'),
): string {
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${name}.json`);
  writeFileSync(out, `${JSON.stringify({ ...environment, ...results }, null, 2)}\n`);
  return path.relative(process.cwd(), out);
}
