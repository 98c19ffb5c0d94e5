import { statSync } from 'node:fs';
import type { OptionIssue } from '../../model/errors/OptionError.ts';

/** A path a command was given, with the option that named it (`--out`), or `input` for its input argument. */
export interface NamedPath {
  option: string;
  path: string;
}

/** The file a path names, as the file system identifies it (device and inode), through any symbolic links. */
function fileIdentity(path: string): string | undefined {
  if (path === '-') return undefined;
  try {
    const stats = statSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined; // a path that does not exist yet cannot be an input
  }
}

/**
 * The outputs that would be written over one of the command's inputs — the same file by name, through a symbolic
 * link or a hard link — each as an option problem. `detect X --out X` truncated the input while reading it; a command
 * refuses such a line before anything runs (exit 2).
 *
 * @example outputsOverInputs([{ option: 'input', path: 'events.ndjson' }], [{ option: '--out', path: 'events.ndjson' }])
 * // → [{ option: '--out', value: 'events.ndjson', message: 'is the input events.ndjson: writing it would destroy what is being read; choose another path' }]
 */
export function outputsOverInputs(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): OptionIssue[] {
  const inputsById = new Map<string, NamedPath>();
  for (const input of inputs) {
    const id = fileIdentity(input.path);
    if (id !== undefined) inputsById.set(id, input);
  }
  const issues: OptionIssue[] = [];
  for (const output of outputs) {
    const id = fileIdentity(output.path);
    const input = id === undefined ? undefined : inputsById.get(id);
    if (input === undefined) continue;
    const what = input.option === 'input' ? `the input ${input.path}` : `the ${input.option} file ${input.path}`;
    issues.push({
      option: output.option,
      value: output.path,
      message: `is ${what}: writing it would destroy what is being read; choose another path`,
    });
  }
  return issues;
}
