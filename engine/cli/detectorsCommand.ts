import type { Command } from 'commander';
import { detectors } from '../../detectors/index.ts';
import type { ParamSpec } from '../runtime/DetectorDefinition.ts';
import { EXIT_CODES_HELP, examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';

const fmtValue = (spec: ParamSpec, v: number) => {
  if (spec.unit !== 'ms') return String(v);
  if (v % 3_600_000 === 0 && v > 0) return `${v / 3_600_000}h`;
  if (v % 60_000 === 0 && v > 0) return `${v / 60_000}m`;
  return v % 1000 === 0 ? `${v / 1000}s` : `${v}ms`;
};

/** The detector catalogue as text: id, what it finds, ATT&CK mapping, parameters with defaults and ranges. */
export function formatDetectorList(): string {
  const lines: string[] = [];
  for (const d of detectors) {
    const tags = [d.attack.technique, d.attack.analytic, `keyed by ${d.entity}`, `severity ${d.severity}`, d.baseline ? 'baseline' : undefined].filter(Boolean);
    lines.push(`${d.id}  v${d.version}  (${tags.join(', ')})`, `  ${d.title}. ${d.description}`);
    if (d.baseline) lines.push(`  reimplements: ${d.baseline}`);
    for (const [name, spec] of Object.entries(d.params as Record<string, ParamSpec>)) {
      lines.push(
        `    ${name} = ${fmtValue(spec, spec.default)}`.padEnd(28) +
          `${spec.description} [${fmtValue(spec, spec.min)}..${fmtValue(spec, spec.max)}, step ${fmtValue(spec, spec.step)}]`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The catalogue as JSON (for tools): metadata and parameter specs of every detector. */
export function detectorCatalogue() {
  return detectors.map((d) => ({
    id: d.id,
    version: d.version,
    title: d.title,
    description: d.description,
    severity: d.severity,
    attack: d.attack,
    entity: d.entity,
    baseline: d.baseline ?? null,
    needs: d.needs,
    params: d.params,
  }));
}

/** Registers `pushstorm detectors`: list the detectors and their parameters. */
export function registerDetectorsCommand(program: Command, io: CliIo): Command {
  return program
    .command('detectors')
    .summary('list the detectors and their parameters')
    .description('List every detector: what it finds, its ATT&CK mapping, the entity it is keyed by, and its parameters with defaults and tuning ranges.')
    .option('--json', 'print the catalogue as JSON')
    .addHelpText(
      'after',
      `\n${examplesHelp([
        ['pushstorm detectors', 'the catalogue as text'],
        ['pushstorm detectors --json | jq ".[].id"', 'detector ids, for --detectors'],
      ])}\n\n${EXIT_CODES_HELP}\n`,
    )
    .action((options: { json?: boolean }) => {
      io.stdout.write(options.json ? `${JSON.stringify(detectorCatalogue(), null, 2)}\n` : formatDetectorList());
    });
}
