import type { Command } from 'commander';
import { logFormats } from '../formats/logFormats.ts';
import { examplesHelp } from './_internal/helpSections.ts';
import type { CliIo } from './CliIo.ts';

/** `formats` reads nothing and writes nothing but stdout: only the command line can be wrong. */
const FORMATS_EXIT_CODES = `Exit codes:
  0  success
  1  a bug; see stderr
  2  bad command line (an unknown option); nothing printed`;

/** The format catalogue as text: id, title, sources, file name, and what each cannot hold. */
export function formatFormatList(): string {
  const lines: string[] = [];
  for (const f of logFormats) {
    const file = f.perHost ? 'mac/<host>.ndjson' : `${f.fileStem}.ndjson`;
    lines.push(`${f.id}  ${f.title}  (sources: ${f.sources.join(', ')}; simulate writes ${file})`);
    if (f.limits.length === 0) lines.push('  holds every canonical field');
    else lines.push('  cannot hold:', ...f.limits.map((l) => `    ${l.field}: ${l.why}`));
    lines.push('');
  }
  return lines.join('\n');
}

/** Registers `pushstorm formats`: list the log formats and what each cannot hold. */
export function registerFormatsCommand(program: Command, io: CliIo): Command {
  return program
    .command('formats')
    .summary('list the log formats and the fields each cannot hold')
    .description(
      'List every log format pushstorm reads (detect --format) and writes (simulate --format / --mac-format): ' +
        'the sources it carries, the file simulate writes, and the canonical fields it has no room for.',
    )
    .option('--json', 'print the catalogue as JSON')
    .addHelpText(
      'after',
      `\n${examplesHelp([
        ['pushstorm formats', 'the catalogue as text'],
        ['pushstorm formats --json | jq ".[] | {id, limits}"', 'the limits of each format, for tools (with jq)'],
        [
          'pushstorm simulate scenarios/tiny.yaml --format entra --mac-format unifiedlog',
          'write a simulated world in two of them, into out/tiny-seed1/logs/',
        ],
        ['pushstorm detect out/tiny-seed1/logs/entra-signins.ndjson', 'read one back, the format told from its records'],
      ])}\n\n${FORMATS_EXIT_CODES}\n`,
    )
    .action((options: { json?: boolean }) => {
      const catalogue = logFormats.map((f) => ({
        id: f.id,
        title: f.title,
        sources: f.sources,
        fileStem: f.fileStem,
        perHost: f.perHost ?? false,
        limits: f.limits,
      }));
      io.stdout.write(options.json ? `${JSON.stringify(catalogue, null, 2)}\n` : formatFormatList());
    });
}
