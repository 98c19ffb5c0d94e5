import { join } from 'node:path';

/** Environment variables by name (`process.env`, or a test's own); {@link worldCacheDir} reads PUSHSTORM_CACHE_DIR and XDG_CACHE_HOME. */
export type CacheEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Where the world cache lives, from the `--cache` option: `false` (`--no-cache`) none; a directory, that one; `true`
 * (`--cache` alone) `$PUSHSTORM_CACHE_DIR`, else `$XDG_CACHE_HOME/pushstorm`, else `~/.cache/pushstorm`; not given,
 * `$PUSHSTORM_CACHE_DIR` when it is set (a CI job turns the cache on once for every command), else none. The
 * environment and the home directory are passed in, so tests never reach the real home.
 *
 * @example
 * worldCacheDir(true, process.env, homedir) // '/home/me/.cache/pushstorm'
 */
export function worldCacheDir(option: string | boolean | undefined, env: CacheEnvironment, home: () => string): string | undefined {
  if (option === false) return undefined;
  if (typeof option === 'string') return option;
  const fromEnv = env.PUSHSTORM_CACHE_DIR || undefined;
  if (option === undefined) return fromEnv;
  if (fromEnv) return fromEnv;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'pushstorm');
  return join(home(), '.cache', 'pushstorm');
}
