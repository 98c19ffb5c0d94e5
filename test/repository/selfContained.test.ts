/**
 * The repository stands on its own: what the code, the docs and the scenarios rely on is inside it, so a user of the
 * package (or a reader of a clone) can follow every reference.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mjs|cjs|md|ya?ml|json)$/.test(f) && !f.startsWith('test/repository/') && f !== 'package-lock.json');

/** A reference to a file outside the repository: the parent folder's notes, or an absolute path of a machine. */
const outside = /(\.\.\/shared\/|shared\/reference\/|\/work\/(shared|main)\b|\bdesign card\b)/;
/** A bare note name (`design.md`, `realism.md §3`) not written as a link into docs/. */
const bareNote = /(?<![\w/.-])(design|realism|detection-rules|macos|formats)\.md\b/;

describe('the repository', () => {
  it('cites no path outside itself', () => {
    const hits = tracked.flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (outside.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('names its docs by their path (docs/realism.md), not as bare note names a reader cannot find', () => {
    const hits = tracked
      .filter((file) => !file.startsWith('docs/'))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (bareNote.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
      );
    expect(hits).toEqual([]);
  });
});
