import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { loadDetectorInstances } from '../evaluate/loadDetectorInstances.ts';
import { checkOutputFolder } from '../formats/files/checkOutputFolder.ts';
import { formatDuration } from '../model/duration/parseDuration.ts';
import { EvasionFoundError } from '../model/errors/EvasionFoundError.ts';
import { OptionError } from '../model/errors/OptionError.ts';
import { pushstormVersion } from '../model/version.ts';
import {
  defaultEvadeBudget,
  defaultEvadeUsers,
  evadeFamilies,
  searchEvasions,
  sweepBoundary,
  writeEvasions,
  type EvadeFamily,
  type EvadeGoal,
} from '../tools/evade/index.ts';
import { displayPath } from './_internal/displayPath.ts';
import { formatTable } from './_internal/formatTable.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';
import { integerOption } from './integerOption.ts';
import { addWorldCacheOptions, type WorldCacheOptions, worldCacheFrom } from './_internal/worldCacheOption.ts';

interface EvadeCliOptions extends WorldCacheOptions {
  family: EvadeFamily;
  detectors?: string;
  params?: string;
  goal: EvadeGoal;
  minPrompts: number;
  maxPrompts: number;
  maxDays: number;
  users: number;
  seed: number;
  rounds: number;
  tries: number;
  boundary?: boolean;
  out?: string;
  json?: boolean;
}

const HELP_AFTER = `
What it searches: the attacker's parameters of the family — prompts until the
victim gives in, the gap between pushes and its jitter, time of day, egress
(their own line, residential proxies, VPN, hosting, or close to the victim: same
country, city or ISP), pushes per workday (low-and-slow), when the "this is IT"
call comes (social-engineering) — in a small world (--users people in New York,
user 0 the victim, who approves the attack's last prompt). An attack evades when
the victim approves within the budget and no detector of the set alerted before
the approval (--goal undetected: at all). Each round stops at its first evasion
and shrinks it, with fast-check, to the plainest attack that still evades. The
search is seeded: the same options give the same evasions.

Why --min-prompts defaults to 3: a victim who approves the first or second push
leaves a detector nothing to count, only the source and the time to judge.

Outputs (--out, default out/evade-<family>-seed<seed>): evasion-<k>.yaml per
evasion, cheapest first (a scenario file: pushstorm run replays it), evade.json,
and with --boundary a prompts × gap grid of plain attacks as boundary.svg and
boundary.json (red evaded, green detected, grey no compromise).

${examplesHelp([
  ['pushstorm evade --family burst', 'the cheapest bursts the default detectors miss'],
  ['pushstorm evade --family social-engineering --goal undetected --boundary', 'no alert at all, and the boundary chart'],
  ['pushstorm evade --family burst --min-prompts 10 --max-prompts 40', 'CI: fail when a 10-40 prompt storm gets through'],
  ['pushstorm evade --family low-and-slow --params tuned.yaml --max-days 5', 'a tuned set against slow drips'],
])}

Exit codes:
  0  no evasion found within the budget
  1  evasions found (written and listed), or a bug or an I/O problem
  2  bad input: an option, a detector or a parameter file; nothing written
`;

/** Registers `pushstorm evade`: search for attacks that get past a detector set. */
export function registerEvadeCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('evade')
    .summary('search for the cheapest attacks that get past the detectors; shrink them; chart the boundary')
    .description(
      'Search the attacker’s parameters of one attack family for attacks that compromise the victim with no alert before the approval, shrink each to its plainest form, write them as scenario files, and exit 1 when one is found within the budget.',
    )
    .addOption(new Option('--family <id>', 'attack family to search').choices([...evadeFamilies]).makeOptionMandatory())
    .option('--detectors <ids>', 'comma-separated detector ids (default: every pushstorm detector, baselines apart)')
    .option('--params <file>', 'parameter sets, YAML or JSON, as pushstorm detect --params reads them')
    .addOption(
      new Option('--goal <goal>', 'compromise: no alert before the approval; undetected: no alert at all')
        .choices(['compromise', 'undetected'])
        .default('compromise'),
    )
    .option('--min-prompts <n>', 'fewest prompts an evasion may take', integerOption(1, 1000), defaultEvadeBudget.minPrompts)
    .option('--max-prompts <n>', 'most prompts an evasion may take', integerOption(1, 1000), defaultEvadeBudget.maxPrompts)
    .option('--max-days <n>', 'most days from the first push to the approval', integerOption(1, 30), defaultEvadeBudget.maxDays)
    .option('--users <n>', 'people in the small world around the victim', integerOption(2, 2000), defaultEvadeUsers)
    .option('--seed <n>', 'the search’s seed', integerOption(0, 4_294_967_295), 1)
    .option('--rounds <n>', 'searches, each ending at its first evasion', integerOption(1, 100), 3)
    .option('--tries <n>', 'attacks tried per search at most', integerOption(1, 100_000), 200)
    .option('--boundary', 'also sweep plain attacks over prompts × gap and chart what the detectors catch')
    .option('--out <dir>', 'output folder (default: out/evade-<family>-seed<seed>)')
    .option('--json', 'print the result as one JSON object on stdout')
    .addHelpText('after', HELP_AFTER)
    .action(async (options: EvadeCliOptions) => {
      await runEvade(options, io);
    });
  return addWorldCacheOptions(command);
}

async function runEvade(options: EvadeCliOptions, io: CliIo): Promise<void> {
  if (options.minPrompts > options.maxPrompts)
    throw new OptionError('evade', [
      { option: '--min-prompts', value: String(options.minPrompts), message: `must be at most --max-prompts (${options.maxPrompts})` },
    ]);
  const folder = options.out ?? `out/evade-${options.family}-seed${options.seed}`;
  const issue = checkOutputFolder('--out', folder);
  if (issue) throw new OptionError('evade', [issue]);
  const cache = await worldCacheFrom('evade', options);
  const chosen = loadDetectorInstances({ detectors: options.detectors, params: options.params });
  // By default the pushstorm detectors together, as `overall` scores them; a baseline counts when named.
  const instances = options.detectors === undefined ? chosen.filter((i) => !i.definition.baseline) : chosen;
  const budget = { minPrompts: options.minPrompts, maxPrompts: options.maxPrompts, maxDays: options.maxDays };
  const started = performance.now();
  const progress = (worlds: number) => {
    if (!options.json && worlds % 25 === 0) io.stderr.write(`${worlds} worlds tried\n`);
  };
  const search = {
    family: options.family,
    budget,
    goal: options.goal,
    users: options.users,
    seed: options.seed,
    rounds: options.rounds,
    tries: options.tries,
  };
  const result = searchEvasions(instances, { ...search, onWorld: progress, cache });
  let boundaryWorlds = 0;
  let cachedWorlds = result.cachedWorlds;
  const boundary = options.boundary
    ? sweepBoundary(
        options.family,
        result.context,
        instances,
        budget,
        options.goal,
        () => {
          boundaryWorlds++;
        },
        {
          cache,
          onWorld: (fromCache) => {
            if (fromCache) cachedWorlds++;
          },
        },
      )
    : undefined;
  const seconds = (performance.now() - started) / 1000;
  const detectorIds = instances.map((i) => i.definition.id);
  const written = await writeEvasions(folder, result, { ...search, detectors: detectorIds }, boundary);
  const worlds = result.worlds + boundaryWorlds;
  const budgetText = `${budget.minPrompts}-${budget.maxPrompts} prompts and ${budget.maxDays} ${budget.maxDays === 1 ? 'day' : 'days'}`;
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ pushstormVersion, ...search, detectors: detectorIds, worlds, cachedWorlds, seconds, evasions: result.evasions, cleanRounds: result.cleanRounds, boundary, out: folder })}\n`,
    );
  } else {
    const rows = result.evasions.map((e, k) => [
      written.files[k],
      String(e.outcome.prompts),
      e.outcome.days === null ? '—' : formatDuration(Math.round(e.outcome.days * 86_400) * 1000),
      e.attack.family === 'low-and-slow' ? `${e.attack.perDay} a workday` : `${e.attack.intervalS}s`,
      e.attack.source,
      e.outcome.alerts.length > 0 ? e.outcome.alerts.map((a) => a.detector).join(', ') : 'none',
    ]);
    io.stdout.write(
      [
        `evade ${options.family}, goal ${options.goal}, pushstorm ${pushstormVersion}: ${detectorIds.length} detectors, budget ${budgetText}`,
        `${worlds} worlds${cachedWorlds > 0 ? ` (${cachedWorlds} from the world cache)` : ''} in ${seconds.toFixed(1)} s (${(worlds / Math.max(seconds, 1e-9)).toFixed(0)} worlds/s), seed ${options.seed}`,
        '',
        result.evasions.length > 0
          ? formatTable([['evasion', 'prompts', 'to approval', 'gap', 'source', 'alerted after the approval'], ...rows])
          : `no evasion found in ${options.rounds} ${options.rounds === 1 ? 'round' : 'rounds'} of up to ${options.tries} attacks`,
        '',
        `written  ${displayPath(folder, process.cwd())}/ (${written.files.join(', ')})`,
        '',
      ].join('\n'),
    );
  }
  if (result.evasions.length > 0) throw new EvasionFoundError(options.family, result.evasions.length, budgetText);
}
