import type { CanonicalEvent } from '../../../model/generated/event.ts';
import type { MacHost } from '../../LogFormat.ts';
import { factsOf, type MacFacts } from './unifiedLogFacts.ts';
import { hash32 } from '../../_internal/hash32.ts';
import { pick, traceIdOf, uuidOf } from './unifiedLogIds.ts';
import { renderLines, type LineDraft } from './unifiedLogLines.ts';
import { desktopMfaPlugin, macProcesses, type MacProcessName } from './unifiedLogProcesses.ts';
import { localTimestampWriter } from './unifiedLogTime.ts';

/**
 * Lays out one Mac's events as unified-log lines: which lines each event becomes, and the values a Mac would have
 * stamped on them — local time with microseconds, mach ticks since boot (a new boot, a new boot UUID and ticks from
 * zero), pids, activity ids chaining the lines of one login attempt. Planning is separate from rendering so `held` can
 * follow the same layout without writing records.
 * @module
 */

/** One line placed in the file. */
export interface PlannedLine {
  draft: LineDraft;
  /** Microseconds past the event's millisecond. */
  micros: number;
  /** Nanosecond ticks since boot (Apple's `machTimestamp` as `log show` prints it). */
  mach: number;
  bootIndex: number;
  bootUUID: string;
  activity: number;
  parentActivity: number;
  /** Position of the line in the file, from 0. */
  seq: number;
}

/** The lines one event became. */
export interface PlannedGroup {
  facts: MacFacts;
  lines: PlannedLine[];
  /** The line the decoder reads the event from. */
  primary: PlannedLine;
  /** An earlier MFA plug-in line announced this attempt's transaction. */
  afterPlugin: boolean;
}

const DAY = 86_400_000;
/** Kinds whose lines belong to a login attempt's activity chain. */
const attemptKinds = new Set<MacFacts['kind']>(['console', 'screensaver', 'mfaRequest', 'mfaResult', 'sessionStart']);

/** The id a decoded event gets: the host, the boot and the primary line's tick count. */
export function lineEventId(hostname: string, bootUUID: string, mach: string): string {
  return `${hostname}:${bootUUID.slice(0, 8) || '-'}:${mach}`;
}

/** Plans and renders the lines of one Mac's file. Not reusable across files. */
export class UnifiedLogWriter {
  readonly host: MacHost;
  readonly #timestamp: (ms: number, micros: number) => string;
  readonly #osVersion: string;
  #seq = 0;
  #bootIndex = 0;
  #bootMs: number | undefined;
  #lastMs = Number.NEGATIVE_INFINITY;
  #lastMicros = 0;
  #lastMach = -1;
  #nextActivity: number;
  #engine: number;
  readonly #rootByTransaction = new Map<string, number>();
  readonly #engineByRoot = new Map<number, number>();
  readonly #pluginTransactions = new Set<string>();
  readonly #failedUnlocks = new Map<number, number>();

  /** @throws Error when the host's time zone is not an IANA zone Intl knows. */
  constructor(host: MacHost) {
    this.host = host;
    const timeZone = host.timeZone ?? 'UTC';
    try {
      this.#timestamp = localTimestampWriter(timeZone);
    } catch (error) {
      throw new Error(`unified log for ${host.hostname}: unknown time zone "${timeZone}" (${(error as Error).message})`);
    }
    this.#osVersion = host.device?.osVersion ?? '15';
    this.#nextActivity = pick(`${host.hostname}/activity`, 20_000, 900_000);
    this.#engine = pick(`${host.hostname}/engine/0`, 30, 400);
  }

  /**
   * The lines `e` becomes, or undefined for events the unified log has no room for (IdP events).
   * @throws Error when `e` names another Mac than the file's: one file holds one Mac.
   */
  plan(e: CanonicalEvent): PlannedGroup | undefined {
    const facts = factsOf(e, this.host);
    if (!facts) return undefined;
    const hostname = e.device?.hostname;
    if (hostname !== undefined && hostname !== this.host.hostname) {
      throw new Error(`unified log for ${this.host.hostname}: event ${e.id} is from ${hostname}; write one file per Mac`);
    }
    if (facts.kind === 'boot') this.#reboot(e.time);
    const root = attemptKinds.has(facts.kind) ? this.#root(facts.transaction) : 0;
    const afterPlugin = facts.transaction !== undefined && this.#pluginTransactions.has(facts.transaction);
    if ((facts.kind === 'mfaRequest' || facts.kind === 'mfaResult') && facts.transaction !== undefined) {
      this.#pluginTransactions.add(facts.transaction);
    }
    const uid = facts.uid ?? 0;
    const drafts = renderLines(facts, {
      engine: root === 0 ? 0 : this.#engineOf(root),
      loginwindowPid: this.#pid('loginwindow', this.#bootIndex),
      failedUnlocks: this.#failedUnlocks.get(uid) ?? 0,
      afterPlugin,
      bootUUID: this.#bootUUID(),
      seed: `${this.host.hostname}/${this.#seq}`,
    });
    if (facts.kind === 'screensaver') this.#failedUnlocks.set(uid, facts.ok ? 0 : (this.#failedUnlocks.get(uid) ?? 0) + 1);
    const lines = drafts.map((draft) => this.#place(draft, e.time, root));
    const primary = lines.find((l) => l.draft.role === 'primary')!;
    return { facts, lines, primary, afterPlugin };
  }

  /** The unified-log record of a planned line. */
  record(line: PlannedLine, time: number): Record<string, unknown> {
    const { draft } = line;
    const process = macProcesses[draft.process];
    const senderPath = draft.fromPlugin ? desktopMfaPlugin.senderImagePath : process.path;
    const processImageUUID = uuidOf(`${process.path}@${this.#osVersion}`);
    const senderImageUUID = draft.fromPlugin ? uuidOf(`${senderPath}@plugin`) : processImageUUID;
    const pc = 4096 + (hash32(draft.formatString) % 2 ** 20);
    // The real key order of `log show --style ndjson` (macOS 15, Elastic's test capture); it varies by release.
    return {
      timezoneName: '',
      messageType: draft.messageType,
      eventType: 'logEvent',
      source: null,
      formatString: draft.formatString,
      userID: draft.userID ?? ('userID' in process ? process.userID : 0),
      activityIdentifier: line.activity,
      subsystem: draft.fromPlugin ? desktopMfaPlugin.subsystem : process.subsystem,
      category: draft.fromPlugin ? desktopMfaPlugin.category : process.category,
      threadID: this.#thread(draft.process, line),
      senderImageUUID,
      backtrace: { frames: [{ imageOffset: pc, imageUUID: senderImageUUID }] },
      bootUUID: line.bootUUID,
      processImagePath: process.path,
      senderImagePath: senderPath,
      timestamp: this.#timestamp(time, line.micros),
      machTimestamp: line.mach,
      eventMessage: draft.message,
      processImageUUID,
      traceID: traceIdOf(`${this.host.hostname}/${line.seq}`),
      processID: this.#processId(draft.process, line),
      senderProgramCounter: pc,
      parentActivityIdentifier: line.parentActivity,
    };
  }

  #reboot(ms: number): void {
    this.#bootIndex++;
    // powerd logs the boot some seconds after the kernel started counting ticks.
    this.#bootMs = ms - pick(`${this.host.hostname}/boot/${this.#bootIndex}`, 18_000, 45_000);
    this.#lastMach = -1;
    this.#engine = pick(`${this.host.hostname}/engine/${this.#bootIndex}`, 30, 400);
  }

  #bootUUID(): string {
    return uuidOf(`${this.host.hostname}/boot/${this.#bootIndex}`);
  }

  /** The activity chain of an attempt: one per transaction (a fresh one for an event without). */
  #root(transaction: string | undefined): number {
    if (transaction === undefined) return this.#nextActivity++;
    let root = this.#rootByTransaction.get(transaction);
    if (root === undefined) {
      root = this.#nextActivity++;
      this.#rootByTransaction.set(transaction, root);
    }
    return root;
  }

  #engineOf(root: number): number {
    let engine = this.#engineByRoot.get(root);
    if (engine === undefined) {
      engine = this.#engine++;
      this.#engineByRoot.set(root, engine);
    }
    return engine;
  }

  #place(draft: LineDraft, ms: number, root: number): PlannedLine {
    const seq = this.#seq++;
    const host = this.host.hostname;
    // A Mac that was up before the first event booted a few days earlier.
    this.#bootMs ??= ms - 3 * DAY - pick(`${host}/uptime`, 0, 2 * DAY);
    const micros =
      ms === this.#lastMs ? Math.min(999, this.#lastMicros + pick(`${host}/${seq}/us`, 7, 61)) : pick(`${host}/${ms}/us`, 0, 499);
    this.#lastMs = ms;
    this.#lastMicros = micros;
    const mach = Math.max((ms - this.#bootMs) * 1_000_000 + micros * 1000 + pick(`${host}/${seq}/ns`, 0, 999), this.#lastMach + 1, 0);
    this.#lastMach = mach;
    const activity = root === 0 ? 0 : this.#nextActivity++;
    return { draft, micros, mach, bootIndex: this.#bootIndex, bootUUID: this.#bootUUID(), activity, parentActivity: root, seq };
  }

  #pid(process: MacProcessName, boot: number): number {
    const [min, max] = macProcesses[process].pids;
    return pick(`${this.host.hostname}/${boot}/${process}`, min, max);
  }

  #processId(process: MacProcessName, line: PlannedLine): number {
    const [min, max] = macProcesses[process].pids;
    // sshd-session runs once per connection; SecurityAgent and authorizationhost once per authorization.
    if (process === 'sshd') return pick(`${this.host.hostname}/${line.seq}/sshd`, min, max);
    if (process === 'SecurityAgent' || process === 'authorizationhost') {
      return pick(`${this.host.hostname}/${line.bootIndex}/${line.parentActivity}/${process}`, min, max);
    }
    return this.#pid(process, line.bootIndex);
  }

  #thread(process: MacProcessName, line: PlannedLine): number {
    const base = pick(`${this.host.hostname}/${line.bootIndex}/${process}/thread`, 400, 90_000);
    return process === 'authd' || process === 'authorizationhost' ? base + (hash32(`${line.seq}/thread`) % 4) * 13 : base;
  }
}
