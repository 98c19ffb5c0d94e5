import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const files = (await readdir(path.join(root, 'scenarios'))).filter((name) => /\.ya?ml$/.test(name)).sort();
const load = (name: string) => loadScenarioFile(path.join(root, 'scenarios', name));
const dayMs = 86_400_000;

describe('scenario library', () => {
  it('has the scenarios the README and the tests rely on', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'default.yaml',
        'false-positive-week.yaml',
        'hosting-spray.yaml',
        'low-and-slow.yaml',
        'night-login-window.yaml',
        'number-matching.yaml',
        'proxy-spray.yaml',
        'quiet-month.yaml',
        'tiny.yaml',
        'uber-burst.yaml',
      ]),
    );
  });

  it.each(files)('%s resolves, is named after its file and explains itself in a leading comment', async (name) => {
    const scenario = await load(name);
    expect(scenario.name).toBe(name.replace(/\.ya?ml$/, ''));
    expect(scenario.description).not.toBe('');
    const text = await readFile(path.join(root, 'scenarios', name), 'utf8');
    expect(text.startsWith('# ')).toBe(true);
  });

  it('quiet-month: 2,000 users, 30 days, several zones, no attacks', async () => {
    const scenario = await load('quiet-month.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs, scenario.attacks.length]).toEqual([2000, 30, 0]);
    expect(scenario.population.timeZones.length).toBeGreaterThanOrEqual(3);
  });

  it('uber-burst: about an hour of pushes 60–90 s apart at a fatigable user, WhatsApp after ~15, factor enrolment', async () => {
    const scenario = await load('uber-burst.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs]).toEqual([300, 7]);
    const [attack] = scenario.attacks;
    expect(attack).toMatchObject({
      strategy: 'burst',
      targets: 1,
      targetProfile: 'fatigable',
      intervalMs: 75_000,
      jitter: 0.2,
    });
    expect(attack.pushes * attack.intervalMs).toBeGreaterThan(60 * 60_000);
    expect(attack.at.minuteOfDay).toBeGreaterThanOrEqual(20 * 60);
    expect(attack.socialEngineering).toEqual({ afterPrompts: 15, channel: 'whatsapp', numberRelay: 0.5 });
    expect(attack.postCompromise.enrollFactor).toBe(true);
  });

  it('low-and-slow: 3 pushes a workday for seven workdays at a few users', async () => {
    const scenario = await load('low-and-slow.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs]).toEqual([500, 10]);
    const [attack] = scenario.attacks;
    expect(attack).toMatchObject({ strategy: 'low-and-slow', targets: 3, pushes: 21, pushesPerDay: 3 });
  });

  it('proxy-spray: 300 of 1,500 users, 2 pushes each, 50 residential IPs rotating every attempt, over ~6 h', async () => {
    const scenario = await load('proxy-spray.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs]).toEqual([1500, 14]);
    expect(scenario.attacks[0]).toMatchObject({
      strategy: 'spray',
      targets: 300,
      pushes: 2,
      spreadMs: 6 * 3_600_000,
      sources: { kind: 'residential', pool: 50, rotateEvery: 1 },
    });
  });

  it('night-login-window: 25 login-window attempts at 02:30 every ~40 s, and a night storm on another user', async () => {
    const scenario = await load('night-login-window.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs]).toEqual([400, 7]);
    const [window, night] = scenario.attacks;
    expect(window).toMatchObject({
      strategy: 'login-window',
      pushes: 25,
      intervalMs: 40_000,
      at: { minuteOfDay: 150 },
    });
    expect(night.strategy).toBe('night');
    expect(night.targets).not.toEqual(window.targets);
  });

  it('number-matching: number matching on, defeated by a phone call relaying the number', async () => {
    const scenario = await load('number-matching.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs, scenario.idp.numberMatching]).toEqual([600, 7, true]);
    expect(scenario.attacks[0]).toMatchObject({
      strategy: 'burst',
      socialEngineering: { channel: 'phone', numberRelay: 0.7 },
    });
  });

  it('false-positive-week: no attacks; enrolment wave, 90-minute weekday outage, Barcelona conference, lab Macs', async () => {
    const scenario = await load('false-positive-week.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs, scenario.attacks.length]).toEqual([1000, 7, 0]);
    expect(scenario.noise.enrolmentWaves).toEqual([{ at: { day: 1, minuteOfDay: 840 }, fraction: 0.4, overMs: 2 * dayMs }]);
    const [outage] = scenario.noise.outages;
    expect(outage.durationMs).toBe(90 * 60_000);
    expect(new Date(scenario.startMs + outage.at.day * dayMs).getUTCDay()).toBe(3); // a Wednesday
    expect(scenario.noise.conferences).toEqual([
      {
        at: { day: 1, minuteOfDay: 540 },
        days: 4,
        attendees: 120,
        country: 'ES',
        city: 'Barcelona',
        timeZone: 'Europe/Madrid',
      },
    ]);
    expect(scenario.noise.missedPush).toBeGreaterThan(0.05);
    expect(scenario.noise.fatFinger).toBeGreaterThan(0.03);
    expect(scenario.population.macs.shared).toBeGreaterThan(0);
  });

  it('default: ~1,000 users, 14 days, a mix of strategies and some noise', async () => {
    const scenario = await load('default.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs]).toEqual([1000, 14]);
    expect(scenario.attacks.map((attack) => attack.strategy)).toEqual(['burst', 'low-and-slow', 'spray', 'login-window']);
    expect(scenario.attacks[0].socialEngineering?.channel).toBe('whatsapp');
    expect(scenario.attacks[2].sources.kind).toBe('vpn');
    expect(scenario.noise.outages).toHaveLength(1);
    expect(scenario.noise.conferences).toHaveLength(1);
  });

  it('hosting-spray: 30 of 600 users, 2 pushes each over ~90 min, all from one hosting IP', async () => {
    const scenario = await load('hosting-spray.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs]).toEqual([600, 7]);
    expect(scenario.attacks[0]).toMatchObject({
      strategy: 'spray',
      targets: 30,
      pushes: 2,
      spreadMs: 90 * 60_000,
      sources: { kind: 'hosting', pool: 1 },
    });
  });

  it('tiny: 20 users, 2 days, one burst', async () => {
    const scenario = await load('tiny.yaml');
    expect([scenario.population.users, scenario.durationMs / dayMs]).toEqual([20, 2]);
    expect(scenario.attacks.map((attack) => attack.strategy)).toEqual(['burst']);
  });
});
