import { Readable } from 'node:stream';
import type { ResolvedScenario } from '../../../generators/scenario/ResolvedScenario.ts';
import { FormatError } from '../../model/errors/FormatError.ts';
import type { FormatContext, LogFormat, MacHost } from '../../formats/LogFormat.ts';
import { MAX_NESTING, nestingDepth } from '../../model/text/nestingDepth.ts';
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

/** A piece of the merged log: bytes of the original, or an injected record with its line break. */
type LogSegment = { original: Buffer } | { injected: string };

/** The merged log and everything needed to score it. */
export interface InjectedLog {
  /** The merged log, byte for byte as it is written. */
  log: Buffer;
  /**
   * The merged log in pieces: concatenated they are {@link InjectedLog.log}; the `original` pieces alone, concatenated,
   * are the input exactly (without redaction, for NDJSON), which is what "kept byte for byte" means.
   */
  segments: LogSegment[];
  /** The merged log's lines, as text without line breaks (for reading it back). */
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
  /** With redaction: records of the log that could not be read as JSON, or nest too deep, and so were left out rather than leak. */
  leftOut: number;
  /** With redaction, the host the merged unified log is for, pseudonymised: its file is named after it. */
  host?: MacHost;
}

/** One record of the output in the order it is written: original (file order kept) or injected (time order). */
interface Piece {
  time: number;
  original?: { bytes: Buffer; text: string; terminated: boolean; record?: unknown };
  injected?: string;
}

/**
 * Injects a scenario's attacks into a real benign log: reads the log (any supported format), learns its users, span,
 * applications and networks, simulates the attacks against those users, encodes the attack events in the log's own
 * format and merges them in by time. The log's own lines are kept byte for byte and in their order — blank lines,
 * lines it cannot read, CRLF line ends, bytes that are not UTF-8, records out of time order — and each injected line
 * goes before the first original record later than it, with the file's own line ending. (A JSON array or a paged
 * export is written as NDJSON, a record per line, in its order.) Returns the merged log, the truth (the log's own
 * events are benign) and the injected events; with a redaction key, users, hosts and IPs are pseudonymised in all
 * three alike, and records that cannot be parsed (so cannot be redacted) are left out.
 */
export async function injectIntoLog(input: LineInput, scenario: ResolvedScenario, options: InjectOptions = {}): Promise<InjectedLog> {
  const entries: RecordEntry[] = [];
  const chunks: Buffer[] = [];
  async function* kept(): AsyncGenerator<Buffer> {
    for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      chunks.push(bytes);
      yield bytes;
    }
  }
  const reader = new LogRecordReader(kept(), {
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

  const originals = originalPieces(Buffer.concat(chunks), entries, detected.container === 'ndjson', format);
  // Injected lines end as the log's own do (its first line break tells: CRLF or LF).
  const firstEnded = originals.find((p) => p.original?.terminated)?.original;
  const eol = firstEnded && firstEnded.bytes.at(-2) === CR ? '\r\n' : '\n';

  const encoder = format.createEncoder(options.context);
  const decoder = format.perHost ? undefined : format.createDecoder(options.context);
  const heldIds = new Set<string>();
  /** Events whose records decode to another id (a Duo row's txid is its push's transaction): that id. */
  const decodedAs = new Map<string, string>();
  const injectedPieces: Piece[] = [];
  for (const e of injection.events) {
    if (format.perHost && (e.source !== 'mac' || (e.device?.hostname ?? e.device?.id) !== options.context?.host?.hostname)) continue;
    const records = encoder.encode(e);
    if (records.length > 0) heldIds.add(e.id);
    for (const r of decoder ? records : []) {
      const step = decoder!.decode(r);
      const own =
        step.kind === 'events' && !step.events.some((d) => d.id === e.id) ? step.events.find((d) => d.type === e.type) : undefined;
      if (own) decodedAs.set(e.id, own.id);
    }
    // As the format writes its lines (the unified log's `\/`), so injected lines look like the log's own.
    for (const r of records) injectedPieces.push({ time: e.time, injected: format.toLine(r) });
  }
  // The closing records of a stateful encoder (a unified-log footer) would end a file that goes on: not written.
  injectedPieces.sort((a, b) => a.time - b.time); // stable: events of one time keep their order
  const pieces = mergeInOrder(originals, injectedPieces);

  let injected = injection.events.filter((e) => heldIds.has(e.id));
  let labels = Object.fromEntries(
    Object.entries(injection.truth.labels).flatMap(([id, label]) => (heldIds.has(id) ? [[decodedAs.get(id) ?? id, label]] : [])),
  );
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
  const result = {
    truth,
    injected,
    detected,
    stats: reader.stats,
    profile,
    added: injectedPieces.length,
    notHeld: injection.events.length - injected.length,
  };
  if (options.redactKey === undefined) return { ...result, ...serialise(pieces, eol, (p) => p), leftOut: 0 };
  return redacted(result, pieces, eol, events, format, options);
}

const CR = 0x0d;
const NEWLINE = 0x0a;

/**
 * The log's own records as pieces, in file order, each at the time of its first event or of the record before it. For
 * NDJSON, one piece per physical line with its exact bytes (the line break kept with it); for other containers, one
 * per record, written as the format writes a line.
 */
function originalPieces(raw: Buffer, entries: RecordEntry[], ndjson: boolean, format: LogFormat<FormatId>): Piece[] {
  const pieces: Piece[] = [];
  let time = Number.NEGATIVE_INFINITY;
  if (ndjson) {
    const timeOfLine = new Map<number, number>();
    const recordOfLine = new Map<number, unknown>();
    for (const entry of entries) {
      if (entry.events.length > 0 && !timeOfLine.has(entry.line)) timeOfLine.set(entry.line, entry.events[0].time);
      if (entry.record !== undefined) recordOfLine.set(entry.line, entry.record);
    }
    let start = 0;
    for (let line = 1; start < raw.length; line++) {
      const nl = raw.indexOf(NEWLINE, start);
      const end = nl === -1 ? raw.length : nl + 1;
      const bytes = raw.subarray(start, end);
      time = timeOfLine.get(line) ?? time;
      const content = bytes.subarray(0, bytes.length - (nl === -1 ? 0 : bytes.at(-2) === CR ? 2 : 1));
      // The text (for redaction) without a byte order mark; the bytes, written back, keep it.
      const text = content.toString('utf8').replace(/^\ufeff/, '');
      pieces.push({ time, original: { bytes, text, terminated: nl !== -1, record: recordOfLine.get(line) } });
      start = end;
    }
    return pieces;
  }
  for (const entry of entries) {
    if (entry.events.length > 0) time = entry.events[0].time;
    if (nestingDepth(entry.record) > MAX_NESTING) continue; // no line can be written for it
    const text = entry.text ?? format.toLine(entry.record);
    pieces.push({ time, original: { bytes: Buffer.from(`${text}\n`), text, terminated: true, record: entry.record } });
  }
  return pieces;
}

/** The original pieces in their order, each injected piece placed before the first original one later than it. */
function mergeInOrder(originals: Piece[], injected: Piece[]): Piece[] {
  const out: Piece[] = [];
  let next = 0;
  for (const piece of originals) {
    while (next < injected.length && injected[next].time < piece.time) out.push(injected[next++]);
    out.push(piece);
  }
  while (next < injected.length) out.push(injected[next++]);
  return out;
}

/**
 * The merged log's bytes, segments and lines. An injected line takes the file's line ending; after a last original
 * line that has none, it gets its ending before it instead, so the original bytes stay a prefix untouched.
 */
function serialise(
  pieces: Piece[],
  eol: string,
  rewrite: (p: Piece) => Piece | undefined,
): Pick<InjectedLog, 'log' | 'segments' | 'lines'> {
  const segments: LogSegment[] = [];
  const lines: string[] = [];
  let open = false; // the last piece written has no line ending
  for (const raw of pieces) {
    const piece = rewrite(raw);
    if (piece === undefined) continue;
    if (piece.original) {
      segments.push({ original: piece.original.bytes });
      lines.push(piece.original.text);
      open = !piece.original.terminated;
    } else {
      segments.push({ injected: open ? `${eol}${piece.injected}` : `${piece.injected}${eol}` });
      lines.push(piece.injected!);
    }
  }
  const log = Buffer.concat(segments.map((s) => ('original' in s ? s.original : Buffer.from(s.injected, 'utf8'))));
  return { log, segments, lines };
}

/**
 * The merged log, truth and injected events with users, hosts and IPs pseudonymised alike. Lines are rewritten
 * (parsed, redacted, written as the format writes a line, with their own line ending); a line that does not parse or
 * nests too deep cannot be redacted and is left out. For a unified log the host is pseudonymised too, and the labels
 * follow the ids its redacted lines decode to.
 */
async function redacted(
  result: Omit<InjectedLog, 'log' | 'segments' | 'lines' | 'leftOut'>,
  pieces: Piece[],
  eol: string,
  events: CanonicalEvent[],
  format: LogFormat<FormatId>,
  options: InjectOptions,
): Promise<InjectedLog> {
  const redactor = new Redactor(options.redactKey!);
  const parsed = new Map<Piece, unknown>();
  for (const p of pieces) {
    const value = p.original ? (p.original.record ?? safeParse(p.original.text)) : safeParse(p.injected!);
    if (value !== undefined && nestingDepth(value) <= MAX_NESTING) parsed.set(p, value);
  }
  const host = options.context?.host;
  redactor.addNames(namesIn([...events, ...result.injected], [...parsed.values()], host));
  let leftOut = 0;
  const out = serialise(pieces, eol, (p) => {
    const value = parsed.get(p);
    if (value === undefined) {
      leftOut++;
      return undefined;
    }
    const line = format.toLine(redactor.value(value));
    if (!p.original) return { time: p.time, injected: line };
    const ending = p.original.terminated ? (p.original.bytes.at(-2) === CR ? '\r\n' : '\n') : '';
    return { time: p.time, original: { bytes: Buffer.from(`${line}${ending}`), text: line, terminated: p.original.terminated } };
  });
  const { truth } = result;
  let labels = truth.labels;
  let injected = redactor.value(result.injected);
  const redactedHost = host === undefined ? undefined : redactor.value(host);
  if (format.perHost && redactedHost) {
    // The unified log's ids are derived from its lines and host: read the redacted log back to learn the new ones.
    const reread = await relabel(out, result, format, redactedHost);
    if (reread) ({ labels, injected } = reread);
  }
  return {
    ...result,
    ...out,
    leftOut,
    injected,
    ...(format.perHost && redactedHost ? { host: redactedHost } : {}),
    truth: {
      ...truth,
      labels,
      incidents: truth.incidents.map((i) => ({
        ...i,
        target: redactor.login(i.target),
        sources: i.sources.map((s) => redactor.ip(s)),
        ...(i.device === undefined ? {} : { device: redactor.text(i.device) }),
      })),
    },
  };
}

/**
 * The labels and injected events of a redacted unified log, as its lines decode with the redacted host: the events of
 * the injected lines, in order, take the labels of the injected events held before redaction. Undefined when they do
 * not line up one for one (then the labels are kept as they were).
 */
async function relabel(
  out: Pick<InjectedLog, 'segments' | 'log'>,
  result: Pick<InjectedLog, 'truth' | 'injected'>,
  format: LogFormat<FormatId>,
  host: MacHost,
): Promise<{ labels: Truth['labels']; injected: CanonicalEvent[] } | undefined> {
  const injectedLines = new Set<number>();
  out.segments.forEach((s, i) => {
    if ('injected' in s) injectedLines.add(i + 1);
  });
  const decoded: CanonicalEvent[] = [];
  // One segment is one line: an injected one that opens with a line break ends the line before it.
  const reader = new LogRecordReader(Readable.from([out.log]), {
    format: format.id,
    context: { host },
    onRecord: (entry) => {
      if (injectedLines.has(entry.line)) decoded.push(...entry.events);
    },
  });
  for await (const _ of reader.events());
  if (decoded.length !== result.injected.length) return undefined;
  const labels = Object.fromEntries(decoded.map((e, i) => [e.id, result.truth.labels[result.injected[i].id]]));
  return { labels, injected: decoded };
}

/** Names a redaction must hide beyond e-mails and IPs: local parts, Mac short names, host names, device ids and serials, display names. */
function namesIn(events: CanonicalEvent[], records: unknown[], host: MacHost | undefined): Set<string> {
  const names = new Set<string>();
  for (const e of events) {
    const at = e.user.lastIndexOf('@');
    names.add(at >= 0 ? e.user.slice(0, at) : e.user);
    if (e.mac?.shortName) names.add(e.mac.shortName);
    if (e.device?.hostname) names.add(e.device.hostname);
    // A device's id and serial name one organisation's asset as surely as its host name does.
    if (e.device?.id) names.add(e.device.id);
    if (e.device?.serial) names.add(e.device.serial);
  }
  if (host) {
    names.add(host.hostname);
    if (host.file) names.add(host.file);
    if (host.shortName) names.add(host.shortName);
    if (host.device?.hostname) names.add(host.device.hostname);
    if (host.device?.id) names.add(host.device.id);
    if (host.device?.serial) names.add(host.device.serial);
  }
  // Iterative: a record is at most MAX_NESTING deep here, but a walk needs no stack either way.
  const stack: Array<[unknown, string]> = records.map((r) => [r, '']);
  while (stack.length > 0) {
    const [v, key] = stack.pop()!;
    if (typeof v === 'string' && /^(displayName|userDisplayName|UserDisplayName|full_?name|realname)$/i.test(key)) names.add(v);
    else if (Array.isArray(v)) for (const x of v) stack.push([x, key]);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) stack.push([x, k]);
  }
  return names;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
