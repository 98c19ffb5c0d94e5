import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../../detectors/index.ts';
import { formatDetectorTable } from '../../../engine/cli/detectorsCommand.ts';
import { pushesFromNewCountry } from '../../../examples/detectors/pushesFromNewCountry.ts';

describe('pushstorm detectors --markdown', () => {
  it('gives a row per detector in listing order, with its parameters’ defaults, the export targets and what it catches in the library', () => {
    const lines = formatDetectorTable(detectors).trimEnd().split('\n');
    expect(lines).toHaveLength(detectors.length + 2);
    expect(lines.slice(2).map((l) => /^\| `([^`]+)`/.exec(l)?.[1])).toEqual(detectors.map((d) => d.id));
    expect(lines).toContain(
      '| `unfamiliar-source` | Failed pushes from an unfamiliar network while the user is away from their Mac or elsewhere | user | high | T1621 | threshold 3, windowMs 1d, lookbackMs 14d, minHistory 5 | — | catches `uber-burst` |',
    );
    expect(lines.find((l) => l.startsWith('| `fraud-report`'))).toContain(
      '| — | sql, sigma, spl, kql, eql, esql | catches `duo-fraud-mute` |',
    );
    expect(lines.find((l) => l.startsWith('| `baseline-okta-abandonment` (baseline)'))).toContain('| sql, sigma, spl, kql, esql |');
    expect(lines.find((l) => l.startsWith('| `baseline-sentinel-spam-success` (baseline)'))).toMatch(/\| silent: needs > 10 failures/);
  });

  it('lists a plug-in without library metadata, and escapes a pipe in its title', () => {
    const [, , row] = formatDetectorTable([{ ...pushesFromNewCountry, title: 'a | b' }])
      .trimEnd()
      .split('\n');
    expect(row).toBe('| `pushes-from-new-country` | a \\| b | user | high | T1621 | threshold 3, windowMs 1h, lookbackMs 30d | — | — |');
  });

  it('is the table in detectors/README.md (regenerate it with `npx tsx engine/cli/main.ts detectors --markdown`)', () => {
    const readme = readFileSync(new URL('../../../detectors/README.md', import.meta.url), 'utf8');
    const generated = /<!-- generated: pushstorm detectors --markdown -->\n([\s\S]*?)<!-- end generated -->/.exec(readme)?.[1];
    expect(generated).toBe(formatDetectorTable(detectors));
  });
});
