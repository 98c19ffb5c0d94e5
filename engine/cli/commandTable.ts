import type { Command } from 'commander';
import type { CliIo } from './CliIo.ts';

/** Adds one command to the program; each `…Command.ts` module exports one. */
type RegisterCommand = (program: Command, io: CliIo) => Command;

/** A command as the top-level help lists it, and how to load it. */
export interface CommandEntry {
  /** The command's name, as typed after `pushstorm`. */
  name: string;
  /** Its line in the top-level help's command list: name, `[options]`, arguments. */
  term: string;
  /** Its one-line summary in that list. */
  summary: string;
  /** Imports the command's module (and whatever heavy dependencies it has) and returns its register function. */
  load(): Promise<RegisterCommand>;
}

/**
 * Every pushstorm command, in the order `--help` lists them. Only the command being run is loaded: a command's module
 * pulls in what it needs (the simulation, xstate and faker; the report, vega; the schema validator), and a user who
 * asks for `--version` or `detect` should not wait for the rest. The term and summary repeat the command's own
 * definition so the top-level help needs no module; a test checks that each entry matches the command it loads.
 */
export const commandTable: readonly CommandEntry[] = [
  {
    name: 'simulate',
    term: 'simulate [options] <scenario>',
    summary: 'simulate a scenario into events.ndjson and truth.json',
    load: async () => (await import('./simulateCommand.ts')).registerSimulateCommand,
  },
  {
    name: 'run',
    term: 'run [options] [scenario]',
    summary: 'simulate a scenario, detect with every detector and baseline, score (the main job)',
    load: async () => (await import('./runCommand.ts')).registerRunCommand,
  },
  {
    name: 'detect',
    term: 'detect [options] <events>',
    summary: 'run detectors over events or a vendor log and write alerts',
    load: async () => (await import('./detectCommand.ts')).registerDetectCommand,
  },
  {
    name: 'detectors',
    term: 'detectors [options]',
    summary: 'list the detectors and their parameters',
    load: async () => (await import('./detectorsCommand.ts')).registerDetectorsCommand,
  },
  {
    name: 'export',
    term: 'export [options]',
    summary: 'write a detector, with tuned parameters, for another engine: SQL, Sigma, SPL, KQL, EQL, ES|QL',
    load: async () => (await import('./exportCommand.ts')).registerExportCommand,
  },
  {
    name: 'formats',
    term: 'formats [options]',
    summary: 'list the log formats and the fields each cannot hold',
    load: async () => (await import('./formatsCommand.ts')).registerFormatsCommand,
  },
  {
    name: 'score',
    term: 'score [options]',
    summary: 'score alerts against the truth of a simulated world',
    load: async () => (await import('./scoreCommand.ts')).registerScoreCommand,
  },
  {
    name: 'tune',
    term: 'tune [options] <scenario...>',
    summary: 'sweep a detector’s parameters over scenarios × seeds; Pareto front and a recommendation',
    load: async () => (await import('./tuneCommand.ts')).registerTuneCommand,
  },
  {
    name: 'gate',
    term: 'gate [options] <gate>',
    summary: 'check detection quality over a suite of scenarios × seeds (exit 1 on a regression)',
    load: async () => (await import('./gateCommand.ts')).registerGateCommand,
  },
  {
    name: 'evade',
    term: 'evade [options]',
    summary: 'search for the cheapest attacks that get past the detectors; shrink them; chart the boundary',
    load: async () => (await import('./evadeCommand.ts')).registerEvadeCommand,
  },
  {
    name: 'scenario',
    term: 'scenario',
    summary: 'write scenarios from logs: scenario from-log replays one user’s incident step by step',
    load: async () => (await import('./scenarioCommand.ts')).registerScenarioCommand,
  },
  {
    name: 'space',
    term: 'space',
    summary: 'sample the scenario space, and score detectors by attack family and noise kind',
    load: async () => (await import('./spaceCommand.ts')).registerSpaceCommand,
  },
  {
    name: 'stats',
    term: 'stats [options] <events>',
    summary: 'realism figures of a log: prompts per user-day, answers, retries, night and weekend shares',
    load: async () => (await import('./statsCommand.ts')).registerStatsCommand,
  },
  {
    name: 'replay',
    term: 'replay [options] <events>',
    summary: 'send events to a SIEM endpoint (Splunk HEC, Elasticsearch bulk, NDJSON), paced, with retries',
    load: async () => (await import('./replayCommand.ts')).registerReplayCommand,
  },
  {
    name: 'inject',
    term: 'inject [options]',
    summary: "inject a scenario's attacks into a real log, with truth to score it",
    load: async () => (await import('./injectCommand.ts')).registerInjectCommand,
  },
];
