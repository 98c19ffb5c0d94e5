import type { GateCheck, GateResult } from './runGate.ts';

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A check's name: `overall recall >= 0.95`, `overall recall vs baseline`. */
export const checkName = (c: GateCheck) =>
  c.kind === 'baseline'
    ? `${c.detector} ${c.figure} vs baseline`
    : `${c.detector} ${c.figure} ${c.kind === 'min' ? '>=' : '<='} ${c.bound}`;

/**
 * The gate as JUnit XML, as CI systems read it: a `<testsuite>` per scenario × seed (classname
 * `gate.<scenario>.seed<seed>`), a `<testcase>` per check, `<failure>` on a failure, `<skipped>` when a figure does
 * not apply.
 */
export function formatJunit(result: GateResult): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`pushstorm gate ${result.name}`)}" tests="${result.passed + result.failed + result.skipped}" failures="${result.failed}" skipped="${result.skipped}">`,
  ];
  for (const run of result.runs) {
    const failures = run.checks.filter((c) => c.status === 'fail').length;
    const skipped = run.checks.filter((c) => c.status === 'skip').length;
    const classname = `gate.${run.scenario}.seed${run.seed}`;
    lines.push(
      `  <testsuite name="${xml(`${run.scenario} seed ${run.seed}`)}" tests="${run.checks.length}" failures="${failures}" skipped="${skipped}" time="${run.seconds.toFixed(3)}">`,
    );
    for (const c of run.checks) {
      const open = `    <testcase classname="${xml(classname)}" name="${xml(checkName(c))}" time="0">`;
      if (c.status === 'pass') lines.push(`${open}</testcase>`);
      else if (c.status === 'skip') lines.push(`${open}<skipped message="${xml(c.detail)}"/></testcase>`);
      else
        lines.push(
          `${open}<failure message="${xml(`${c.figure} of ${c.detector} on ${run.scenario} seed ${run.seed}: ${c.detail}`)}"/></testcase>`,
        );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
