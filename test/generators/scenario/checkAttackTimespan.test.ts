import { scenarioIssues } from '../../_fixtures/scenarioIssues.ts';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../generators/scenario/index.ts';
import { simulate } from '../../../generators/world/simulate.ts';

/** A 3-day world of 10 users in UTC (so that `at` is also the time after the start) with the given attacks. */
const world = (attacks: Array<Record<string, unknown>>, duration = '3d', timeZones: Record<string, number> = { UTC: 1 }) => ({
  name: 'short',
  start: '2026-03-02T00:00:00Z',
  duration,
  population: { users: 10, profiles: { cautious: 1 }, timeZones },
  attacks,
});

const issuesOf = scenarioIssues;

describe('an attack that runs past the end of the scenario', () => {
  /** The report's case: the population in the default zone, America/New_York, five hours behind the UTC start. */
  const spray = (spread?: string) => {
    const { timeZones: _, ...population } = world([]).population;
    return { ...world([{ name: 'spray-all', strategy: 'spray', targets: 3, at: { day: 0 }, ...(spread ? { spread } : {}) }]), population };
  };

  it('regression: a spray of 3 targets over the default 7d in a 3-day scenario lost a target silently; it is refused', () => {
    expect(issuesOf(spray())).toEqual([
      {
        path: '/attacks/0/spread',
        message:
          'attack "spray-all" starts its 3 targets over 7d from day 0 at 09:00 America/New_York time, but the scenario ends after 3d, ' +
          'on day 2 at 19:00: 1 of them would start after the end and never be attacked; make spread at most 3.6d, start it earlier, ' +
          'or make /duration longer',
      },
    ]);
    const { truth } = simulate(resolveScenario(spray(), { days: 7 }), () => {});
    expect(truth.incidents.filter((incident) => incident.campaign === 'spray-all')).toHaveLength(3);
  });

  it('the spread it suggests fits: every target of the spray becomes an incident', () => {
    const { truth } = simulate(resolveScenario(spray('3.6d')), () => {});
    expect(truth.incidents.filter((incident) => incident.campaign === 'spray-all')).toHaveLength(3);
  });

  it("places `at` in the latest of the population's zones: an evening attack in New York starts after a UTC end", () => {
    const evening = [{ name: 'evening', strategy: 'burst', pushes: 5, at: { day: 2, time: '20:00' } }];
    expect(issuesOf(world(evening, '3d', { UTC: 1 }))).toEqual([]);
    expect(issuesOf(world(evening, '3d', { UTC: 3, 'America/New_York': 1 }))).toEqual([
      {
        path: '/attacks/0/at',
        message:
          'attack "evening" starts on day 2 at 20:00 America/New_York time, the latest of the population\'s zones, but the scenario ' +
          'ends after 3d, on day 2 at 19:00: it would never run; start it earlier, or make /duration longer',
      },
    ]);
  });

  it('a spray whose targets all start in time but whose last pushes fall after the end is refused at its pushes', () => {
    const raw = world([
      { name: 'late-pushes', strategy: 'spray', targets: 2, spread: '2d', pushes: 30, interval: '30m', at: { day: 1, time: '12:00' } },
    ]);
    expect(issuesOf(raw)).toEqual([
      {
        path: '/attacks/0/pushes',
        message:
          'attack "late-pushes" starts its last target on day 2 at 12:01, but the scenario ends after 3d, on day 3 at 00:00: about 6 of ' +
          'its 30 pushes at the last target would fall after the end and never be sent; make spread at most 1.7d, send fewer pushes, ' +
          'start it earlier, or make /duration longer',
      },
    ]);
  });

  it('a low-and-slow spread over more days than are left is refused at its spread', () => {
    const raw = world([{ name: 'drip', strategy: 'low-and-slow', pushes: 10, at: { day: 1, time: '10:00' } }]);
    expect(issuesOf(raw)).toEqual([
      {
        path: '/attacks/0/spread',
        message:
          'attack "drip" spreads 10 pushes over 7d from day 1 at 10:00 UTC time, but the scenario ends after 3d, on day 3 at 00:00: ' +
          'about 7 of its 10 pushes would fall after the end and never be sent; make spread at most 1.7d, start it earlier, or make ' +
          '/duration longer',
      },
    ]);
    expect(
      issuesOf(world([{ name: 'drip', strategy: 'low-and-slow', pushes: 10, spread: '1.7d', at: { day: 1, time: '10:00' } }])),
    ).toEqual([]);
  });

  it('a burst longer than what is left of the scenario is refused at its pushes, with the pushes that fit', () => {
    const raw = world([{ name: 'long-burst', strategy: 'burst', pushes: 500, interval: '10m', at: { day: 2, time: '20:00' } }]);
    expect(issuesOf(raw)).toEqual([
      {
        path: '/attacks/0/pushes',
        message:
          'attack "long-burst" sends 500 pushes 10m apart from day 2 at 20:00 UTC time, until about day 6 at 07:10, but the scenario ' +
          'ends after 3d, on day 3 at 00:00: about 476 of its 500 pushes would fall after the end and never be sent; send at most 24 ' +
          'pushes, shorten the interval, start it earlier, or make /duration longer',
      },
    ]);
    expect(
      issuesOf(world([{ name: 'long-burst', strategy: 'burst', pushes: 24, interval: '10m', at: { day: 2, time: '20:00' } }])),
    ).toEqual([]);
  });

  it('counts the minute between the targets of a burst, a night storm or a login-window attack', () => {
    const late = (strategy: string) => world([{ name: 'x', strategy, targets: 10, pushes: 1, at: { day: 2, time: '23:55' } }]);
    for (const strategy of ['burst', 'night', 'login-window']) {
      expect(issuesOf(late(strategy)).map((issue) => issue.path)).toEqual(['/attacks/0/pushes']);
      expect(issuesOf(late(strategy))[0].message).toContain('sends 1 push at each of 10 targets, a minute apart, from day 2 at 23:55');
      expect(issuesOf(late(strategy))[0].message).toMatch(/; target fewer users, start it earlier, or make \/duration longer$/);
    }
  });

  it('measures against the scenario as lengthened by --days, not as shortened by it', () => {
    const raw = world([{ name: 'spray-all', strategy: 'spray', targets: 3, at: { day: 0 } }]);
    expect(issuesOf(raw, { days: 7 })).toEqual([]);
    expect(issuesOf(raw, { days: 2 }).map((issue) => issue.path)).toEqual(['/attacks/0/spread']);
    const fits = world([{ name: 'b', strategy: 'burst', at: { day: 0 } }], '7d');
    expect(issuesOf(fits, { days: 1 })).toEqual([]);
  });

  it('says nothing more about an attack whose day is already past the end, or whose fields are invalid', () => {
    expect(issuesOf(world([{ name: 'a', strategy: 'spray', targets: 3, at: { day: 3 } }])).map((issue) => issue.path)).toEqual([
      '/attacks/0/at/day',
    ]);
    expect(
      issuesOf(world([{ name: 'a', strategy: 'spray', targets: 3, spread: '7 days', at: { day: 0 } }])).map((issue) => issue.path),
    ).toEqual(['/attacks/0/spread']);
    expect(issuesOf(world([{ name: 'a', strategy: 'spray', targets: 3, spread: '7 days', at: { day: 0 } }]))[0].message).toMatch(
      /^must be a duration/,
    );
  });

  it('accepts every attack of a scenario that ends after its last push', () => {
    const raw = world(
      [
        { name: 'spray', strategy: 'spray', targets: 5, spread: '1d', at: { day: 1 } },
        { name: 'drip', strategy: 'low-and-slow', spread: '2d', at: { day: 0, time: '00:00' } },
        { name: 'burst', strategy: 'burst', pushes: 50, at: { day: 2, time: '20:00' } },
      ],
      '3d',
    );
    expect(issuesOf(raw)).toEqual([]);
  });
});
