/** The pushstorm command line: the program, its commands and the summary it prints. */
export { runCli } from './runCli.ts';
export { createProgram } from './createProgram.ts';
export { processIo } from './CliIo.ts';
export type { CliIo, TextSink } from './CliIo.ts';
export { ExitCode } from './ExitCode.ts';
export { formatSummary } from './formatSummary.ts';
export type { RunSummary } from './RunSummary.ts';
export { runSimulation, OUTPUT_FILES } from './runSimulation.ts';
export type { SimulationRequest } from './runSimulation.ts';
export { integerOption } from './integerOption.ts';
export { packageRoot } from './packageInfo.ts';
export { DEFAULT_SCENARIO_FILE, runMainJob } from './runCommand.ts';
