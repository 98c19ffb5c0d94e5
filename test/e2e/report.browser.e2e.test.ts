/**
 * The report as a reader opens it: `pushstorm run` on the tiny scenario writes report.html; headless Chromium
 * (Debian's `chromium`, which `.ci/run` installs) loads it from disk with the network cut off, and every chart must
 * render — an SVG of real size with marks in it — with nothing in the console.
 *
 * The browser is $CHROMIUM, else `chromium` (or `chromium-browser`) on PATH. Without one the browser test is skipped
 * and the skip says why in the test output (`[skipped: chromium not found on PATH …]`) — unless
 * PUSHSTORM_REQUIRE_BROWSER=1 (set by .ci/run), when a missing browser fails it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const onPath = (name: string) =>
  (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find((file) => existsSync(file));
const executable = process.env.CHROMIUM || onPath('chromium') || onPath('chromium-browser');
const haveBrowser = executable !== undefined && existsSync(executable);
const whyNot = process.env.CHROMIUM
  ? `skipped: $CHROMIUM (${process.env.CHROMIUM}) does not exist`
  : 'skipped: chromium not found on PATH (install Debian’s chromium, or set $CHROMIUM to a Chromium binary)';
const required = process.env.PUSHSTORM_REQUIRE_BROWSER === '1';
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'pushstorm-report-'));
  const run = spawnSync(
    process.execPath,
    [join(repo, 'bin', 'pushstorm.mjs'), 'run', join(repo, 'scenarios', 'tiny.yaml'), '--out', 'r', '--quiet'],
    { cwd, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('report.html in a browser', () => {
  it('has its three files and charts beside it', () => {
    for (const file of [
      'report.html',
      'report.md',
      'report.json',
      'charts/recall-vs-false-alerts.svg',
      'charts/time-to-detect.svg',
      'charts/incident-timeline.svg',
    ]) {
      expect(existsSync(join(cwd, 'r', 'report', file)), file).toBe(true);
    }
  });

  it('renders every chart offline in headless Chromium, with no console error, the figures at a glance first', async (ctx) => {
    if (!haveBrowser && !required) {
      // The note shows beside the test in listing reporters (`--reporter=verbose`); the warning in every reporter's output.
      console.warn(`report.browser.e2e: ${whyNot}`);
      ctx.skip(whyNot);
    }
    expect(haveBrowser, `${whyNot.replace('skipped: ', '')}; PUSHSTORM_REQUIRE_BROWSER=1 needs one`).toBe(true);
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
          return {
            id: f.id,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: svg ? svg.querySelectorAll('.role-mark path, .role-mark line, .role-mark rect').length : 0,
          };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual(['recall-vs-false-alerts', 'time-to-detect', 'incident-timeline']);
      for (const c of charts) {
        expect(c.width, c.id).toBeGreaterThan(200);
        expect(c.height, c.id).toBeGreaterThan(80);
        expect(c.marks, c.id).toBeGreaterThan(0);
      }
      expect(await page.$$eval('table', (t) => t.length)).toBeGreaterThanOrEqual(3);
      // A reader meets the headline figures, then the charts, then the tables.
      const top = (selector: string) => page.$eval(selector, (e) => e.getBoundingClientRect().top);
      expect(await top('#at-a-glance .glance')).toBeLessThan(await top('figure.chart'));
      expect(await top('figure.chart')).toBeLessThan(await top('#tables'));
      expect(await page.$$eval('#at-a-glance .figure .value', (v) => v.map((e) => e.textContent))).toEqual(
        expect.arrayContaining(['100%']),
      );
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
