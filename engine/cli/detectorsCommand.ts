import type { Command } from 'commander';
import { HOUR, MINUTE, SECOND } from '../model/duration/timeUnits.ts';
import type { ParamSpec, AnyDetectorDefinition } from '../runtime/DetectorDefinition.ts';
import { formatParamValue } from '../runtime/paramValues.ts';
import { detectorRegistryFor, detectorsFromOption, sqlDetectorOption, type DetectorsFromOptions } from './_internal/detectorsFromOption.ts';
import { EXIT_CODES_HELP, examplesHelp } from './_internal/helpSections.ts';
import { exportsOf, whyNotExportable } from '../tools/export/index.ts';
import type { CliIo } from './CliIo.ts';

const fmtValue = (spec: ParamSpec, v: number) => {
  if (spec.unit !== 'ms') return String(v);
  if (v % HOUR === 0 && v > 0) return `${v / HOUR}h`;
  if (v % MINUTE === 0 && v > 0) return `${v / MINUTE}m`;
  return v % SECOND === 0 ? `${v / SECOND}s` : `${v}ms`;
};

const paramsOf = (d: AnyDetectorDefinition) => Object.entries(d.params as Record<string, ParamSpec>);

/** The detector catalogue as text: id, what it finds, ATT&CK mapping, parameters with defaults and ranges. */
export function formatDetectorList(detectors: Iterable<AnyDetectorDefinition>): string {
  const lines: string[] = [];
  for (const d of detectors) {
    const tags = [
      d.attack.technique,
      d.attack.analytic,
      `keyed by ${d.entity}`,
      `severity ${d.severity}`,
      d.baseline ? 'baseline' : undefined,
    ].filter(Boolean);
    lines.push(`${d.id}  v${d.version}  (${tags.join(', ')})`, `  ${d.title}. ${d.description}`);
    if (d.baseline) lines.push(`  reimplements: ${d.baseline}`);
    const targets = exportsOf(d);
    lines.push(
      targets.length > 0 ? `  exports to: ${targets.join(', ')} (pushstorm export)` : `  exports to: none — ${whyNotExportable(d, 'sql')}`,
    );
    for (const [name, spec] of paramsOf(d)) {
      lines.push(
        `    ${name} = ${fmtValue(spec, spec.default)}`.padEnd(28) +
          `${spec.description} [${fmtValue(spec, spec.min)}..${fmtValue(spec, spec.max)}, step ${fmtValue(spec, spec.step)}]`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * The catalogue as a Markdown table, one row per detector in listing order: id, what it finds, the entity it is keyed
 * by, severity, ATT&CK mapping, parameters with their defaults, the targets `pushstorm export` writes it for (— when it
 * states no shape), and the library scenario it catches — the table of
 * `detectors/README.md`, generated so that adding a detector never means editing it by hand.
 */
export function formatDetectorTable(detectors: Iterable<AnyDetectorDefinition>): string {
  const rows = [
    '| id | what it finds | keyed by | severity | ATT&CK | parameters (defaults) | exports to | in the library |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const d of detectors) {
    const params =
      paramsOf(d)
        .map(([name, spec]) => `${name} ${formatParamValue(spec, spec.default)}`)
        .join(', ') || '—';
    const library =
      d.library === undefined ? '—' : 'catches' in d.library ? `catches \`${d.library.catches}\`` : `silent: ${cell(d.library.silent)}`;
    const id = d.baseline ? `\`${d.id}\` (baseline)` : `\`${d.id}\``;
    const attack = [d.attack.technique, d.attack.analytic].filter(Boolean).join(', ');
    const exports = exportsOf(d).join(', ') || '—';
    rows.push(`| ${[id, cell(d.title), d.entity, d.severity, attack, params, exports, library].join(' | ')} |`);
  }
  return `${rows.join('\n')}\n`;
}

/** The catalogue as JSON (for tools): metadata and parameter specs of every detector. */
export function detectorCatalogue(detectors: Iterable<AnyDetectorDefinition>) {
  return [...detectors].map((d) => ({
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
    exports: exportsOf(d),
  }));
}

interface DetectorsOptions extends DetectorsFromOptions {
  json?: boolean;
  markdown?: boolean;
}

/** Registers `pushstorm detectors`: list the detectors and their parameters. */
export function registerDetectorsCommand(program: Command, io: CliIo): Command {
  return program
    .command('detectors')
    .summary('list the detectors and their parameters')
    .description(
      'List every detector: what it finds, its ATT&CK mapping, the entity it is keyed by, and its parameters with defaults and tuning ranges.',
    )
    .option('--json', 'print the catalogue as JSON')
    .option('--markdown', 'print the catalogue as a Markdown table (as in detectors/README.md)')
    .addOption(detectorsFromOption())
    .addOption(sqlDetectorOption())
    .addHelpText(
      'after',
      `\n${examplesHelp([
        ['pushstorm detectors', 'the catalogue as text'],
        ['pushstorm detectors --json | jq ".[].id"', 'detector ids, for --detectors'],
        ['pushstorm detectors --markdown --detectors-from my-detectors.js', 'a Markdown table, your own detectors included'],
      ])}\n\n${EXIT_CODES_HELP}\n`,
    )
    .action(async (options: DetectorsOptions) => {
      const detectors = (await detectorRegistryFor(options, process.cwd())).values();
      io.stdout.write(
        options.json
          ? `${JSON.stringify(detectorCatalogue(detectors), null, 2)}\n`
          : options.markdown
            ? formatDetectorTable(detectors)
            : formatDetectorList(detectors),
      );
    });
}
