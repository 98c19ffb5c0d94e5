import { homedir } from 'node:os';
import { type Command, Option } from 'commander';
import type { WorldCache } from '../../formats/cache/WorldCache.ts';
import { type CacheEnvironment, worldCacheDir } from '../../formats/cache/worldCacheDir.ts';
import { OptionError } from '../../model/errors/OptionError.ts';

/** The parsed world-cache options of a command. */
export interface WorldCacheOptions {
  /** `--cache` alone: true; `--cache DIR`: DIR; `--no-cache`: false; neither: undefined. */
  cache?: string | boolean;
  cacheMax?: string;
}

/** Adds `--cache [dir]`, `--no-cache` and `--cache-max <size>` to a command that simulates worlds it may meet again. */
export function addWorldCacheOptions(command: Command): Command {
  for (const option of [
    new Option(
      '--cache [dir]',
      'keep simulated worlds in DIR and read them back next time (default DIR: $PUSHSTORM_CACHE_DIR, $XDG_CACHE_HOME/pushstorm or ~/.cache/pushstorm; on whenever PUSHSTORM_CACHE_DIR is set)',
    ),
    new Option('--no-cache', 'simulate every world, even with PUSHSTORM_CACHE_DIR set'),
    new Option(
      '--cache-max <size>',
      'size cap of the world cache, e.g. 500MiB or 4GiB; least recently used worlds go first (default 2GiB, or $PUSHSTORM_CACHE_MAX)',
    ),
  ])
    command.addOption(option);
  return command;
}

const units: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/**
 * The world cache the options ask for, or undefined. `env` and `home` are passed in so tests never touch the real
 * home directory. The cache's code (and Apache Arrow with it) is loaded only when a cache is asked for: a command
 * run without one never pays for it.
 * @throws OptionError (exit 2) for a size that does not parse.
 */
export async function worldCacheFrom(
  command: string,
  options: WorldCacheOptions,
  env: CacheEnvironment = process.env,
  home: () => string = homedir,
): Promise<WorldCache | undefined> {
  const dir = worldCacheDir(options.cache, env, home);
  const [option, size] =
    options.cacheMax !== undefined ? ['--cache-max', options.cacheMax] : ['PUSHSTORM_CACHE_MAX', env.PUSHSTORM_CACHE_MAX];
  let maxBytes: number | undefined;
  if (size !== undefined && size !== '') {
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(size.trim());
    const unit = match ? units[match[2].toLowerCase()] : undefined;
    if (!match || unit === undefined)
      throw new OptionError(command, [
        { option, value: size, message: 'must be a size: a number of bytes, or with KiB, MiB or GiB (500MiB, 4GiB)' },
      ]);
    maxBytes = Math.floor(Number(match[1]) * unit);
  }
  if (dir === undefined) return undefined;
  const { WorldCache } = await import('../../formats/cache/WorldCache.ts');
  return new WorldCache(dir, { maxBytes });
}
