import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Attack, Scenario, ScriptStep } from '../../model/generated/scenario.ts';

/** Which part of a log becomes the script: one user, a time window. */
export interface ScriptWindow {
  user: string;
  /** UTC epoch ms, inclusive. */
  from: number;
  /** UTC epoch ms, exclusive. */
  to: number;
  /** People in the synthetic organisation around the victim (default 200). */
  users?: number;
  /** The scenario's name (default `replay-<user's local part>`). */
  name?: string;
}

/** What was read into the script. */
export interface ScriptFromLog {
  scenario: Scenario;
  /** Events of the user in the window, and how many became steps. */
  events: number;
  steps: number;
  /** The prompt the user approved (1 = the first), or null when none was. */
  approvedAt: number | null;
}

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** The address of an origin as a script step can name it (an IPv4 address), or nothing. */
const ipv4Of = (origin: CanonicalEvent['origin']) => (origin?.ip && /^\d+\.\d+\.\d+\.\d+$/.test(origin.ip) ? { ip: origin.ip } : {});

/** The attacker's browser's system, as a push step names it, from the device the log recorded. */
function osOf(e: CanonicalEvent): 'windows' | 'linux' | 'macos' | undefined {
  const os = e.device?.os?.toLowerCase() ?? '';
  return os.startsWith('windows') ? 'windows' : os.startsWith('mac') ? 'macos' : os.startsWith('linux') ? 'linux' : undefined;
}

/** The push step of a challenge: when, and from where as the log has it. */
function pushStep(e: CanonicalEvent): ScriptStep {
  const device = e.device?.kind === 'browser' ? osOf(e) : undefined;
  const o = e.origin;
  return {
    at: iso(e.time),
    push: {
      ...ipv4Of(o),
      ...(o?.asn === undefined ? {} : { asn: o.asn }),
      ...(o?.country && /^[A-Z]{2}$/.test(o.country) ? { country: o.country } : {}),
      ...(o?.proxy === undefined ? {} : { proxy: o.proxy }),
      ...(device ? { device } : {}),
    },
  };
}

/**
 * A scripted scenario that replays what one user's log shows in a window, so a purple team can re-run a real incident
 * in a synthetic organisation: each push the IdP sent (`mfa.challenge`) becomes a push step from the same address,
 * network, country and browser, each failed password a `password: { ok: false }` step, each login-window MFA request
 * a `loginWindow` step, each new factor an `enrolFactor` step — every step at its absolute time. How the user answered
 * becomes the attack's `response`: `approvesAt: N` for the first approved prompt, else `deniesAll` when every answered
 * prompt was denied, else `never`. The victim is user 0 of `users` people; the run covers the window's days and one
 * before and after.
 */
export function scriptFromEvents(events: Iterable<CanonicalEvent>, window: ScriptWindow): ScriptFromLog {
  const mine = [...events]
    .filter((e) => e.user === window.user && e.time >= window.from && e.time < window.to)
    .sort((a, b) => a.time - b.time);
  const steps: ScriptStep[] = [];
  let prompts = 0;
  let approvedAt: number | null = null;
  let denied = 0;
  const seen = new Set<string>();
  for (const e of mine) {
    const key = `${e.type}|${e.challenge?.id ?? e.transaction ?? e.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (e.type === 'mfa.challenge' && e.outcome === 'success') {
      steps.push(pushStep(e));
      prompts++;
    } else if (e.type === 'mac.mfa.request') {
      steps.push({ at: iso(e.time), loginWindow: { mac: e.device?.hostname?.toLowerCase().includes('lab') ? 'lab' : 'own' } });
      prompts++;
    } else if (e.type === 'auth.attempt' && e.outcome === 'failure' && e.reason === 'bad_password') {
      steps.push({
        at: iso(e.time),
        password: { ok: false, ...ipv4Of(e.origin) },
      });
    } else if (e.type === 'factor.enroll') {
      steps.push({ at: iso(e.time), enrolFactor: {} });
    } else if ((e.type === 'mfa.result' || e.type === 'mac.mfa.result') && approvedAt === null) {
      if (e.challenge?.result === 'approved') approvedAt = Math.max(1, prompts);
      else if (e.challenge?.result === 'denied') denied++;
    }
  }
  const first = steps.length > 0 ? Date.parse(steps[0].at!) : window.from;
  const last = steps.length > 0 ? Date.parse(steps[steps.length - 1].at!) : window.from;
  const startMs = Math.floor(first / day) * day - day;
  const days = Math.ceil((last - startMs) / day) + 1;
  const response: Attack['response'] =
    approvedAt !== null ? { approvesAt: approvedAt } : denied > 0 && denied === prompts ? 'deniesAll' : 'never';
  const local =
    window.user
      .split('@')[0]
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'user';
  const scenario: Scenario = {
    name: window.name ?? `replay-${local}`.slice(0, 60).replace(/-+$/, ''),
    description: `${window.user}'s log from ${iso(window.from)} to ${iso(window.to)}, replayed step by step (pushstorm scenario from-log).`,
    seed: 1,
    start: iso(startMs),
    duration: `${days}d`,
    population: { users: window.users ?? 200, timeZones: { 'America/New_York': 1 } },
    attacks:
      steps.length === 0
        ? []
        : [
            {
              name: 'replay',
              strategy: 'script',
              targets: [0],
              at: { day: 0 },
              ...(prompts > 0 ? { response } : {}),
              steps: [steps[0], ...steps.slice(1)],
            },
          ],
  };
  return { scenario, events: mine.length, steps: steps.length, approvedAt };
}
