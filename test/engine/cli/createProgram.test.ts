import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../engine/cli/CliIo.ts';
import { commandTable } from '../../../engine/cli/commandTable.ts';
import { createProgram } from '../../../engine/cli/createProgram.ts';
import { runCli } from '../../../engine/cli/runCli.ts';

const silentIo = (): CliIo & { out: () => string } => {
  let out = '';
  return { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined }, isTTY: false, out: () => out };
};

/** The commands of a program that were loaded in full (a listed one has neither options nor arguments). */
const loaded = (program: Command) =>
  program.commands.filter((c) => c.options.length > 0 || c.registeredArguments.length > 0).map((c) => c.name());

describe('createProgram', () => {
  it('loads no command for --version or the top-level help', async () => {
    for (const argv of [['--version'], ['-V'], ['--help'], ['help'], []]) {
      const program = await createProgram(silentIo(), argv);
      expect(loaded(program), argv.join(' ')).toEqual([]);
      expect(program.commands.map((c) => c.name())).toEqual(commandTable.map((e) => e.name));
    }
  });

  it('loads only the command being run, or the one help is asked for', async () => {
    expect(loaded(await createProgram(silentIo(), ['detect', 'events.ndjson', '--out', 'a.ndjson']))).toEqual(['detect']);
    expect(loaded(await createProgram(silentIo(), ['help', 'tune']))).toEqual(['tune']);
    expect(loaded(await createProgram(silentIo(), ['formats', '--help']))).toEqual(['formats']);
    expect(loaded(await createProgram(silentIo(), ['bogus']))).toEqual([]);
  });

  it('keeps the commands in table order whichever one is loaded', async () => {
    for (const entry of commandTable) {
      const program = await createProgram(silentIo(), [entry.name]);
      expect(program.commands.map((c) => c.name())).toEqual(commandTable.map((e) => e.name));
    }
  });

  // The table repeats each command's line so the top-level help needs no module: it must say what the command says.
  it.each(commandTable.map((entry) => [entry.name, entry] as const))('lists %s as the command itself defines it', async (_, entry) => {
    const program = new Command('pushstorm');
    const command = (await entry.load())(program, silentIo());
    const help = new Help();
    expect(entry.term).toBe(help.subcommandTerm(command));
    expect(entry.summary).toBe(help.subcommandDescription(command));
  });

  it('lists every command in the top-level help with its term', async () => {
    const io = silentIo();
    expect(await runCli(['--help'], io)).toBe(0);
    const commands = io.out().slice(io.out().indexOf('Commands:'), io.out().indexOf('Examples:'));
    for (const entry of commandTable) expect(commands).toMatch(new RegExp(`^  ${entry.term.replace(/[.[\]]/g, '\\$&')}  `, 'm'));
  });

  it('still suggests a command for a typo', async () => {
    let err = '';
    const io: CliIo = { stdout: { write: () => undefined }, stderr: { write: (s: string) => (err += s) }, isTTY: false };
    expect(await runCli(['detcet'], io)).toBe(2);
    expect(err).toContain('(Did you mean detect?)');
  });
});
