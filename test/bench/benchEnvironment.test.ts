import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { benchEnvironment, describeEnvironment, writeBenchResults } from './benchEnvironment.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

describe('benchEnvironment', () => {
  it('names the machine (CPU, cores, memory, Node) and the date of the run', () => {
    const environment = benchEnvironment();
    expect(environment.machine).toEqual({
      cpu: expect.any(String),
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: expect.stringContaining(os.platform()),
    });
    expect(environment.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(describeEnvironment({ ...environment, date: '2026-12-03T10:00:00.000Z', quick: false })).toBe(
      `machine: ${environment.machine.cpu}, ${os.cpus().length} cores, ${environment.machine.memoryGiB} GiB, Node ${process.version}, ` +
        `${environment.machine.platform}; 2026-12-03T10:00:00.000Z`,
    );
    expect(describeEnvironment({ ...environment, quick: true })).toContain('QUICK RUN');
  });

  it('writes the environment into the results file, before the figures', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pushstorm-bench-results-'));
    try {
      const environment = benchEnvironment();
      writeBenchResults('x', environment, { rows: [1, 2] }, dir);
      const written = JSON.parse(await readFile(path.join(dir, 'x.json'), 'utf8'));
      expect(written).toEqual({ ...environment, rows: [1, 2] });
      expect(Object.keys(written).slice(0, 4)).toEqual(['pushstormVersion', 'date', 'machine', 'quick']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('every benchmark', () => {
  it('documents the quick mode at its top, and records its environment with its figures', async () => {
    const files = (await readdir(benchDir)).filter((name) => name.endsWith('.bench.ts'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const name of files) {
      const text = await readFile(path.join(benchDir, name), 'utf8');
      const header = /^\/\*\*[\s\S]*?\*\//.exec(text)?.[0] ?? '';
      expect(header, name).toContain('PUSHSTORM_BENCH_QUICK=1');
      expect(text, name).toMatch(/writeBenchResults\('[A-Za-z]+', environment,/);
      expect(text, name).toContain('summariseSamples');
    }
  });
});
