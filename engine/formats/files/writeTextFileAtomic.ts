import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { outputTarget } from './outputTarget.ts';
import { trackTemporaryFile, untrackTemporaryFile } from './temporaryFiles.ts';

/**
 * Writes `text` (or bytes, written as they are) to `path` atomically: through a temp file renamed over a regular file
 * or new path, straight into a device or FIFO, through a symbolic link to its target. Returns the bytes written.
 */
export function writeTextFileAtomic(path: string, text: string | Uint8Array): number {
  const target = outputTarget(path);
  if (!target.atomic) {
    writeFileSync(target.path, text, 'utf8');
    return Buffer.byteLength(text, 'utf8');
  }
  const tempPath = `${target.path}.tmp`;
  trackTemporaryFile(tempPath);
  try {
    writeFileSync(tempPath, text, 'utf8');
    renameSync(tempPath, target.path);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  } finally {
    untrackTemporaryFile(tempPath);
  }
  return Buffer.byteLength(text, 'utf8');
}
