import { escapeMarkdown } from '../../model/text/escapeMarkdown.ts';
import { checkName } from './formatJunit.ts';
import type { GateResult } from './runGate.ts';

const cell = escapeMarkdown;

/**
 * The gate as a Markdown summary for a CI job page: the verdict, the failed checks in a table of their own at the top,
 * then every other check in a folded table. Each check appears once.
 */
export function formatGateMarkdown(result: GateResult): string {
  const verdict = result.failed === 0 ? 'passed' : 'FAILED';
  const header = ['| scenario | seed | check | value | result |', '|---|---:|---|---|---|'];
  const row = (r: GateResult['runs'][number], c: GateResult['runs'][number]['checks'][number]) =>
    `| ${cell(r.scenario)} | ${r.seed} | ${cell(checkName(c))} | ${cell(c.detail)} | ${c.status === 'pass' ? 'pass' : c.status === 'skip' ? 'skip' : '**FAIL**'} |`;
  const failed = result.runs.flatMap((r) => r.checks.filter((c) => c.status === 'fail').map((c) => row(r, c)));
  const others = result.runs.flatMap((r) => r.checks.filter((c) => c.status !== 'fail').map((c) => row(r, c)));
  const lines = [
    `## pushstorm gate ${escapeMarkdown(result.name)}: ${verdict}`,
    '',
    `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, over ${result.runs.length} scenario × seed runs.`,
    '',
  ];
  if (failed.length > 0) lines.push('### Failed checks', '', ...header, ...failed, '');
  if (others.length > 0) {
    lines.push(
      `<details><summary>${failed.length > 0 ? 'The other' : 'All'} ${others.length} checks</summary>`,
      '',
      ...header,
      ...others,
      '',
      '</details>',
      '',
    );
  }
  return lines.join('\n');
}
