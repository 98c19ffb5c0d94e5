import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCollected } from '../../_fixtures/runCliCollected.ts';

/**
 * Every command over generated bad input, as a hostile user or a broken pipeline would feed it: random bytes,
 * truncated and mutated JSON, NDJSON mixing good records with garbage, arrays, CRLF and invalid UTF-8, YAML alias
 * bombs, deeply nested documents, mutated scenarios and gate files, and junk options. Whatever the input:
 * - the exit code is 0, 1 or 2 — never a crash with another code;
 * - nothing prints a stack trace;
 * - no input file is modified, and nothing new appears beside the inputs (outputs go where they were asked to).
 */

const root = mkdtempSync(join(tmpdir(), 'pushstorm-fuzz-'));
const inDir = join(root, 'in');
const seedDir = join(root, 'seed');
let caseNumber = 0;
const home = process.cwd();

/** A valid tiny world's files, the material the mutations start from. */
const material = { scenario: '', events: [] as string[], truth: '', alerts: [] as string[], gate: '' };

const cli = runCliCollected;

/** Every file under `dir` with a hash of its bytes: the inputs before and after a command. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m;

/** Runs a command over freshly written input files and checks the three invariants. */
async function holds(
  files: Record<string, Content>,
  argv: (paths: Record<string, string>, out: string) => string[],
  options: { newFilesAllowed?: boolean } = {},
) {
  const dir = join(inDir, String(caseNumber++));
  const out = join(root, 'out', String(caseNumber));
  mkdirSync(dir, { recursive: true });
  mkdirSync(out, { recursive: true });
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, name);
    writeFileSync(paths[name], content.data);
  }
  const before = snapshot(dir);
  const { code, stdout, stderr } = await cli(argv(paths, out));
  const context = `argv ${JSON.stringify(argv(paths, out))}\nstderr:\n${stderr.slice(0, 2000)}`;
  expect([0, 1, 2], context).toContain(code);
  expect(stderr, context).not.toMatch(STACK_LINE);
  expect(stdout, context).not.toMatch(STACK_LINE);
  const after = snapshot(dir);
  // inject aimed at its input's folder may add its outputs there, but must not change what was there.
  if (options.newFilesAllowed) for (const [name, hash] of Object.entries(before)) expect(after[name], `${context}\n${name}`).toBe(hash);
  else expect(after, context).toEqual(before);
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}

// ---- generators of bad input ----------------------------------------------------------------------------------

/** File content with a short description, so a counterexample prints as `deep arrays ×50000`, not 100 KB of brackets. */
class Content {
  constructor(
    readonly what: string,
    readonly data: string | Uint8Array,
  ) {}
  [fc.toStringMethod](): string {
    const text = typeof this.data === 'string' ? this.data : Buffer.from(this.data).toString('latin1');
    return `${this.what}(${text.length > 300 ? `${JSON.stringify(text.slice(0, 300))}… ${text.length} chars` : JSON.stringify(text)})`;
  }
}

const named =
  (what: string) =>
  (data: string | Uint8Array): Content =>
    new Content(what, data);

const INVALID_UTF8 = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80])];

/** A deeply nested JSON document (arrays or objects), the kind that overflows a recursive walk. */
const deepJson = fc
  .tuple(fc.integer({ min: 1_000, max: 60_000 }), fc.boolean())
  .map(([depth, objects]) =>
    objects
      ? new Content(`nested objects ×${depth}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)
      : new Content(`nested arrays ×${depth}`, `${'['.repeat(depth)}${']'.repeat(depth)}`),
  );

/** The "billion laughs" of YAML: each alias doubles the one before. */
const aliasBomb = fc.integer({ min: 8, max: 30 }).map((levels) => {
  const lines = ['a0: &a0 ["lol","lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [*a${i - 1},*a${i - 1},*a${i - 1},*a${i - 1}]`);
  return new Content(`YAML alias bomb ×${levels}`, `${lines.join('\n')}\nname: bomb\n`);
});

/** A text cut short, or with a few characters changed. */
function mutatedText(what: string, text: () => string) {
  return fc.oneof(
    fc.nat().map((n) => {
      const t = text();
      return new Content(`${what} cut`, t.slice(0, n % (t.length + 1)));
    }),
    fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([n, s]) => {
      const t = text();
      const at = n % (t.length + 1);
      return new Content(`${what} changed`, t.slice(0, at) + s + t.slice(at + s.length));
    }),
  );
}

/** NDJSON mixing good records with garbage, arrays, blank lines, invalid UTF-8, CRLF and a missing final newline. */
const messyNdjson = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.nat().map((i) => Buffer.from(material.events[i % material.events.length])),
        fc.constantFrom('[]', '[1,2]', '{}', 'null', '"text"', '', '   ', '{"id":', '\u0000\u001b[31m').map((s) => Buffer.from(s)),
        fc.string().map((s) => Buffer.from(s)),
        fc.constantFrom(...INVALID_UTF8),
        fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      ),
      { maxLength: 40 },
    ),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([lines, eol, finalNewline]) => {
    const parts: Buffer[] = [];
    lines.forEach((line, i) => {
      parts.push(line);
      if (i < lines.length - 1 || finalNewline) parts.push(Buffer.from(eol));
    });
    return new Content('messy NDJSON', Buffer.concat(parts));
  });

/** Anything a file might hold: bytes, JSON, messy NDJSON, nesting, YAML bombs. */
const anyFile = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map(named('bytes')),
  fc.jsonValue().map((v) => new Content('JSON', JSON.stringify(v) ?? '')),
  messyNdjson,
  deepJson,
  aliasBomb,
);

/** The tiny scenario with a line removed, doubled or given a random value: mostly invalid, sometimes a valid world. */
const mutatedScenario = fc.oneof(
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('drop', 'double', 'value'),
      fc.oneof(fc.string(), fc.integer().map(String), fc.constantFrom('-1', '1e308', '9999-01-01T00:00:00Z', '[]', '{}', '*x', '&y z')),
    )
    .map(([n, how, value]) => {
      const lines = material.scenario.split('\n');
      const i = n % lines.length;
      if (how === 'drop') lines.splice(i, 1);
      else if (how === 'double') lines.splice(i, 0, lines[i]);
      else lines[i] = lines[i].replace(/:\s.*$/, `: ${value}`);
      return new Content(`scenario ${how} line ${i + 1}`, lines.join('\n'));
    }),
  aliasBomb,
  deepJson,
  fc.uint8Array({ maxLength: 500 }).map(named('bytes')),
);

/** A gate over the tiny scenario, mutated. */
const mutatedGate = fc.oneof(
  mutatedText('gate', () => material.gate),
  aliasBomb,
  deepJson,
);

/** Junk options after a command: known names with odd values, unknown names, stray words. */
const junkOptions = fc.array(
  fc.oneof(
    fc.constantFrom(
      '--seed',
      '--users',
      '--days',
      '--out',
      '--json',
      '--format',
      '--lateness',
      '--speed',
      '--timeout',
      '--batch',
      '--params',
      '--detectors',
      '--grid',
      '--seeds',
      '--yes',
      '--quarantine',
      '--max-wait',
      '-',
    ),
    fc.constantFrom('-1', '0', 'NaN', '1e400', '99999999999999999999', '', '\u001b[2J', '../../..', 'all', '5m', '0x'),
    fc.string({ maxLength: 8 }),
  ),
  { maxLength: 6 },
);

const runs = { numRuns: 100, endOnFailure: true };

beforeAll(async () => {
  mkdirSync(inDir, { recursive: true });
  material.scenario = readFileSync('scenarios/tiny.yaml', 'utf8');
  const sim = await cli(['simulate', 'scenarios/tiny.yaml', '--out', seedDir]);
  expect(sim.code, sim.stderr).toBe(0);
  const alerts = await cli(['detect', join(seedDir, 'events.ndjson'), '--out', join(seedDir, 'alerts.ndjson')]);
  expect(alerts.code, alerts.stderr).toBe(0);
  material.events = readFileSync(join(seedDir, 'events.ndjson'), 'utf8').trim().split('\n');
  material.truth = readFileSync(join(seedDir, 'truth.json'), 'utf8');
  material.alerts = readFileSync(join(seedDir, 'alerts.ndjson'), 'utf8').trim().split('\n');
  const scenarioPath = join(root, 'tiny.yaml');
  writeFileSync(scenarioPath, material.scenario);
  material.gate = `name: fuzz\nsuite:\n  - { scenario: ${scenarioPath}, seeds: [1] }\ndetectors: all\nrequire:\n  - { detector: overall, figure: recall, min: 0.5 }\n`;
  // Junk options can name a relative output (`--out --json`): the commands run in a folder of their own, never the repository.
  mkdirSync(join(root, 'cwd'));
  process.chdir(join(root, 'cwd'));
}, 120_000);

afterAll(() => {
  process.chdir(home);
  rmSync(root, { recursive: true, force: true });
});

describe('every command over bad input: exit 0, 1 or 2, no stack trace, inputs untouched', () => {
  it('simulate', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenario, junkOptions, async (scenario, junk) => {
        await holds({ 's.yaml': scenario }, (p, out) => ['simulate', p['s.yaml'], '--out', join(out, 'sim'), ...junk]);
      }),
      runs,
    );
  });

  it('run', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenario, async (scenario) => {
        await holds({ 's.yaml': scenario }, (p, out) => ['run', p['s.yaml'], '--out', join(out, 'run')]);
      }),
      { ...runs, numRuns: 25 },
    );
  });

  it('detect', async () => {
    await fc.assert(
      fc.asyncProperty(anyFile, junkOptions, async (events, junk) => {
        await holds({ 'events.ndjson': events }, (p, out) => [
          'detect',
          p['events.ndjson'],
          '--out',
          join(out, 'alerts.ndjson'),
          '--quarantine',
          join(out, 'q.ndjson'),
          ...junk,
        ]);
      }),
      runs,
    );
  });

  it('score', async () => {
    const truth = fc.oneof(
      mutatedText('truth', () => material.truth),
      anyFile,
    );
    const alerts = fc.oneof(messyNdjson, anyFile, fc.constant(new Content('alerts', material.alerts.join('\n'))));
    await fc.assert(
      fc.asyncProperty(truth, alerts, fc.option(messyNdjson), async (t, a, e) => {
        const files: Record<string, Content> = { 'truth.json': t, 'alerts.ndjson': a };
        if (e) files['events.ndjson'] = e;
        await holds(files, (p) => [
          'score',
          '--truth',
          p['truth.json'],
          '--alerts',
          p['alerts.ndjson'],
          ...(e ? ['--events', p['events.ndjson']] : []),
        ]);
      }),
      runs,
    );
  });

  it('tune', async () => {
    const grid = fc.constantFrom('threshold=3..4', 'threshold=0..1', 'window=0s', 'nope=1', 'threshold=1..100000', '');
    await fc.assert(
      fc.asyncProperty(mutatedScenario, grid, async (scenario, g) => {
        await holds({ 's.yaml': scenario }, (p) => ['tune', p['s.yaml'], '--detector', 'mfa-without-login', '--grid', g, '--seeds', '1']);
      }),
      { ...runs, numRuns: 25 },
    );
  });

  it('gate', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedGate, async (gate) => {
        await holds({ 'gate.yaml': gate }, (p, out) => ['gate', p['gate.yaml'], '--junit', join(out, 'gate.xml')]);
      }),
      { ...runs, numRuns: 25 },
    );
  });

  it('replay (to a port nothing can reach)', async () => {
    await fc.assert(
      fc.asyncProperty(anyFile, fc.constantFrom('ndjson', 'splunk-hec', 'elastic-bulk'), async (events, as) => {
        await holds({ 'events.ndjson': events }, (p, out) => [
          'replay',
          p['events.ndjson'],
          '--to',
          'http://127.0.0.1:9/',
          '--as',
          as,
          '--failed',
          join(out, 'failed.ndjson'),
          '--quarantine',
          join(out, 'quarantine.ndjson'),
        ]);
      }),
      runs,
    );
  });

  it('inject', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyFile,
        fc.oneof(fc.constant(new Content('tiny scenario', material.scenario)), mutatedScenario),
        async (log, scenario) => {
          await holds({ 'log.ndjson': log, 's.yaml': scenario }, (p, out) => [
            'inject',
            '--into',
            p['log.ndjson'],
            '--scenario',
            p['s.yaml'],
            '--out',
            join(out, 'inj'),
          ]);
        },
      ),
      runs,
    );
  });

  it('outputs aimed at an input (the same file, or - where a file is meant)', async () => {
    const events = new Content('tiny events', `${material.events.join('\n')}\n`);
    const argv = fc.constantFrom(
      (p: Record<string, string>) => ['detect', p['events.ndjson'], '--out', p['events.ndjson']],
      (p: Record<string, string>) => ['detect', p['events.ndjson'], '--out', '-', '--quarantine', p['events.ndjson']],
      (p: Record<string, string>) => [
        'replay',
        p['events.ndjson'],
        '--to',
        'http://127.0.0.1:9/',
        '--as',
        'ndjson',
        '--failed',
        p['events.ndjson'],
      ],
      (p: Record<string, string>) => [
        'replay',
        p['events.ndjson'],
        '--to',
        'http://127.0.0.1:9/',
        '--as',
        'ndjson',
        '--quarantine',
        p['events.ndjson'],
      ],
      (p: Record<string, string>) => [
        'inject',
        '--into',
        p['events.ndjson'],
        '--scenario',
        p['s.yaml'],
        '--out',
        dirname(p['events.ndjson']),
      ],
      (p: Record<string, string>) => ['score', '--truth', p['events.ndjson'], '--alerts', p['events.ndjson'], '--report', '-'],
    );
    await fc.assert(
      fc.asyncProperty(argv, async (make) => {
        await holds({ 'events.ndjson': events, 's.yaml': new Content('tiny scenario', material.scenario) }, (p) => make(p), {
          newFilesAllowed: make.toString().includes("'inject'"),
        });
      }),
      { ...runs, numRuns: 25 },
    );
  });

  it('detect --params', async () => {
    const events = new Content('tiny events', `${material.events.join('\n')}\n`);
    await fc.assert(
      fc.asyncProperty(anyFile, fc.constantFrom('params.yaml', 'params.json', 'params.txt'), async (params, name) => {
        await holds({ 'events.ndjson': events, [name]: params }, (p, out) => [
          'detect',
          p['events.ndjson'],
          '--params',
          p[name],
          '--out',
          join(out, 'alerts.ndjson'),
        ]);
      }),
      runs,
    );
  });

  it('detectors, formats and junk options anywhere', async () => {
    // Commands that would run the default scenario into ./out, or read stdin, get a missing input first.
    const command = fc.constantFrom(
      ['detectors'],
      ['formats'],
      ['simulate', '/nonexistent/s.yaml'],
      ['run', '/nonexistent/s.yaml'],
      ['detect', '/nonexistent/events.ndjson'],
      ['score'],
      ['tune', '/nonexistent/s.yaml'],
      ['gate', '/nonexistent/gate.yaml'],
      ['replay', '/nonexistent/events.ndjson'],
      ['inject'],
      ['help'],
      ['nope'],
    );
    await fc.assert(
      fc.asyncProperty(command, junkOptions, async (name, junk) => {
        await holds({}, () => [...name, ...junk]);
      }),
      runs,
    );
  });
});
