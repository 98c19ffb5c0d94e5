import type { Alert } from '../model/generated/alert.ts';
import type { CanonicalEvent, EventType } from '../model/generated/event.ts';
import type { DetectorShape } from './DetectorShape.ts';
import type { SqlQuery } from './SqlQuery.ts';

/** A tunable parameter: its default and the range a sweep may explore. */
export interface ParamSpec {
  default: number;
  min: number;
  max: number;
  step: number;
  unit: 'count' | 'ms';
  description: string;
}

/** What a detector may do while it handles an event or a timer for one key. */
export interface DetectorContext {
  /** The entity key the state belongs to (a user login, a device id, a source IP…). */
  readonly key: string;
  /** Event time being processed (the event's time, or the timer's). */
  readonly now: number;
  /** Asks for `onTimer` at event time `at` (after every event at or before `at` was handled); replaces an earlier one. */
  setTimer(at: number): void;
  /** Cancels the pending timer of this key, if any. */
  clearTimer(): void;
  /**
   * Raises (or grows) the alert thread of this key. The runtime opens a thread or adds to the open one, and builds
   * the triage context (sources, devices, apps, outcomes) from `evidence`.
   */
  alert(finding: Finding): void;
}

/** What a detector found; the runtime turns it into an {@link Alert}. */
export interface Finding {
  /** The events that justify the alert (challenges, denials…), oldest first. */
  evidence: readonly CanonicalEvent[];
  /** Successful interactive logins that matter to the analyst (e.g. the approval after a storm). */
  relatedLogins?: readonly CanonicalEvent[];
  /** Overrides the detector's default severity (e.g. critical once an approval follows). */
  severity?: Alert['severity'];
}

/** Streaming logic over the state of one key. */
export interface DetectorLogic<S> {
  /** Fresh state for a key seen for the first time (or again after its state expired). */
  init(key: string): S;
  onEvent(state: S, event: CanonicalEvent, ctx: DetectorContext): void;
  onTimer?(state: S, ctx: DetectorContext): void;
  /**
   * Event time after which an idle key's state may be dropped: long enough that dropping it changes no future
   * decision (at least the longest window plus grace).
   */
  readonly idleMs: number;
}

/**
 * What a {@link SharedDetectorLogic} may do while it handles an event or a timer for one key: what
 * {@link DetectorContext} offers, for a member — a parameter set, by its index in the list given to
 * {@link DetectorDefinition.createShared}. Each member has its own timer and its own alert threads, as if it ran alone.
 */
export interface SharedDetectorContext {
  /** The entity key the state belongs to. */
  readonly key: string;
  /** Event time being processed (the event's time, or the timer's). */
  readonly now: number;
  /** Asks for `onTimer(state, ctx, member)` at event time `at`; replaces the member's earlier one. */
  setTimer(at: number, member: number): void;
  /** Cancels the member's pending timer of this key, if any. */
  clearTimer(member: number): void;
  /** Raises (or grows) the member's alert thread of this key. */
  alert(finding: Finding, member: number): void;
}

/**
 * Streaming logic for several parameter sets of one detector at once: one state per key serves every member, so the
 * work they have in common (a window over the key's events, population context) is done once per event, not once
 * per set. It must behave as the members' own logics would, each alone — the same findings at the same event times,
 * and the same calls for a member in the same order; calls for several members within one event or timer in
 * increasing member order. The runtime then gives the same alerts, timers and state expiry either way.
 */
export interface SharedDetectorLogic<S> {
  /** Fresh state for a key seen for the first time (or again after its state expired). */
  init(key: string): S;
  onEvent(state: S, event: CanonicalEvent, ctx: SharedDetectorContext): void;
  /** The member's timer fired. */
  onTimer?(state: S, ctx: SharedDetectorContext, member: number): void;
  /** Each member's {@link DetectorLogic.idleMs}, in member order. */
  readonly idleMs: readonly number[];
}

/**
 * What the detectors of one runtime may share: state about the whole population (the organisation's own addresses,
 * say) that several detectors — or several parameter sets of one — would otherwise each build from the same events.
 * One scope lives as long as its runtime; nothing in it outlives the run or reaches another.
 */
export interface RunScope {
  /**
   * The value made for `key` in this run: made by `make` on the first call, the same object on every later one. The key
   * must name everything the value depends on (what feeds it and its parameters): two detectors asking with one key
   * get one value and must feed it alike, so each sees what it would have built alone.
   */
  share<T>(key: string, make: () => T): T;
}

/**
 * A detector: metadata, ATT&CK mapping, the event types it reads, the entity it is keyed by, its parameters, and a
 * factory for its streaming logic under one parameter set. One file per detector in `detectors/`.
 */
export interface DetectorDefinition<P extends Record<string, number> = Record<string, number>, S = unknown, Shared = unknown> {
  id: string;
  version: string;
  title: string;
  description: string;
  severity: Alert['severity'];
  attack: Alert['attack'];
  /** Set for reimplementations of public rules, naming the rule. */
  baseline?: string;
  /** Event types it reads; others never reach it. */
  needs: readonly EventType[];
  entity: Alert['entity']['kind'];
  /** The key of an event, or undefined when the event does not concern this detector. */
  keyOf(event: CanonicalEvent): string | undefined;
  params: { [K in keyof P]: ParamSpec };
  /** Its streaming logic under `params`; `scope` (absent when it runs alone) offers state shared with the run's others. */
  create(params: P, scope?: RunScope): DetectorLogic<S>;
  /**
   * Optional: one logic serving several parameter sets (members, in this order) — for a detector whose sets share
   * work. The runtime uses it whenever the detector runs with two sets or more (a `tune` grid, `detect --params` with
   * several sets), and `create` per set otherwise; the alerts are the same either way.
   */
  createShared?(paramSets: readonly P[], scope?: RunScope): SharedDetectorLogic<Shared>;
  /**
   * How the scenario library exercises it with its defaults: the scenario (`scenarios/<name>.yaml`) it is made to
   * catch — the library tests hold it to an alert about that scenario's incident — or, when no library scenario can
   * make it fire, why. Every built-in detector says; a plug-in may.
   */
  library?: { catches: string } | { silent: string };
  /**
   * What it finds, said declaratively, so `pushstorm export` can write it for other engines ({@link DetectorShape}); a
   * test holds every shape to the streaming logic. Absent: the detector cannot be exported (yet).
   */
  shape?: DetectorShape;
  /**
   * Why it states no shape: what of its logic no declarative query can say (population context, pairing a push with
   * its own sign-in…). `pushstorm export` and `pushstorm detectors` give it.
   */
  notExportable?: string;
  /**
   * Set for a detector written as a SQL query (`pushstorm … --sql-detector rule.sql`): the evaluation runs the query on
   * DuckDB over the world's events instead of streaming them through `create`, and each row is a finding.
   */
  sql?: SqlQuery;
}

/**
 * A detector of any parameters and state, as registries, runtimes and loaders hold them side by side. Each detector
 * is typed by its own `P` and `S`; a list of several can only say "some", which `unknown` cannot (a
 * `DetectorDefinition<{ threshold: number }>` is not assignable to `DetectorDefinition<Record<string, number>, unknown>`
 * because its `create` takes narrower parameters). The one `any` of the project, here.
 */
// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of detectors needs an existential type; see above.
export type AnyDetectorDefinition = DetectorDefinition<any, any, any>;

/** Defaults of a detector's parameters. */
export function defaultParams<P extends Record<string, number>>(definition: DetectorDefinition<P>): P {
  const out: Record<string, number> = {};
  for (const [name, spec] of Object.entries(definition.params) as Array<[string, ParamSpec]>) out[name] = spec.default;
  return out as P;
}

/**
 * The names a parameter may be written as in a params file or a `--grid`: each parameter's own, and a millisecond
 * parameter's without its `Ms` (`window` for `windowMs`) — the candidates of a "did you mean".
 */
export function paramNames(specs: Readonly<Record<string, ParamSpec>>): string[] {
  return Object.keys(specs).flatMap((name) => (specs[name].unit === 'ms' && name.endsWith('Ms') ? [name, name.slice(0, -2)] : [name]));
}
