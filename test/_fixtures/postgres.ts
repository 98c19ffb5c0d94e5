import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL server of the test's own, on a Unix socket in a temporary folder. */
export interface TestPostgres {
  /** Runs SQL through psql; returns its rows, tab-separated, without headers. */
  psql(sql: string): string;
  stop(): void;
}

/** `PUSHSTORM_REQUIRE_POSTGRES=1` (CI sets it once it has installed PostgreSQL): a missing server fails the test. */
export const postgresRequired = !['', '0', undefined].includes(process.env.PUSHSTORM_REQUIRE_POSTGRES);

/** The folder of Debian's PostgreSQL programs (`/usr/lib/postgresql/<version>/bin`), newest first, if installed. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
}

/**
 * Starts a throwaway PostgreSQL (initdb in a temporary folder, trust authentication, no TCP: a Unix socket only), or
 * returns why it cannot. As root it runs the server as the `postgres` user, which Debian's package creates
 * (PostgreSQL refuses to run as root).
 */
export function startPostgres(): TestPostgres | { unavailable: string } {
  const bin = postgresBin();
  if (bin === undefined) return { unavailable: 'no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)' };
  const dir = mkdtempSync(join(tmpdir(), 'pushstorm-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asServer = (program: string, args: string[]) => {
    const command = join(bin, program);
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  try {
    asServer('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    asServer('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses= -c fsync=off`, 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0] ?? String(error);
    return { unavailable: `PostgreSQL did not start: ${detail}` };
  }
  return {
    psql: (sql) =>
      execFileSync(join(bin, 'psql'), ['-h', dir, '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-At', '-F', '\t', '-c', sql], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    stop: () => {
      try {
        asServer('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
