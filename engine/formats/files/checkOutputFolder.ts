import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { OptionIssue } from '../../model/errors/OptionError.ts';

/** Folders of the system itself: a command that writes and clears files in its output folder must never be aimed at one. */
const SYSTEM_FOLDERS = [
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var',
  '/System',
  '/Library',
  '/Applications',
  '/Users',
  '/home',
  '/private',
  '/opt',
];

/**
 * The problem with an output folder, or undefined when it may be written: `-` (standard output is not a folder), the
 * root, a folder of the system (`/etc`, `/usr`, `/dev`…) or a home folder itself (`~`, not `~/runs`) are refused, so
 * a slip (`--out /`, `--out ~`) cannot scatter or clear files there. Any folder below those is fine.
 *
 * @example checkOutputFolder('--out', '/') // { option: '--out', value: '/', message: 'is a system folder: …' }
 */
export function checkOutputFolder(option: string, folder: string, cwd = process.cwd()): OptionIssue | undefined {
  if (folder === '-')
    return { option, value: folder, message: 'is a folder option: standard output cannot hold several files; name a folder' };
  const path = resolve(cwd, folder).replace(/\/+$/, '') || '/';
  if (SYSTEM_FOLDERS.includes(path))
    return { option, value: folder, message: `is a system folder (${path}): name a folder of your own, e.g. out/run1` };
  if (path === resolve(homedir()))
    return { option, value: folder, message: 'is your home folder itself: name a folder inside it, e.g. ~/pushstorm-out' };
  return undefined;
}
