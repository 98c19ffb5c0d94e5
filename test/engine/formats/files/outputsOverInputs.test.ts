import { linkSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outputsOverInputs } from '../../../../engine/formats/files/outputsOverInputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-clobber-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const events = join(dir, 'events.ndjson');
writeFileSync(events, '{}\n');
symlinkSync(events, join(dir, 'via-symlink.ndjson'));
linkSync(events, join(dir, 'via-hardlink.ndjson'));
const input = [{ option: 'input', path: events }];

describe('outputsOverInputs', () => {
  it('finds an output that is the input by name, through a symbolic link or a hard link', () => {
    for (const name of ['events.ndjson', 'via-symlink.ndjson', 'via-hardlink.ndjson', `../${dir.split('/').at(-1)}/events.ndjson`]) {
      const path = join(dir, name);
      expect(outputsOverInputs(input, [{ option: '--out', path }]), name).toEqual([
        {
          option: '--out',
          value: path,
          message: `is the input ${events}: writing it would destroy what is being read; choose another path`,
        },
      ]);
    }
  });

  it('lets a new path, another file and stdin through, and names an input given by option', () => {
    writeFileSync(join(dir, 'other.ndjson'), '');
    expect(
      outputsOverInputs(input, [
        { option: '--out', path: join(dir, 'new.ndjson') },
        { option: '--out', path: join(dir, 'other.ndjson') },
      ]),
    ).toEqual([]);
    expect(outputsOverInputs([{ option: 'input', path: '-' }], [{ option: '--out', path: '-' }])).toEqual([]);
    expect(outputsOverInputs([{ option: '--into', path: events }], [{ option: '--out', path: events }])[0].message).toMatch(
      /^is the --into file /,
    );
  });
});
