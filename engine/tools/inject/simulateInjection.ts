import { buildPopulation } from '../../../generators/population/buildPopulation.ts';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { simulate } from '../../../generators/world/simulate.ts';
import { ScenarioError } from '../../model/errors/ScenarioError.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';
import type { LogProfile } from './LogProfile.ts';

const day = 86_400_000;

/** What {@link simulateInjection} gives: the attack events against the log's users, and their truth. */
export interface Injection {
  events: CanonicalEvent[];
  truth: Truth;
  /** Simulated user index → the log's login, for the report. */
  targets: string[];
}

/** Prefix of every id pushstorm adds to a real log (events, transactions, challenges, sessions). */
const INJECTED_ID_PREFIX = 'inj-';

/**
 * Runs the scenario's attacks against the users of a real log: the simulated population is the log's users (in
 * login order), its applications are the log's, its days are the log's span (from the UTC midnight before the first
 * event). Only the events the attacks cause are kept — the attacker's pushes, the victims' answers, the IdP's
 * reactions — renamed to the log's users, their own networks and Macs where the log shows them, with ids prefixed
 * `inj-` so they cannot collide with the log's.
 *
 * @throws ScenarioError when an attack falls outside the log's span or the scenario needs more users than the log has.
 */
export function simulateInjection(scenario: ResolvedScenario, profile: LogProfile, scenarioFile?: string): Injection {
  const users = profile.users.length;
  if (users === 0) throw new ScenarioError(scenarioFile, [{ path: '/population/users', message: 'the log names no users to attack' }]);
  const startMs = Math.floor(profile.start / day) * day;
  const days = Math.max(1, Math.ceil((profile.end + 1 - startMs) / day));
  const issues = scenario.attacks.flatMap((a, i) =>
    a.at.day >= days
      ? [
          {
            path: `/attacks/${i}/at/day`,
            message: `attack "${a.name}" starts on day ${a.at.day}, after the log's ${days} day(s) (${new Date(startMs).toISOString().slice(0, 10)} on)`,
          },
        ]
      : [],
  );
  if (issues.length > 0) throw new ScenarioError(scenarioFile, issues);
  const world: ResolvedScenario = {
    ...scenario,
    startMs,
    durationMs: days * day,
    population: { ...scenario.population, users, apps: profile.apps.length > 0 ? profile.apps.slice(0, 12) : scenario.population.apps },
  };
  const logins = buildPopulation(world).map((identity) => identity.login);
  const realOf = new Map(logins.map((login, i) => [login, profile.users[i].login]));
  const profileOf = new Map(profile.users.map((u) => [u.login, u]));

  const simulated: CanonicalEvent[] = [];
  const result = simulate(world, (e) => simulated.push(e));
  const incidents = new Map(result.truth.incidents.map((i) => [i.id, i]));
  const events: CanonicalEvent[] = [];
  const labels: Record<string, string> = {};
  const prefix = (id: string | undefined) => (id === undefined ? undefined : `${INJECTED_ID_PREFIX}${id}`);
  for (const e of simulated) {
    const label = result.truth.labels[e.id];
    const incident = label !== undefined ? incidents.get(label) : undefined;
    if (!incident) continue;
    const out: CanonicalEvent = structuredClone(e);
    out.id = prefix(e.id)!;
    out.user = realOf.get(e.user) ?? e.user;
    if (out.transaction !== undefined) out.transaction = prefix(out.transaction);
    if (out.session !== undefined) out.session = prefix(out.session);
    if (out.challenge) out.challenge.id = prefix(out.challenge.id)!;
    const real = profileOf.get(out.user);
    // The victim's own network (a login-window attack comes from the victim's Mac) becomes the one the log shows.
    if (out.origin && !incident.sources.includes(out.origin.ip) && real && real.origins.length > 0)
      out.origin = structuredClone(real.origins[0]);
    if (out.device?.kind === 'mac' && real?.mac) {
      out.device = structuredClone(real.mac.device);
      if (out.mac && real.mac.context) {
        if (real.mac.context.shortName !== undefined) out.mac.shortName = real.mac.context.shortName;
        if (real.mac.context.uid !== undefined) out.mac.uid = real.mac.context.uid;
      }
    }
    events.push(out);
    labels[out.id] = incident.id;
  }
  const kept = new Set(Object.values(labels));
  const truth: Truth = {
    ...result.truth,
    start: startMs,
    end: startMs + days * day,
    users,
    days,
    incidents: result.truth.incidents
      .filter((i) => kept.has(i.id))
      .map((i) => {
        const target = realOf.get(i.target) ?? i.target;
        // A login-window attack is on the victim's own Mac as the log knows it, not the simulated one.
        const mac = profileOf.get(target)?.mac;
        return { ...i, target, ...(i.device !== undefined && mac ? { device: mac.device.id } : {}) };
      }),
    labels,
  };
  return { events, truth, targets: [...new Set(truth.incidents.map((i) => i.target))] };
}
