import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../engine/model/errors/ScenarioError.ts';
import type { ScenarioIssue } from '../../../engine/model/errors/ScenarioError.ts';
import { isPushstormError } from '../../../engine/model/errors/PushstormError.ts';
import { runCli } from '../../../engine/cli/runCli.ts';
import { loadScenarioFile, resolveScenario } from '../../../generators/scenario/index.ts';
import schema from '../../../scenarios/scenario.schema.json' with { type: 'json' };
import type { ScenarioOverrides } from '../../../generators/scenario/index.ts';

const minimal = () => ({
  name: 'minimal',
  start: '2026-03-02T00:00:00Z',
  duration: '7d',
  population: { users: 10 },
});

/** A scenario with one attack that names every attack field, for checking resolution field by field. */
const withAttack = (attack: Record<string, unknown> = {}) => ({
  ...minimal(),
  attacks: [{ name: 'a', strategy: 'burst', at: { day: 1, time: '22:30' }, ...attack }],
});

function issuesOf(raw: unknown, overrides?: ScenarioOverrides): ScenarioIssue[] {
  try {
    resolveScenario(raw, overrides);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

async function fileError(file: string): Promise<ScenarioError> {
  const error = await loadScenarioFile(file).catch((caught: unknown) => caught);
  if (error instanceof ScenarioError) return error;
  throw new Error(`expected a ScenarioError, got ${String(error)}`);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('resolveScenario: defaults', () => {
  it('fills every default of a minimal scenario, including absent nested objects', () => {
    const { source, hash, ...resolved } = resolveScenario(minimal());
    expect(resolved).toEqual({
      name: 'minimal',
      description: '',
      seed: 1,
      startMs: Date.UTC(2026, 2, 2),
      durationMs: 7 * 86_400_000,
      population: {
        users: 10,
        domain: 'example.org',
        timeZones: [['America/New_York', 1]],
        profiles: [
          ['cautious', 0.3],
          ['typical', 0.6],
          ['fatigable', 0.1],
        ],
        workHours: { startMinute: 540, endMinute: 1050, spreadMs: 2_700_000, weekends: 0.05 },
        loginsPerDay: { min: 0.5, max: 3 },
        apps: ['Okta Dashboard', 'Office 365', 'Slack', 'Salesforce', 'Corporate VPN', 'GitHub Enterprise', 'Workday'],
        macs: { perUser: 1, shared: 0, sharedUsers: 0, desktopMfa: 1, sshEnabled: 0.1 },
      },
      idp: {
        vendor: 'okta',
        pushTimeoutMs: 60_000,
        numberMatching: false,
        mfaSkip: 0.22,
        rateLimit: { enabled: true, challenges: 10, perMs: 300_000 },
        lockout: { failures: 10, durationMs: 1_800_000 },
        fraudMuteMs: 1_200_000,
      },
      noise: {
        missedPush: 0.05,
        denyOwnPush: 0.005,
        fatFinger: 0.03,
        travel: 0.02,
        deviceChange: 0.001,
        enrolmentWaves: [],
        outages: [],
        conferences: [],
      },
      attacks: [],
    });
    expect(source).toEqual(minimal());
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fills the defaults of partly given nested objects and keeps what is given', () => {
    const resolved = resolveScenario({
      ...minimal(),
      idp: { rateLimit: { challenges: 3 } },
      noise: { missedPush: 0.2 },
    });
    expect(resolved.idp.rateLimit).toEqual({ enabled: true, challenges: 3, perMs: 300_000 });
    expect(resolved.idp.lockout).toEqual({ failures: 10, durationMs: 1_800_000 });
    expect(resolved.noise.missedPush).toBe(0.2);
    expect(resolved.noise.fatFinger).toBe(0.03);
  });

  it('resolves an attack: defaults, durations in ms, "HH:MM" in minutes, optional parts absent', () => {
    expect(resolveScenario(withAttack()).attacks).toEqual([
      {
        name: 'a',
        strategy: 'burst',
        targets: 1,
        at: { day: 1, minuteOfDay: 1350 },
        pushes: 20,
        intervalMs: 60_000,
        jitter: 0.3,
        spreadMs: 604_800_000,
        sources: { kind: 'single', pool: 1, rotateEvery: 1 },
        postCompromise: { enrollFactor: true, afterMs: 300_000 },
      },
    ]);
    const attack = resolveScenario(
      withAttack({
        targets: [3, 1],
        targetProfile: 'fatigable',
        interval: '1.5m',
        sources: { kind: 'vpn', pool: 8, country: 'RO' },
        socialEngineering: { afterPrompts: 15 },
        postCompromise: { after: '10m', enrollFactor: false },
      }),
    ).attacks[0];
    expect(attack).toMatchObject({
      targets: [3, 1],
      targetProfile: 'fatigable',
      intervalMs: 90_000,
      sources: { kind: 'vpn', pool: 8, rotateEvery: 1, country: 'RO' },
      socialEngineering: { afterPrompts: 15, channel: 'whatsapp', numberRelay: 0.5 },
      postCompromise: { enrollFactor: false, afterMs: 600_000 },
    });
  });

  it('normalises weights to sum 1 in the order written', () => {
    const resolved = resolveScenario({
      ...minimal(),
      population: {
        users: 10,
        timeZones: { 'Europe/Madrid': 1, 'America/Chicago': 3 },
        profiles: { typical: 2, cautious: 2 },
      },
    });
    expect(resolved.population.timeZones).toEqual([
      ['Europe/Madrid', 0.25],
      ['America/Chicago', 0.75],
    ]);
    expect(resolved.population.profiles).toEqual([
      ['typical', 0.5],
      ['cautious', 0.5],
    ]);
  });

  it('resolves noise events', () => {
    const resolved = resolveScenario({
      ...minimal(),
      noise: {
        enrolmentWaves: [{ at: { day: 1 }, fraction: 0.4 }],
        outages: [{ at: { day: 2, time: '13:30' }, duration: '90m' }],
        conferences: [{ at: { day: 1 }, days: 4, attendees: 120, country: 'ES', city: 'Barcelona', timeZone: 'Europe/Madrid' }],
      },
    });
    expect(resolved.noise.enrolmentWaves).toEqual([{ at: { day: 1, minuteOfDay: 540 }, fraction: 0.4, overMs: 172_800_000 }]);
    expect(resolved.noise.outages).toEqual([{ at: { day: 2, minuteOfDay: 810 }, durationMs: 5_400_000 }]);
    expect(resolved.noise.conferences).toEqual([
      {
        at: { day: 1, minuteOfDay: 540 },
        days: 4,
        attendees: 120,
        country: 'ES',
        city: 'Barcelona',
        timeZone: 'Europe/Madrid',
      },
    ]);
  });

  it('reads the start with its offset as UTC epoch ms', () => {
    expect(resolveScenario({ ...minimal(), start: '2026-03-02T09:00:00+01:00' }).startMs).toBe(Date.UTC(2026, 2, 2, 8));
  });

  it("does not modify the caller's object, and does not share it with the result", () => {
    const raw = deepFreeze(withAttack({ sources: { kind: 'tor' } }));
    const before = JSON.stringify(raw);
    const resolved = resolveScenario(raw);
    expect(JSON.stringify(raw)).toBe(before);
    expect(resolved.source).toEqual(raw);
    expect(resolved.source).not.toBe(raw);
  });
});

describe('resolveScenario: overrides and hash', () => {
  it('applies seed, users and days', () => {
    const resolved = resolveScenario(minimal(), { seed: 42, users: 5_000, days: 3 });
    expect(resolved.seed).toBe(42);
    expect(resolved.population.users).toBe(5_000);
    expect(resolved.durationMs).toBe(3 * 86_400_000);
    expect(resolved.source).toEqual(minimal());
  });

  it('gives the same hash for the same scenario, whatever the key order', () => {
    const reordered = { population: { users: 10 }, duration: '7d', start: '2026-03-02T00:00:00Z', name: 'minimal' };
    expect(resolveScenario(minimal()).hash).toBe(resolveScenario(minimal()).hash);
    expect(resolveScenario(reordered).hash).toBe(resolveScenario(minimal()).hash);
    // Writing a default explicitly resolves to the same world.
    expect(resolveScenario({ ...minimal(), seed: 1, idp: { pushTimeout: '60s' } }).hash).toBe(resolveScenario(minimal()).hash);
  });

  it('changes the hash with any override and any resolved value', () => {
    const hashes = [
      resolveScenario(minimal()).hash,
      resolveScenario(minimal(), { seed: 2 }).hash,
      resolveScenario(minimal(), { users: 11 }).hash,
      resolveScenario(minimal(), { days: 8 }).hash,
      resolveScenario({ ...minimal(), description: 'x' }).hash,
      resolveScenario({ ...minimal(), idp: { pushTimeout: '61s' } }).hash,
    ];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('reports invalid overrides under the option name, with the others', () => {
    expect(issuesOf(minimal(), { seed: -1, users: 0, days: 1.5 })).toEqual([
      { path: '--seed', message: 'must be an integer from 0 to 4294967295 (got -1)' },
      { path: '--users', message: 'must be an integer from 1 to 250000 (got 0)' },
      { path: '--days', message: 'must be an integer from 1 to 3650 (got 1.5)' },
    ]);
  });
});

describe('resolveScenario: problems', () => {
  it('lists the allowed values of an enum', () => {
    expect(issuesOf(withAttack({ strategy: 'brust' }))).toEqual([
      {
        path: '/attacks/0/strategy',
        message: 'must be one of "burst", "low-and-slow", "night", "spray", "login-window", "script" (got "brust")',
        allowed: ['burst', 'low-and-slow', 'night', 'spray', 'login-window', 'script'],
      },
    ]);
  });

  it('names an unknown property and the allowed ones', () => {
    expect(issuesOf({ ...minimal(), idp: { numberMatchin: true } })).toEqual([
      {
        path: '/idp',
        message: 'unknown property "numberMatchin" (allowed: vendor, pushTimeout, numberMatching, mfaSkip, rateLimit, lockout, fraudMute)',
        allowed: ['vendor', 'pushTimeout', 'numberMatching', 'mfaSkip', 'rateLimit', 'lockout', 'fraudMute'],
      },
    ]);
  });

  it('reports several problems at once, schema and cross-field, in one error', () => {
    const raw = {
      name: 'Bad Name',
      start: '2026-03-02',
      duration: '7 days',
      population: { users: 0, timeZones: { 'Mars/Olympus': 1 }, loginsPerDay: { max: 0.1 } },
      attacks: [{ name: 'a', strategy: 'spray', at: { day: 1.5, time: '25:00' }, targets: 'x' }],
    };
    expect(issuesOf(raw)).toEqual([
      {
        path: '/name',
        message: 'must be kebab-case: lowercase letters, digits and "-", e.g. "uber-burst" (got "Bad Name")',
      },
      {
        path: '/start',
        message: 'must be an ISO 8601 date-time with a time zone offset, e.g. "2026-03-02T00:00:00Z" (got "2026-03-02")',
      },
      {
        path: '/duration',
        message: 'must be a duration such as "30d", "12h", "90m": a number and a unit (d, h, m, s, ms) (got "7 days")',
      },
      { path: '/population/users', message: 'must be >= 1 (got 0)' },
      { path: '/attacks/0/targets', message: 'must be integer or array (got "x")' },
      { path: '/attacks/0/at/day', message: 'must be integer (got 1.5)' },
      { path: '/attacks/0/at/time', message: 'must be a 24-hour time "HH:MM", e.g. "09:00" (got "25:00")' },
      { path: '/population/loginsPerDay', message: 'min (0.5) must be <= max (0.1)' },
      { path: '/population/timeZones/Mars/Olympus', message: 'unknown IANA time zone "Mars/Olympus"' },
    ]);
  });

  it('reports the one wrong item of an explicit target list', () => {
    expect(issuesOf(withAttack({ targets: [1, -1] }))).toEqual([{ path: '/attacks/0/targets/1', message: 'must be >= 0 (got -1)' }]);
    expect(issuesOf(withAttack({ targets: [2, 2] }))).toEqual([
      { path: '/attacks/0/targets', message: 'must not list a value twice (items 0 and 1 are equal) (got [2,2])' },
    ]);
  });

  it('reports a missing required property at its parent', () => {
    const { population: _, ...raw } = minimal();
    expect(issuesOf({ ...raw, population: {} })).toEqual([{ path: '/population', message: 'missing required property "users"' }]);
    expect(issuesOf(raw)).toEqual([{ path: '', message: 'missing required property "population"' }]);
  });

  it('rejects a value that is not a scenario object', () => {
    expect(issuesOf('hello')).toEqual([{ path: '', message: 'must be object (got "hello")' }]);
    expect(issuesOf(null)).toEqual([{ path: '', message: 'must be object (got null)' }]);
  });

  it('rejects unknown time zones, in the population and at conferences', () => {
    const raw = {
      ...minimal(),
      population: { users: 10, timeZones: { 'Europe/Madrid': 1, 'Europe/Atlantis': 1 } },
      noise: { conferences: [{ at: { day: 0 }, days: 1, attendees: 5, country: 'ES', timeZone: 'Spain/Barcelona' }] },
    };
    expect(issuesOf(raw)).toEqual([
      { path: '/population/timeZones/Europe/Atlantis', message: 'unknown IANA time zone "Europe/Atlantis"' },
      { path: '/noise/conferences/0/timeZone', message: 'unknown IANA time zone "Spain/Barcelona"' },
    ]);
  });

  it('rejects weights that do not sum to a positive number', () => {
    const raw = { ...minimal(), population: { users: 10, timeZones: { UTC: 0 }, profiles: {} } };
    expect(issuesOf(raw)).toEqual([
      { path: '/population/timeZones', message: 'weights must have a positive sum (got 0)' },
      { path: '/population/profiles', message: 'weights must have a positive sum (got 0)' },
    ]);
  });

  it('rejects target indexes and counts beyond the population, after the --users override', () => {
    expect(issuesOf(withAttack({ targets: [3, 10, 12] }))).toEqual([
      { path: '/attacks/0/targets/1', message: 'must be < 10, the number of users (got 10)' },
      { path: '/attacks/0/targets/2', message: 'must be < 10, the number of users (got 12)' },
    ]);
    expect(issuesOf(withAttack({ targets: 11 }))).toEqual([
      { path: '/attacks/0/targets', message: 'must be <= 10, the number of users (got 11)' },
    ]);
    expect(resolveScenario(withAttack({ targets: [12] }), { users: 13 }).attacks[0].targets).toEqual([12]);
    expect(issuesOf(withAttack({ targets: [5] }), { users: 5 })).toEqual([
      { path: '/attacks/0/targets/0', message: 'must be < 5, the number of users (got 5)' },
    ]);
  });

  it('rejects days beyond the scenario as written or lengthened by --days; a shorter --days just ends the run early', () => {
    const raw = {
      ...withAttack({ at: { day: 7 } }),
      noise: { outages: [{ at: { day: 9 }, duration: '1h' }] },
    };
    expect(issuesOf(raw)).toEqual([
      { path: '/noise/outages/0/at/day', message: "must be < 7, the scenario's length in days (got 9)" },
      { path: '/attacks/0/at/day', message: "must be < 7, the scenario's length in days (got 7)" },
    ]);
    expect(issuesOf(raw, { days: 8 })).toEqual([
      { path: '/noise/outages/0/at/day', message: "must be < 8, the scenario's length in days (got 9)" },
    ]);
    expect(resolveScenario(withAttack({ at: { day: 5 } }), { days: 2 }).durationMs).toBe(2 * 86_400_000);
    expect(resolveScenario(raw, { days: 10 }).attacks[0].at).toEqual({ day: 7, minuteOfDay: 540 });
  });

  it('rejects durations that are zero where zero means nothing, or not whole milliseconds', () => {
    const raw = {
      ...minimal(),
      duration: '0d',
      idp: { pushTimeout: '0s', fraudMute: '0s', lockout: { duration: '0.0001s' } },
    };
    expect(issuesOf(raw)).toEqual([
      { path: '/duration', message: 'must be longer than 0 (got "0d")' },
      { path: '/idp/pushTimeout', message: 'must be longer than 0 (got "0s")' },
      { path: '/idp/lockout/duration', message: 'invalid duration "0.0001s": not a whole number of milliseconds' },
    ]);
  });

  it('rejects contradictions between fields', () => {
    const raw = {
      ...minimal(),
      population: { users: 10, macs: { perUser: 0, sharedUsers: 0.2 } },
      attacks: [
        { name: 'a', strategy: 'burst', at: { day: 0 }, pushes: 10, socialEngineering: { afterPrompts: 11 } },
        { name: 'a', strategy: 'login-window', at: { day: 1 } },
      ],
    };
    expect(issuesOf(raw)).toEqual([
      {
        path: '/population/macs/sharedUsers',
        message: 'is 0.2 but there are no shared Macs to log in at (/population/macs/shared is 0)',
      },
      {
        path: '/attacks/0/socialEngineering/afterPrompts',
        message: 'must be <= pushes (10), or the message is never sent (got 11)',
      },
      { path: '/attacks/1/name', message: 'repeats the name of /attacks/0 (got "a")' },
      {
        path: '/attacks/1/strategy',
        message: '"login-window" needs Macs, but /population/macs/perUser and /population/macs/shared are both 0',
      },
    ]);
  });

  it('rejects input that is not plain data', () => {
    expect(issuesOf({ ...minimal(), name: () => 'x' })[0].path).toBe('');
  });

  it('throws a ScenarioError: exit code 2, the issues, and a message with one line per issue', () => {
    let caught: unknown;
    try {
      resolveScenario({ ...withAttack({ strategy: 'brust' }), population: { users: 0 } }, undefined, 'scenarios/x.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    const error = caught as ScenarioError;
    expect(isPushstormError(error)).toBe(true);
    expect(error.exitCode).toBe(2);
    expect(error.name).toBe('ScenarioError');
    expect(error.file).toBe('scenarios/x.yaml');
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe(
      [
        'scenarios/x.yaml: 2 problems',
        '  /population/users: must be >= 1 (got 0)',
        '  /attacks/0/strategy: must be one of "burst", "low-and-slow", "night", "spray", "login-window", "script" (got "brust")',
      ].join('\n'),
    );
    expect(new ScenarioError(undefined, [{ path: '', message: 'must be object' }]).message).toBe(
      'scenario: 1 problem\n  (root): must be object',
    );
  });
});

describe('loadScenarioFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pushstorm-scenario-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('reads YAML and JSON to the same resolved scenario', async () => {
    const yaml = await write('a.yaml', 'name: minimal\nstart: 2026-03-02T00:00:00Z\nduration: 7d\npopulation:\n  users: 10\n');
    const json = await write('a.json', JSON.stringify(minimal()));
    const fromYaml = await loadScenarioFile(yaml);
    const fromJson = await loadScenarioFile(json, { seed: 9 });
    expect(fromYaml.startMs).toBe(Date.UTC(2026, 2, 2));
    expect(fromYaml.hash).toBe(resolveScenario(minimal()).hash);
    expect(fromJson.hash).toBe(resolveScenario(minimal(), { seed: 9 }).hash);
  });

  it('reports a YAML syntax error with its line and column', async () => {
    const file = await write('bad.yaml', 'name: x\npopulation:\n  users: [1, 2\nduration: 7d\n');
    const error = await fileError(file);
    expect(error.file).toBe(file);
    expect(error.issues).toEqual([
      {
        path: '',
        message: 'YAML syntax error at line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
        line: 4,
        column: 1,
      },
    ]);
  });

  it('reports a duplicate YAML key rather than keeping the last', async () => {
    const error = await fileError(await write('dup.yaml', 'name: x\nname: y\n'));
    expect(error.issues).toEqual([
      { path: '', message: 'YAML syntax error at line 2, column 1: Map keys must be unique', line: 2, column: 1 },
    ]);
  });

  it('reports a JSON syntax error with its line and column', async () => {
    const error = await fileError(await write('bad.json', '{\n  "name": "x",\n}'));
    expect(error.issues).toEqual([
      {
        path: '',
        message: 'JSON syntax error at line 3, column 1: Expected double-quoted property name',
        line: 3,
        column: 1,
      },
    ]);
  });

  it('validates what it read, naming the file', async () => {
    const file = await write('invalid.yml', 'name: minimal\nstart: 2026-03-02T00:00:00Z\nduration: 7d\npopulation: { users: 0 }\n');
    const error = await fileError(file);
    expect(error.message).toBe(`${file}: 1 problem\n  /population/users: must be >= 1 (got 0)`);
  });

  it('rejects unknown extensions and unreadable files', async () => {
    const wrongExtension = await fileError(path.join(dir, 'scenario.txt'));
    expect(wrongExtension.issues).toEqual([
      {
        path: '',
        message: 'unsupported file extension ".txt" (expected .yaml, .yml or .json)',
        allowed: ['.json', '.yaml', '.yml'],
      },
    ]);
    const missing = await fileError(path.join(dir, 'missing.yaml'));
    expect(missing.issues).toHaveLength(1);
    expect(missing.issues[0].message).toMatch(/^cannot read the file: ENOENT/);
    expect(missing.exitCode).toBe(2);
  });
});

describe('resolveScenario: problems in words a user recognises', () => {
  it('regression: shows a key with a "/" as written, not JSON-pointer escaped (Europe~1Londn)', () => {
    const raw = { ...minimal(), population: { users: 10, timeZones: { 'Europe/Londn': 1, 'a~b': 1 } } };
    expect(issuesOf(raw)).toEqual([
      { path: '/population/timeZones/Europe/Londn', message: 'unknown IANA time zone "Europe/Londn"' },
      { path: '/population/timeZones/a~b', message: 'unknown IANA time zone "a~b"' },
    ]);
  });

  it('shows schema problems under a key with a "/" as written too', () => {
    const raw = { ...minimal(), population: { users: 10, timeZones: { 'Europe/London': 'most', UTC: 1 } } };
    expect(issuesOf(raw)).toEqual([{ path: '/population/timeZones/Europe/London', message: 'must be number (got "most")' }]);
  });

  /** Every place the schema puts a duration, found by walking it, so that a new duration field is covered here too. */
  function durationPaths(): string[][] {
    const definitions = schema.definitions as Record<string, Record<string, unknown>>;
    const paths: string[][] = [];
    const walk = (node: Record<string, unknown>, at: string[]): void => {
      if (node.$ref === '#/definitions/Duration') paths.push(at);
      else if (typeof node.$ref === 'string') walk(definitions[node.$ref.replace('#/definitions/', '')], at);
      for (const [key, child] of Object.entries((node.properties as Record<string, Record<string, unknown>>) ?? {}))
        walk(child, [...at, key]);
      if (node.items) walk(node.items as Record<string, unknown>, [...at, '0']);
    };
    walk(schema as unknown as Record<string, unknown>, []);
    return paths;
  }

  it('says "must be a duration" for a number in every duration field of the schema, not "must be string"', () => {
    const paths = durationPaths();
    expect(paths.map((p) => p.join('.'))).toEqual(
      expect.arrayContaining([
        'duration',
        'idp.pushTimeout',
        'noise.outages.0.duration',
        'attacks.0.spread',
        'attacks.0.postCompromise.after',
      ]),
    );
    for (const at of paths) {
      const raw: Record<string, unknown> = {
        ...withAttack(),
        noise: {
          enrolmentWaves: [{ at: { day: 0 }, fraction: 0.1 }],
          macRestarts: [{ at: { day: 0 }, fraction: 0.1 }],
          pluginReenrolments: [{ at: { day: 0 }, fraction: 0.1 }],
          outages: [{ at: { day: 0 }, duration: '1h' }],
        },
      };
      let parent = raw;
      // Objects a duration sits in that have other required fields get them, so the duration is the one problem.
      const required: Record<string, object> = { repeat: { every: '1d', times: 2 }, steps: [{}] };
      for (const key of at.slice(0, -1)) {
        const next = parent[key] ?? required[key] ?? {};
        parent[key] = Array.isArray(next) ? [...next] : { ...(next as object) };
        parent = parent[key] as Record<string, unknown>;
      }
      parent[at[at.length - 1]] = 30;
      // A script step's offset: the attack is a script and the step does something.
      if (at[2] === 'steps') {
        (raw.attacks as Array<Record<string, unknown>>)[0].strategy = 'script';
        parent.push = {};
      }
      expect(issuesOf(raw), at.join('.')).toEqual([
        {
          path: `/${at.join('/')}`,
          message: 'must be a duration such as "30d", "12h", "90m": a number and a unit (d, h, m, s, ms) (got 30)',
        },
      ]);
    }
  });

  it('says what a time of day looks like for a number there', () => {
    expect(issuesOf(withAttack({ at: { day: 1, time: 9 } }))).toEqual([
      { path: '/attacks/0/at/time', message: 'must be a 24-hour time "HH:MM", e.g. "09:00" (got 9)' },
    ]);
  });

  it('keeps "must be <type>" where the schema has no words for the value', () => {
    expect(issuesOf({ ...minimal(), description: 5 })).toEqual([{ path: '/description', message: 'must be string (got 5)' }]);
  });
});

describe('scenario problems as the CLI prints them', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pushstorm-scenario-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 and lists each problem under a path as written in the file, the duration words, and the lost targets', async () => {
    const file = path.join(dir, 'short.yaml');
    await writeFile(
      file,
      [
        'name: short',
        'start: 2026-03-02T00:00:00Z',
        'duration: 3d',
        'population:',
        '  users: 10',
        '  timeZones: { Europe/Londn: 1 }',
        'idp:',
        '  pushTimeout: 60',
        'attacks:',
        '  - { name: spray-all, strategy: spray, targets: 3, at: { day: 0 } }',
        '',
      ].join('\n'),
    );
    let stderr = '';
    const code = await runCli(['simulate', file, '--out', path.join(dir, 'out')], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text) },
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(stderr).toBe(
      [
        `error: ${file}: 2 problems`,
        '  /idp/pushTimeout: must be a duration such as "30d", "12h", "90m": a number and a unit (d, h, m, s, ms) (got 60)',
        '  /population/timeZones/Europe/Londn: unknown IANA time zone "Europe/Londn"',
        '',
      ].join('\n'),
    );
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('Europe/Londn', 'Europe/London').replace('pushTimeout: 60', 'pushTimeout: 60s'),
    );
    stderr = '';
    expect(
      await runCli(['simulate', file, '--out', path.join(dir, 'out')], {
        stdout: { write: () => true },
        stderr: { write: (text: string) => (stderr += text) },
        isTTY: false,
      }),
    ).toBe(2);
    expect(stderr).toMatch(
      /^ {2}\/attacks\/0\/spread: attack "spray-all" starts its 3 targets over 7d from day 0 at 09:00 Europe\/London time, /m,
    );
    expect(stderr).toContain('1 of them would start after the end and never be attacked; make spread at most');
  });
});
