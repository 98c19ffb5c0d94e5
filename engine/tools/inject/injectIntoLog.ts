import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { FormatError } from '../../model/errors/FormatError.ts';
import type { FormatContext } from '../../formats/LogFormat.ts';
import type { FormatId } from '../../formats/logFormats.ts';
import { LogRecordReader } from '../../formats/reader/LogRecordReader.ts';
import type { DetectedInput, LogReadStats, QuarantinedRecord, RecordEntry } from '../../formats/reader/LogRecordReader.ts';
import { getLogFormat } from '../../formats/logFormats.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { Truth } from '../../model/generated/truth.ts';
import type { LineInput } from '../../formats/reader/readEventLines.ts';
import { profileLog } from './LogProfile.ts';
import type { LogProfile } from './LogProfile.ts';
import { Redactor } from './Redactor.ts';
import { simulateInjection } from './simulateInjection.ts';

/** Options of {@link injectIntoLog}. */
export interface InjectOptions {
  /** The log's format, or auto-detect. */
  format?: FormatId | 'auto';
  context?: FormatContext;
  name?: string;
  scenarioFile?: string;
  /** Redact user names, host names and IP addresses with this key (HMAC-SHA256). */
  redactKey?: string;
  onQuarantine?: (q: QuarantinedRecord) => void;
}

/** The merged log and everything needed to score it. */
export interface InjectedLog {
  /** The merged log, one record per line, in time order (as the vendor writes it, redacted if asked). */
  lines: string[];
  truth: Truth;
  /** The injected events as canonical events (redacted if asked). */
  injected: CanonicalEvent[];
  detected: DetectedInput;
  stats: LogReadStats;
  profile: LogProfile;
  /** Records added to the log. */
  added: number;
  /** Injected events the format has no room for (Mac events into an IdP log). */
  notHeld: number;
}

/**
 * Injects a scenario's attacks into a real benign log: reads the log (any supported format), learns its users, span,
 * applications and networks, simulates the attacks against those users, encodes the attack events in the log's own
 * format and merges them in by time, the log's records kept as they were (records that decode to no event keep their
 * place after the record before them). Returns the merged lines, the truth (the log's own events are benign) and the
 * injected events; with a redaction key, users, hosts and IPs are pseudonymised in all three alike.
 */
export async function injectIntoLog(input: LineInput, scenario: ResolvedScenario, options: InjectOptions = {}): Promise<InjectedLog> {
  const entries: RecordEntry[] = [];
  const reader = new LogRecordReader(input, {
    format: options.format,
    context: options.context,
    name: options.name,
    onQuarantine: options.onQuarantine,
    onRecord: (entry) => entries.push(entry),
    // The log is held in memory anyway: keep long records whole rather than quarantine them.
    maxLineBytes: 256 * 1024 * 1024,
  });
  const events: CanonicalEvent[] = [];
  for await (const e of reader.events()) events.push(e);
  const detected = reader.detected;
  if (!detected || events.length === 0)
    throw new FormatError(`${options.name ?? 'the log'} holds no events to learn users from`, detected?.format, options.name);
  const format = getLogFormat(detected.format);
  if (format.perHost && !options.context?.host)
    throw new FormatError(`${format.title} names no host: pass --host (and --inventory)`, format.id, options.name);
  const profile = profileLog(events);
  const injection = simulateInjection(scenario, profile, options.scenarioFile);

  // Each log record keeps its place: the time of its first event, or of the record before it.
  const merged: Array<{ time: number; order: number; line: () => string }> = [];
  let lastTime = Number.NEGATIVE_INFINITY;
  entries.forEach((entry, i) => {
    if (entry.events.length > 0) lastTime = entry.events[0].time;
    const line = () => entry.text ?? format.toLine(entry.record);
    merged.push({ time: lastTime, order: i, line });
  });
  const encoder = format.createEncoder(options.context);
  const heldIds = new Set<string>();
  let added = 0;
  let order = entries.length;
  for (const e of injection.events) {
    if (format.perHost && (e.source !== 'mac' || (e.device?.hostname ?? e.device?.id) !== options.context?.host?.hostname)) continue;
    const records = encoder.encode(e);
    if (records.length > 0) heldIds.add(e.id);
    for (const r of records) {
      // As the format writes its lines (the unified log's `\/`), so injected lines look like the log's own.
      merged.push({ time: e.time, order: order++, line: () => format.toLine(r) });
      added++;
    }
  }
  // The closing records of a stateful encoder (a unified-log footer) would end a file that goes on: not written.
  merged.sort((a, b) => a.time - b.time || a.order - b.order);

  let injected = injection.events.filter((e) => heldIds.has(e.id));
  let labels = Object.fromEntries(Object.entries(injection.truth.labels).filter(([id]) => heldIds.has(id)));
  if (format.perHost) {
    // A unified log has no id field: its events are known by ids derived from the lines, which held() gives in order.
    const held = format.held(injected, options.context);
    if (held.length === injected.length) {
      labels = Object.fromEntries(held.map((h, i) => [h.id, labels[injected[i].id]]));
      injected = held;
    }
  }
  const truth: Truth = { ...injection.truth, labels };
  truth.incidents = truth.incidents.filter((i) => Object.values(truth.labels).includes(i.id));
  let lines = merged.map((m) => m.line());
  let outInjected = injected;
  let outTruth = truth;
  if (options.redactKey !== undefined) {
    const redactor = new Redactor(options.redactKey);
    const records = lines.map((l) => safeParse(l));
    redactor.addNames(namesIn([...events, ...injected], records));
    lines = records.map((r) => format.toLine(redactor.value(r)));
    outInjected = redactor.value(injected);
    outTruth = {
      ...truth,
      incidents: truth.incidents.map((i) => ({ ...i, target: redactor.login(i.target), sources: i.sources.map((s) => redactor.ip(s)) })),
    };
  }
  return {
    lines,
    truth: outTruth,
    injected: outInjected,
    detected,
    stats: reader.stats,
    profile,
    added,
    notHeld: injection.events.length - injected.length,
  };
}

/** Names a redaction must hide beyond e-mails and IPs: local parts, Mac short names and host names, display names. */
function namesIn(events: CanonicalEvent[], records: unknown[]): Set<string> {
  const names = new Set<string>();
  for (const e of events) {
    const at = e.user.lastIndexOf('@');
    names.add(at >= 0 ? e.user.slice(0, at) : e.user);
    if (e.mac?.shortName) names.add(e.mac.shortName);
    if (e.device?.hostname) names.add(e.device.hostname);
  }
  const visit = (v: unknown, key: string): void => {
    if (typeof v === 'string' && /^(displayName|userDisplayName|UserDisplayName|full_?name|realname)$/i.test(key)) names.add(v);
    else if (Array.isArray(v)) for (const x of v) visit(x, key);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const record of records) visit(record, '');
  return names;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
