import { checkName } from './formatJunit.ts';
import type { GateResult } from './runGate.ts';

const cell = (t: string) => t.replace(/\|/g, '\\|');

/** The gate as a Markdown summary for a CI job page: the verdict, a table of every check, the failures spelt out. */
export function formatGateMarkdown(result: GateResult): string {
  const verdict = result.failed === 0 ? 'passed' : 'FAILED';
  const lines = [
    `## pushstorm gate ${result.name}: ${verdict}`,
    '',
    `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, over ${result.runs.length} scenario × seed runs.`,
    '',
    '| scenario | seed | check | value | result |',
    '|---|---:|---|---|---|',
    ...result.runs.flatMap((r) => r.checks.map((c) => `| ${cell(r.scenario)} | ${r.seed} | ${cell(checkName(c))} | ${cell(c.detail)} | ${c.status === 'pass' ? 'pass' : c.status === 'skip' ? 'skip' : '**FAIL**'} |`)),
    '',
  ];
  const failures = result.runs.flatMap((r) => r.checks.filter((c) => c.status === 'fail').map((c) => `- ${c.figure} of ${c.detector} on ${r.scenario} seed ${r.seed}: ${c.detail}`));
  if (failures.length > 0) lines.push('### Failures', '', ...failures, '');
  return lines.join('\n');
}
