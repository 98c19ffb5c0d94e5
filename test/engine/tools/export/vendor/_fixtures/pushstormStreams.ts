import fc from 'fast-check';
import type {
  CanonicalEvent,
  Challenge,
  Device,
  EventType,
  MacContext,
  NetworkOrigin,
} from '../../../../../../engine/model/generated/event.ts';

/**
 * fast-check streams of IdP and Mac events as pushstorm writes them (the rules in the export's `eventKinds.ts`: an
 * `mfa.result`'s outcome follows its result, sessions and lockouts succeed, rate limits fail), with what the
 * simulator's worlds seldom or never show: every factor and result, errors, unsent pushes, unanswered pushes, pushes
 * of interleaved attempts, sessions without a push, rate limits, lockouts, factor changes, Mac events, mixed-case
 * logins, events without an origin or a device, and several events in one millisecond.
 * @module
 */

type Draft = Omit<CanonicalEvent, 'id' | 'time'>;

const factors: readonly Challenge['factor'][] = ['push', 'push_number', 'desktop_mfa', 'totp', 'sms', 'webauthn'];
const results: readonly NonNullable<Challenge['result']>[] = ['approved', 'denied', 'timeout', 'fraud', 'wrong_number', 'error'];
const macTypes: readonly EventType[] = [
  'mac.login',
  'mac.mfa.request',
  'mac.mfa.result',
  'mac.session.start',
  'mac.session.lock',
  'mac.session.unlock',
  'mac.session.end',
  'mac.sleep',
  'mac.wake',
];

const user = fc.constantFrom('ana.silva@example.org', 'Bo.Chen@Example.org', 'cy.ode@example.org');

const origin: fc.Arbitrary<NetworkOrigin | undefined> = fc.option(
  fc.record(
    {
      ip: fc.constantFrom('203.0.113.7', '198.51.100.20', '2001:db8::1'),
      asn: fc.constantFrom(7922, 16509),
      country: fc.constantFrom('US', 'DE'),
      proxy: fc.boolean(),
      proxyKind: fc.constantFrom('vpn' as const, 'hosting' as const, 'residential' as const, 'tor' as const),
    },
    { requiredKeys: ['ip'] },
  ),
  { nil: undefined },
);

const device: fc.Arbitrary<Device | undefined> = fc.option(
  fc.oneof(
    fc.record({
      id: fc.constantFrom('mac-1', 'mac-2'),
      kind: fc.constant('mac' as const),
      os: fc.constant('macOS'),
      hostname: fc.constant('ANA-MBP'),
    }),
    fc.record({ id: fc.constantFrom('br-1', 'br-2'), kind: fc.constant('browser' as const), os: fc.constantFrom('macOS', 'Windows') }),
    fc.record({ id: fc.constant('phone-1'), kind: fc.constant('phone' as const), os: fc.constant('iOS') }),
  ),
  { nil: undefined },
);

/** What the events of one attempt share. */
const context = fc.record({ user, origin, device, app: fc.option(fc.constantFrom('Salesforce', 'Workday'), { nil: undefined }) });

type Context = { user: string; origin?: NetworkOrigin; device?: Device; app?: string };

interface PushAttempt {
  ctx: Context;
  factor: Challenge['factor'];
  result: NonNullable<Challenge['result']>;
  unsent: 'muted' | 'delivery_failed' | undefined;
  answered: boolean;
  errorReason: 'error' | 'delivery_failed';
}

/** A sign-in with a push: the password (unless a desktop push), the push (sent or refused), its answer, the session. */
function pushAttemptEvents({ ctx, factor, result, unsent, answered, errorReason }: PushAttempt, transaction: string): Draft[] {
  const base = { source: 'idp' as const, ...ctx, transaction };
  const challenge = { id: `${transaction}.c0`, factor };
  const out: Draft[] = [];
  if (factor !== 'desktop_mfa') out.push({ ...base, type: 'auth.attempt', outcome: 'success' });
  if (unsent === 'muted') {
    out.push({ ...base, type: 'mfa.challenge', challenge, outcome: 'failure', reason: 'muted' });
    out.push({ ...base, type: 'mfa.result', challenge: { ...challenge, result: 'denied' }, outcome: 'failure', reason: 'muted' });
    return out;
  }
  out.push({
    ...base,
    type: 'mfa.challenge',
    challenge,
    outcome: unsent === undefined ? 'success' : 'failure',
    ...(unsent ? { reason: unsent } : {}),
  });
  if (!answered) return out;
  const reason = result === 'error' ? errorReason : result;
  out.push({
    ...base,
    type: 'mfa.result',
    challenge: { ...challenge, result },
    outcome: result === 'approved' ? 'success' : 'failure',
    reason,
  });
  if (result === 'approved') out.push({ ...base, type: 'session.start', session: `${transaction}.s0`, outcome: 'success', reason: 'mfa' });
  return out;
}

const pushAttempt = fc
  .record({
    ctx: context,
    factor: fc.constantFrom(...factors),
    result: fc.constantFrom(...results),
    unsent: fc.constantFrom(undefined, 'muted' as const, 'delivery_failed' as const),
    answered: fc.boolean(),
    errorReason: fc.constantFrom('error' as const, 'delivery_failed' as const),
  })
  .map((a) => (transaction: string) => pushAttemptEvents(a, transaction));

const otherKinds = ['badPassword', 'skipped', 'session', 'rateLimit', 'lock', 'enroll', 'reset', 'mac'] as const;

interface OtherAttempt {
  ctx: Context;
  kind: (typeof otherKinds)[number];
  failure: string;
  sessionReason: string | undefined;
  macType: EventType;
  macOutcome: 'success' | 'failure' | undefined;
  /** The result of a `mac.mfa.result`. */
  macResult: NonNullable<Challenge['result']>;
  /** How a Mac login came in (its OCSF event code follows it); remote ones have a peer address. */
  macMethod: NonNullable<MacContext['method']> | undefined;
}

const macMethods: readonly (NonNullable<MacContext['method']> | undefined)[] = [
  'login_window',
  'screen_unlock',
  'ssh',
  'screen_sharing',
  'sudo',
  undefined,
];

/** Everything else pushstorm writes, each in an attempt of its own. */
function otherAttemptEvents(
  { ctx, kind, failure, sessionReason, macType, macOutcome, macResult, macMethod }: OtherAttempt,
  transaction: string,
): Draft[] {
  const base = { source: 'idp' as const, ...ctx, transaction };
  switch (kind) {
    case 'badPassword':
      return [{ ...base, type: 'auth.attempt', outcome: 'failure', reason: failure }];
    case 'skipped':
      return [
        { ...base, type: 'auth.attempt', outcome: 'success' },
        { ...base, type: 'session.start', session: `${transaction}.s0`, outcome: 'success', reason: 'remembered_device' },
      ];
    case 'session':
      return [
        {
          ...base,
          type: 'session.start',
          session: `${transaction}.s0`,
          outcome: 'success',
          ...(sessionReason ? { reason: sessionReason } : {}),
        },
      ];
    case 'rateLimit':
      return [{ ...base, type: 'rate.limit', outcome: 'failure', reason: 'rate_limited' }];
    case 'lock':
      return [{ ...base, type: 'account.lock', outcome: 'success', reason: 'too_many_failures' }];
    case 'enroll':
      return [{ ...base, type: 'factor.enroll', outcome: 'success', reason: 'okta_verify' }];
    case 'reset':
      return [{ ...base, type: 'factor.reset', outcome: 'success', reason: 'user_reset' }];
    default:
      return [
        {
          source: 'mac',
          user: ctx.user,
          type: macType,
          ...(macType === 'mac.mfa.result'
            ? {
                challenge: { id: `${transaction}.m`, factor: 'desktop_mfa', result: macResult },
                outcome: macResult === 'approved' ? 'success' : 'failure',
              }
            : macOutcome
              ? { outcome: macOutcome }
              : {}),
          mac:
            macMethod === 'ssh' || macMethod === 'screen_sharing'
              ? { process: macMethod === 'ssh' ? 'sshd' : 'screensharingd', method: macMethod, remoteIp: '192.0.2.9' }
              : { process: 'loginwindow', ...(macMethod ? { method: macMethod } : {}) },
        },
      ];
  }
}

const otherAttempt = fc
  .record({
    ctx: context,
    kind: fc.constantFrom(...otherKinds),
    failure: fc.constantFrom('bad_password', 'locked_out', 'password_expired'),
    sessionReason: fc.constantFrom(undefined, 'remembered_device', 'trusted_network', 'mfa'),
    macType: fc.constantFrom(...macTypes),
    macOutcome: fc.constantFrom(undefined, 'success' as const, 'failure' as const),
    macResult: fc.constantFrom(...results),
    macMethod: fc.constantFrom(...macMethods),
  })
  .map((a) => (transaction: string) => otherAttemptEvents(a, transaction));

/** Events with ids that sort like the simulator's (`e0000`…) and times from `start`, each `gap(n)` after the last. */
function numbered(drafts: readonly Draft[], start: number, gap: (n: number) => number): CanonicalEvent[] {
  let time = start;
  return drafts.map((draft, n) => {
    time += gap(n);
    // JSON, as a file holds it: no undefined-valued keys.
    return JSON.parse(JSON.stringify({ id: `e${String(n).padStart(5, '0')}`, time, ...draft })) as CanonicalEvent;
  });
}

/**
 * A stream of attempts, interleaved (each attempt's events in order), with ids that sort like the simulator's and
 * times that never go back (several in one millisecond at times).
 */
export const pushstormStream: fc.Arbitrary<CanonicalEvent[]> = fc
  .record({
    attempts: fc.array(fc.oneof({ weight: 3, arbitrary: pushAttempt }, { weight: 2, arbitrary: otherAttempt }), {
      minLength: 1,
      maxLength: 12,
    }),
    picks: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
    gaps: fc.array(fc.constantFrom(0, 1, 700, 20_000, 61_000), { minLength: 60, maxLength: 60 }),
    start: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  })
  .map(({ attempts, picks, gaps, start }) => {
    const queues = attempts.map((make, i) => make(`t${i}`));
    const drafts: Draft[] = [];
    for (let n = 0; queues.some((q) => q.length > 0); n++) {
      const open = queues.filter((q) => q.length > 0);
      drafts.push(open[picks[n % picks.length] % open.length].shift()!);
    }
    return numbered(drafts, start, (n) => gaps[n % gaps.length]);
  });

/**
 * One stream holding every kind of event pushstorm writes: each factor with each result, sent, refused and
 * unanswered pushes, every other kind of attempt, every Mac type with every outcome. The set any refusal is judged on.
 */
export function everyKindStream(): CanonicalEvent[] {
  const ctx: Context = {
    user: 'ana.silva@example.org',
    origin: { ip: '203.0.113.7', proxy: true },
    device: { id: 'br-1', kind: 'browser', os: 'macOS' },
  };
  const attempts: ((t: string) => Draft[])[] = [];
  for (const factor of factors)
    for (const result of results)
      for (const errorReason of ['error', 'delivery_failed'] as const)
        attempts.push((t) => pushAttemptEvents({ ctx, factor, result, unsent: undefined, answered: true, errorReason }, t));
  for (const factor of factors)
    for (const unsent of ['muted', 'delivery_failed', undefined] as const)
      attempts.push((t) => pushAttemptEvents({ ctx, factor, result: 'denied', unsent, answered: false, errorReason: 'error' }, t));
  attempts.push((t) =>
    pushAttemptEvents({ ctx, factor: 'push', result: 'denied', unsent: 'muted', answered: true, errorReason: 'error' }, t),
  );
  for (const kind of otherKinds)
    for (const failure of ['bad_password', 'locked_out'])
      for (const sessionReason of [undefined, 'remembered_device', 'mfa'])
        for (const macType of kind === 'mac' ? macTypes : macTypes.slice(0, 1))
          for (const macOutcome of kind === 'mac' ? ([undefined, 'success', 'failure'] as const) : [undefined])
            for (const macResult of kind === 'mac' && macType === 'mac.mfa.result' ? results : results.slice(0, 1))
              for (const macMethod of kind === 'mac' && macType === 'mac.login' ? macMethods : macMethods.slice(0, 1))
                attempts.push((t) =>
                  otherAttemptEvents({ ctx, kind, failure, sessionReason, macType, macOutcome, macResult, macMethod }, t),
                );
  return numbered(
    attempts.flatMap((make, i) => make(`k${i}`)),
    Date.UTC(2026, 2, 2),
    () => 1000,
  );
}
