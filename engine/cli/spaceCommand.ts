import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { isSpaceFamily, sampleSpace, spaceFamilies, spaceNoiseKinds, type SpaceFamily } from '../../generators/space/index.ts';
import { loadDetectorInstances } from '../evaluate/loadDetectorInstances.ts';
import {
  baselinesAtBudget,
  comparisonInstances,
  loadSpaceDirectory,
  scoreSpace,
  type BaselineAtBudget,
  type SpaceCell,
  type SpaceReport,
} from '../evaluate/space/index.ts';
import { formatInterval } from '../evaluate/tuning/Interval.ts';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { OptionError, type OptionIssue } from '../model/errors/OptionError.ts';
import { pushstormVersion } from '../model/version.ts';
import { evadeFamilies, type EvadeFamily } from '../tools/evade/index.ts';
import { writeSpaceReport, writeSpaceSample } from '../tools/space/index.ts';
import { displayPath } from './_internal/displayPath.ts';
import { formatTable } from './_internal/formatTable.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';
import { addWorldCacheOptions, type WorldCacheOptions, worldCacheFrom } from './_internal/worldCacheOption.ts';

interface SampleOptions {
  n: number;
  seed: number;
  out?: string;
  families?: string;
}

interface ScoreOptions extends WorldCacheOptions {
  detectors?: string;
  params?: string;
  json?: boolean;
  compareBaselines?: boolean;
  report?: string;
  boundary?: string;
}

const SPACE_HELP = `
The scenario space is every world the scenario language can write, drawn small so
hundreds run in minutes: 40-300 users over 4-12 days in one to three time zones,
with work hours, behaviour profiles, IdP policy and start date drawn too, zero to
three kinds of benign noise (${spaceNoiseKinds.join(', ')}),
and one attack of a family:
  ${spaceFamilies.filter((f) => f !== 'benign').join(', ')}
(benign worlds have none and measure false alerts). Measure a detector set on a
sample it was never tuned on:

${examplesHelp([
  ['pushstorm space sample --n 220 --seed 7 --out space/', 'write 220 scenario files, 20 per family'],
  ['pushstorm space score space/', 'recall, prevented and false alerts of every detector, by family and noise kind'],
  ['pushstorm space score space/ --params tuned.yaml --json', 'a tuned set, as JSON for tools'],
  [
    'pushstorm space score space/ --compare-baselines --report rep/ --boundary burst',
    'baselines at equal false alerts; a report with charts',
  ],
])}`;

/** Registers `pushstorm space`: sample the scenario space, and score a detector set over a sample. */
export function registerSpaceCommand(program: Command, io: CliIo): Command {
  const space = program
    .command('space')
    .summary('sample the scenario space, and score detectors by attack family and noise kind')
    .description(
      'Draw valid scenarios over the whole scenario language, stratified by attack family, and measure a detector set on them: worlds nobody tuned on.',
    )
    .addHelpText('after', SPACE_HELP);
  space
    .command('sample')
    .description('write a stratified sample of the scenario space: one scenario file per world and space.json')
    .requiredOption('--n <count>', 'scenarios in all, shared evenly among the families', integerOption(1, 100_000))
    .option('--seed <n>', 'the sample’s seed: the same seed, count and families give the same files', integerOption(0, 4_294_967_295), 1)
    .option('--out <dir>', 'output folder (default: out/space-seed<seed>)')
    .option('--families <ids>', `comma-separated families (default: all): ${spaceFamilies.join(', ')}`)
    .addHelpText(
      'after',
      `
Outputs: <name>.yaml per world (a valid scenario: run it, edit it, keep it as a
regression case) and space.json (each file's family and noise kinds), which
space score reads. A folder sampled again is replaced whole.

Exit codes:
  0  written
  2  bad option; nothing written`,
    )
    .action((options: SampleOptions) => {
      runSample(options, io);
    });
  addWorldCacheOptions(space.command('score'))
    .description('run detectors over every world of a sample and pool their figures by attack family and by noise kind')
    .argument('<dir>', 'a folder pushstorm space sample wrote')
    .option('--detectors <ids>', 'comma-separated detector ids (default: every detector and baseline)')
    .option('--params <file>', 'parameter sets, YAML or JSON, as pushstorm detect --params reads them')
    .option('--json', 'print the figures as one JSON object on stdout')
    .option('--report <dir>', 'also write the figures as a report: space-report.md with its charts, and space-report.json')
    .option(
      '--boundary <family>',
      `with --report, also chart one attack family's evasion boundary against the same detectors (${evadeFamilies.join(', ')})`,
    )
    .option(
      '--compare-baselines',
      'sweep each baseline’s threshold in the same pass and compare it with the pushstorm set at equal false-alert rate',
    )
    .addHelpText(
      'after',
      `
Figures, pooled over the worlds of each group with 95% intervals: recall and
prevented (Wilson, over incidents), false alerts per 1,000 user-days (Poisson).
"overall" is every pushstorm detector together; baselines are scored alone. A
world counts for every noise kind it has ("none": no added noise).

--report DIR writes space-report.md: recall and prevented by attack family, false
alerts by kind of noise, each detector's recall by family (with SVG heat maps), the
baselines at equal false alerts with --compare-baselines, and with --boundary FAMILY
the detection boundary of plain attacks of that family over prompts × gap (as
pushstorm evade --boundary draws it, with evade's default budget).

--compare-baselines: a baseline at its published threshold may alert far more or
far less than pushstorm's set, so its recall alone says little. Each baseline's
threshold is swept over its range in the same pass, and the table shows, for each,
its most sensitive setting whose false alerts per 1,000 user-days are at most the
pushstorm set's: recall and prevented at equal false-alert rate.

Exit codes:
  0  scored
  1  a bug or an I/O problem; see stderr
  2  bad input: the folder, a scenario, a detector or an option`,
    )
    .action(async (dir: string, options: ScoreOptions) => {
      await runScore(dir, options, io);
    });
  return space;
}

function runSample(options: SampleOptions, io: CliIo): void {
  const ids = options.families
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids?.filter((id) => !isSpaceFamily(id)) ?? [];
  if (unknown.length > 0 || ids?.length === 0)
    throw new OptionError('space sample', [
      {
        option: '--families',
        value: options.families ?? '',
        message: `${unknown.length > 0 ? `has no family ${unknown.map((u) => JSON.stringify(u)).join(', ')}` : 'names no family'}: choose from ${spaceFamilies.join(', ')}`,
      },
    ]);
  const folder = options.out ?? `out/space-seed${options.seed}`;
  const issue = checkOutputFolder('--out', folder);
  if (issue) throw new OptionError('space sample', [issue]);
  const families = (ids as SpaceFamily[] | undefined) ?? [...spaceFamilies];
  const drawn = sampleSpace({ n: options.n, seed: options.seed, families });
  const written = writeSpaceSample(folder, drawn, { seed: options.seed, families });
  const perFamily = families.map((f) => `${f} ${drawn.filter((d) => d.family === f).length}`).join(', ');
  io.stdout.write(
    `space sample, seed ${options.seed}, pushstorm ${pushstormVersion}: ${drawn.length} scenarios (${perFamily})\n` +
      `written  ${displayPath(folder, process.cwd())}/ (${drawn.length} scenario files and space.json)\n` +
      `next     pushstorm space score ${displayPath(folder, process.cwd())}\n`,
  );
  if (written.removed.length > 0) io.stdout.write(`replaced ${written.removed.length} files of an earlier sample\n`);
}

const percent = (cell: SpaceCell, key: 'recall' | 'preventedRate') => formatInterval(cell[key]);

/** One table: a row per group, the overall cell's figures. */
function groupTable(title: string, groups: Array<{ name: string; cells: SpaceCell[] }>): string {
  const rows = groups.map(({ name, cells }) => {
    const overall = cells.find((c) => c.detector === 'overall')!;
    return [
      name,
      String(overall.worlds),
      String(overall.incidents),
      percent(overall, 'recall'),
      percent(overall, 'preventedRate'),
      formatInterval(overall.falseAlertsPer1000UserDays),
    ];
  });
  return formatTable([[title, 'worlds', 'incidents', 'recall', 'prevented', 'false/1k user-days'], ...rows]);
}

/** Recall of each detector by family, in percent: where each one sees and where it is blind. */
function recallMatrix(report: SpaceReport, shown: (label: string) => boolean): string {
  const families = report.byFamily.filter((f) => f.cells.some((c) => c.incidents > 0));
  const detectors = report.all.map((c) => c.detector).filter(shown);
  const rows = detectors.map((detector) => [
    detector,
    ...families.map(({ cells }) => {
      const recall = cells.find((c) => c.detector === detector)?.recall;
      return recall ? `${Math.round(recall.mean * 100)}%` : '—';
    }),
  ]);
  return formatTable([['recall by family', ...families.map((f) => f.family)], ...rows]);
}

/** The report as text. */
function formatSpaceReport(report: SpaceReport, folder: string, shown: (label: string) => boolean): string {
  return [
    `space ${folder}: ${report.worlds} worlds, ${report.events.toLocaleString('en-US')} events; pooled, estimate [95% interval]`,
    '',
    groupTable('family (overall)', [
      ...report.byFamily.map((f) => ({ name: f.family, cells: f.cells })),
      { name: 'all', cells: report.all },
    ]),
    '',
    groupTable(
      'noise kind (overall)',
      report.byNoise.map((n) => ({ name: n.noise, cells: n.cells })),
    ),
    '',
    recallMatrix(report, shown),
    '',
  ].join('\n');
}

/** The baselines at the pushstorm set's false-alert rate. */
function budgetTable(rows: BaselineAtBudget[], report: SpaceReport): string {
  const overall = report.all.find((c) => c.detector === 'overall');
  const lines = [
    ['at equal false alerts', 'setting', 'recall', 'prevented', 'false/1k user-days'],
    ...(overall
      ? [
          [
            'pushstorm (overall)',
            'defaults',
            percent(overall, 'recall'),
            percent(overall, 'preventedRate'),
            formatInterval(overall.falseAlertsPer1000UserDays),
          ],
        ]
      : []),
    ...rows.map((r) => [
      r.baseline,
      `${r.param} ${r.value}${r.withinBudget ? '' : ' (over budget: its quietest)'}`,
      percent(r.cell, 'recall'),
      percent(r.cell, 'preventedRate'),
      formatInterval(r.cell.falseAlertsPer1000UserDays),
    ]),
  ];
  return formatTable(lines);
}

async function runScore(dir: string, options: ScoreOptions, io: CliIo): Promise<void> {
  const problems: OptionIssue[] = [];
  if (options.boundary !== undefined && !evadeFamilies.includes(options.boundary as EvadeFamily))
    problems.push({
      option: '--boundary',
      value: options.boundary,
      message: `is not a family evade searches (${evadeFamilies.join(', ')})`,
    });
  if (options.boundary !== undefined && options.report === undefined)
    problems.push({ option: '--boundary', value: options.boundary, message: 'needs --report DIR to draw it in' });
  if (options.report !== undefined) {
    const issue = checkOutputFolder('--report', options.report);
    if (issue) problems.push(issue);
  }
  if (problems.length > 0) throw new OptionError('space score', problems);
  const cache = await worldCacheFrom('space score', options);
  const chosen = loadDetectorInstances({ detectors: options.detectors, params: options.params });
  const compared = options.compareBaselines ? comparisonInstances(chosen) : undefined;
  const instances = compared?.instances ?? chosen;
  const worlds = await loadSpaceDirectory(dir);
  const report = scoreSpace(worlds, instances, {
    now: () => performance.now(),
    cache,
    onWorld: (index, world, counts) => {
      if (!options.json)
        io.stderr.write(
          `world ${index + 1}/${worlds.length}: ${world.scenario.name}, ${counts.events.toLocaleString('en-US')} events${counts.cached ? ' (cached world)' : ''}, ${counts.incidents} incidents (${counts.seconds.toFixed(1)} s)\n`,
        );
    },
  });
  const atBudget = compared ? baselinesAtBudget(report, compared.baselines) : undefined;
  const shown = (label: string) => !compared?.swept(label);
  if (options.report !== undefined) {
    const family = options.boundary as EvadeFamily | undefined;
    const detectors = chosen.filter((i) => i.definition.baseline === undefined);
    const space = displayPath(dir, process.cwd());
    const files = await writeSpaceReport(options.report, report, { space, shown, atBudget, boundary: family && { family, detectors } });
    if (!options.json) io.stderr.write(`report  ${displayPath(options.report, process.cwd())}/ (${files.join(', ')})\n`);
  }
  if (options.json)
    io.stdout.write(
      `${JSON.stringify({ pushstormVersion, space: dir, ...report, ...(atBudget ? { baselinesAtBudget: atBudget } : {}) })}\n`,
    );
  else {
    io.stdout.write(formatSpaceReport(report, displayPath(dir, process.cwd()), shown));
    if (atBudget) io.stdout.write(`\n${budgetTable(atBudget, report)}\n`);
  }
}
