/**
 * The report as a reader opens it: `pushstorm run` on the tiny scenario writes report.html; headless Chromium
 * (Debian's `chromium`, which `.ci/run` installs) loads it from disk with the network cut off, and every chart must
 * render — an SVG of real size with marks in it — with nothing in the console.
 *
 * Without a Chromium at /usr/bin/chromium (or $CHROMIUM) the test is skipped, and says so — unless
 * PUSHSTORM_REQUIRE_BROWSER=1 (set by .ci/run), when a missing browser fails it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const executable = process.env.CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(executable);
const required = process.env.PUSHSTORM_REQUIRE_BROWSER === '1';
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-report-'));
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'pushstorm.mjs'), 'run', join(repo, 'scenarios', 'tiny.yaml'), '--out', 'r', '--quiet'], { cwd, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('report.html in a browser', () => {
  it('has its three files and charts beside it', () => {
    for (const file of ['report.html', 'report.md', 'report.json', 'charts/recall-vs-false-alerts.svg', 'charts/time-to-detect.svg', 'charts/incident-timeline.svg']) {
      expect(existsSync(join(cwd, 'r', 'report', file)), file).toBe(true);
    }
  });

  it.runIf(haveBrowser || required)('renders every chart offline in headless Chromium, with no console error', async () => {
    expect(haveBrowser, `no Chromium at ${executable}: install Debian's chromium`).toBe(true);
    const browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      await page.goto(pathToFileURL(join(cwd, 'r', 'report', 'report.html')).href, { waitUntil: 'load' });
      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => {
          const svg = f.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return { id: f.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg ? svg.querySelectorAll('.role-mark path, .role-mark line, .role-mark rect').length : 0 };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual(['recall-vs-false-alerts', 'time-to-detect', 'incident-timeline']);
      for (const c of charts) {
        expect(c.width, c.id).toBeGreaterThan(200);
        expect(c.height, c.id).toBeGreaterThan(80);
        expect(c.marks, c.id).toBeGreaterThan(0);
      }
      expect(await page.$$eval('table', (t) => t.length)).toBeGreaterThanOrEqual(3);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it.skipIf(haveBrowser || required)(`skips the browser check: no Chromium at ${executable}`, () => {});
});
