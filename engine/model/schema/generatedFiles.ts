import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Paths (repository-relative) among `files` (path → the text it must hold) whose file under `root` holds other text. */
export async function staleFiles(root: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const stale: string[] = [];
  for (const [output, text] of files) {
    const current = await readFile(path.join(root, output), 'utf8').catch(() => '');
    if (current !== text) stale.push(output);
  }
  return stale;
}

/**
 * The command line of a generator script: with `--check`, compares `files` with what `root` holds and exits 1 naming
 * the stale ones (`what` names them, `command` regenerates them); otherwise writes them.
 */
export async function writeOrCheckGenerated(
  root: string,
  files: ReadonlyMap<string, string>,
  what: string,
  command: string,
): Promise<void> {
  if (process.argv.includes('--check')) {
    const stale = await staleFiles(root, files);
    if (stale.length > 0) {
      console.error(`stale ${what}: ${stale.join(', ')} — run \`${command}\``);
      process.exit(1);
    }
    console.log(`${what} are fresh`);
    return;
  }
  for (const [output, text] of files) {
    await writeFile(path.join(root, output), text);
    console.log(`wrote ${output}`);
  }
}
