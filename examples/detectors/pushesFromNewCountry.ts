/**
 * An example plug-in detector, written against pushstorm's public detector contract only: run it with
 *
 *   pushstorm run scenarios/uber-burst.yaml --detectors-from examples/detectors/pushesFromNewCountry.ts
 *   pushstorm detect out/uber-burst-seed2022/events.ndjson --detectors-from examples/detectors/pushesFromNewCountry.ts
 *
 * and it runs, scores and tunes (`pushstorm tune --detector pushes-from-new-country --detectors-from …`) like a
 * built-in detector.
 */
// The package's public entry; from an installed package: import type { … } from 'pushstorm';
import type { CanonicalEvent, DetectorDefinition } from '../../engine/index.ts';

// Types only from the entry: a value import would load the whole library (the simulator included) with the plug-in.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Parameters of {@link pushesFromNewCountry}. */
export interface PushesFromNewCountryParams extends Record<string, number> {
  threshold: number;
  windowMs: number;
  lookbackMs: number;
}

/** Per-user state. */
interface State {
  /** Each country the user signed in from in the lookback → the time of their latest sign-in from it. */
  countries: Map<string, number>;
  /** Pushes from a country not among them, in the window, oldest first. */
  pushes: CanonicalEvent[];
}

const isSignIn = (e: CanonicalEvent) => e.type === 'session.start' && e.outcome === 'success' && e.origin?.country !== undefined;
const isPush = (e: CanonicalEvent) => e.type === 'mfa.challenge' && e.outcome === 'success' && e.origin?.country !== undefined;
/** One push however many records it has. */
const pushOf = (e: CanonicalEvent) => e.transaction ?? e.challenge?.id ?? e.id;

/**
 * Pushes from a new country: at least `threshold` distinct pushes for one user within `windowMs`, each requested
 * from a country the user has not signed in from in the lookback (`lookbackMs`). A user with no sign-in in the
 * lookback is not judged (nothing is known of them yet). Fires at the push that reaches the count; later ones in the
 * window grow the thread. Severity high.
 *
 * Simpler than the built-in `unfamiliar-source` (countries, not networks; pushes sent, not failed ones): an
 * attacker abroad is caught at the pushes themselves, a user travelling to a new country is a false alert until their
 * first sign-in there.
 */
export const pushesFromNewCountry: DetectorDefinition<PushesFromNewCountryParams, State> = {
  id: 'pushes-from-new-country',
  version: '1.0.0',
  title: 'Pushes from a country the user never signed in from',
  description: 'Several MFA pushes for one user requested from a country none of their recent sign-ins came from (ATT&CK T1621).',
  severity: 'high',
  attack: { technique: 'T1621' },
  needs: ['session.start', 'mfa.challenge'],
  entity: 'user',
  keyOf: (e) => (isSignIn(e) || isPush(e) ? e.user : undefined),
  params: {
    threshold: { default: 3, min: 1, max: 20, step: 1, unit: 'count', description: 'pushes from a new country in the window' },
    windowMs: { default: HOUR, min: 10 * MINUTE, max: DAY, step: 10 * MINUTE, unit: 'ms', description: 'window the pushes fall in' },
    lookbackMs: {
      default: 30 * DAY,
      min: DAY,
      max: 90 * DAY,
      step: DAY,
      unit: 'ms',
      description: 'how long a sign-in keeps its country known',
    },
  },
  create({ threshold, windowMs, lookbackMs }) {
    return {
      idleMs: Math.max(windowMs, lookbackMs) + MINUTE,
      init: () => ({ countries: new Map(), pushes: [] }),
      onEvent(s, e, ctx) {
        for (const [country, time] of s.countries) if (time < e.time - lookbackMs) s.countries.delete(country);
        const country = e.origin!.country!;
        if (isSignIn(e)) {
          s.countries.set(country, e.time);
          return;
        }
        if (s.countries.size === 0 || s.countries.has(country)) return;
        s.pushes = s.pushes.filter((p) => p.time >= e.time - windowMs);
        const known = s.pushes.some((p) => pushOf(p) === pushOf(e));
        s.pushes.push(e);
        if (known) return;
        if (new Set(s.pushes.map(pushOf)).size >= threshold) ctx.alert({ evidence: s.pushes.slice() });
      },
    };
  },
};

export default pushesFromNewCountry;
