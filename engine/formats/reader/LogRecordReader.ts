import { BadInputError } from '../../model/errors/BadInputError.ts';
import { FormatError } from '../../model/errors/FormatError.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { decodeEventLine, matchesEventSchemaFast } from '../canonical/EventLineDecoder.ts';
import { quarantineReasons } from '../../model/QuarantineReason.ts';
import type { QuarantineReason } from '../../model/QuarantineReason.ts';
import type { LineInput } from './readEventLines.ts';
import type { DecodeStep, FormatContext, LogFormat, RecordDecoder, RecordRejectReason } from '../LogFormat.ts';
import { getLogFormat, logFormats } from '../logFormats.ts';
import type { FormatId } from '../logFormats.ts';
import { RecordItems } from './_internal/RecordItems.ts';
import type { ContainerShape } from './ContainerShape.ts';
import type { RecordItem } from './_internal/RecordItems.ts';
import { TIME_RANGE } from '../_internal/recordFields.ts';

/** A rejected record (a line of NDJSON, an element of an array), as written to the quarantine file. */
export interface QuarantinedRecord {
  /** 1-based line the record starts on. */
  line: number;
  /** 1-based index of the record in the input (the line again for NDJSON). */
  record: number;
  reason: QuarantineReason;
  /** What was wrong, naming the field: `missing "user"`. */
  detail: string;
  /** The record's first 512 characters; `""` for an oversized line, whose text is never kept. */
  text: string;
}

/** What the reader decided about its input. */
export interface DetectedInput {
  format: FormatId;
  /** `given` by the caller, or `sniffed` from the first records. */
  how: 'given' | 'sniffed';
  /** Records sampled and how many of them the chosen format recognised (sniffed only). */
  sampled: number;
  matched: number;
  container: ContainerShape;
}

/**
 * Counts of a {@link LogRecordReader}'s work so far, and what it made of its input. Every record read ends up in
 * exactly one place, so always `records === accepted + skipped + quarantined`. The counts cover only the records
 * handed out so far: a consumer that stops early sees counts up to its last event.
 */
export interface LogReadStats {
  /** Lines read: every line of the input, blank ones included. */
  lines: number;
  /**
   * Records read: for NDJSON its lines, empty and oversized ones included (a line is one record, an array on a line
   * of NDJSON a bad one); for arrays and pages their elements, an empty page counting as one record skipped.
   */
  records: number;
  /** Records that gave events. */
  accepted: number;
  /** Events handed out (a Duo approval row gives three). */
  events: number;
  /** Records of the format that are not part of a push flow (a policy evaluation, the unified log's footer). */
  skipped: number;
  /** Skipped records per reason, most frequent first (at most 20 reasons kept). */
  skippedBy: Array<{ why: string; count: number }>;
  /** Records rejected. */
  quarantined: number;
  /** Rejected records per reason (every reason present, zeros included). */
  byReason: Record<QuarantineReason, number>;
  /** The format, the container and how the format was told; undefined until the first records are read. */
  detected: DetectedInput | undefined;
}

/** Options of {@link LogRecordReader}. */
export interface LogReadOptions {
  /**
   * The format, or `auto` (default) to tell it from the first records. `canonical` reads pushstorm's own NDJSON, one
   * event per line, as `simulate` writes it: no container is looked for, and every line is decoded from its text.
   */
  format?: FormatId | 'auto';
  /** Passed to the decoder (the Mac a unified-log file comes from). */
  context?: FormatContext;
  /** Name of the input for messages. */
  name?: string;
  /**
   * Longest record decoded, in UTF-8 bytes; longer lines are quarantined as `oversized_line`. Default 1 MiB. A line
   * holding many records (an API page written on one line) may be up to {@link LogReadOptions.maxPageBytes}; a JSON
   * document spread over lines up to 1 GiB.
   */
  maxLineBytes?: number;
  /** Longest line holding a page of records (a JSON array, a Graph or Duo response). Default 256 MiB. */
  maxPageBytes?: number;
  /** Records sampled to detect the format. Default 64. */
  sample?: number;
  /** Called for every rejected record, in input order, before the reader moves on (e.g. a `QuarantineWriter`). */
  onQuarantine?: (quarantined: QuarantinedRecord) => void;
  /**
   * Stop at the first rejected record with a {@link BadInputError} (the `--strict` of the CLI). The record is still
   * counted and handed to `onQuarantine` first, so the quarantine file and the counts show it.
   */
  strict?: boolean;
  /**
   * Called for every record in input order — decoded, skipped or quarantined — with its raw form and the events it
   * gave (none unless decoded), before those events are handed out: for tools that rewrite a log record by record.
   */
  onRecord?: (entry: RecordEntry) => void;
}

/** One record as {@link LogReadOptions.onRecord} sees it. */
export interface RecordEntry {
  line: number;
  /** The NDJSON line as read, when the record was one line. */
  text?: string;
  /** The parsed record (absent for canonical NDJSON lines, which are decoded from their text). */
  record?: unknown;
  status: 'decoded' | 'skipped' | 'quarantined';
  events: CanonicalEvent[];
}

/** Characters of a rejected record kept in its {@link QuarantinedRecord}. */
const QUARANTINE_TEXT_CHARS = 512;

const REASONS: Record<RecordRejectReason, QuarantineReason> = {
  not_an_object: 'not_an_object',
  missing_field: 'missing_field',
  wrong_type: 'wrong_type',
  unknown_kind: 'unknown_type',
  invalid: 'invalid',
};

/**
 * Reads log records of any supported format from a stream — pushstorm's canonical NDJSON, vendor NDJSON, a JSON
 * array, API pages back to back, Graph `{value: [...]}` or Duo `response.authlogs` responses — tells the format from
 * the first records unless given, and decodes them into canonical events. Every record ends up decoded, skipped (of
 * the format but nothing pushstorm models) or quarantined with a reason; nothing is dropped silently, and
 * {@link LogRecordReader.stats} counts each.
 *
 * NDJSON is read as a stream in constant memory; a document spread over lines is read whole (up to 1 GiB).
 * Canonical NDJSON, the hot path of `detect` and `run`, goes line by line to the schema decoder as text, parsed once.
 *
 * @example
 * const quarantine = new QuarantineWriter('out/run/quarantine.ndjson');
 * const reader = new LogRecordReader(openEventInput('okta.json'), { onQuarantine: (q) => quarantine.write(q) });
 * for await (const event of reader.events()) runtime.push(event);
 * quarantine.close();
 * console.log(reader.stats);
 * // { records: 1200, accepted: 1180, events: 1180, skipped: 18, skippedBy: [...], quarantined: 2, byReason: {...},
 * //   detected: { format: 'okta', how: 'sniffed', sampled: 64, matched: 64, container: 'json-array' } }
 *
 * @example
 * // pushstorm's own events, stopping at the first bad line (`--strict`)
 * for await (const event of new LogRecordReader(openEventInput('events.ndjson'), { format: 'canonical', strict: true }).events()) handle(event);
 */
export class LogRecordReader {
  readonly #options: LogReadOptions;
  #detected: DetectedInput | undefined;
  #started = false;
  #records = 0;
  #accepted = 0;
  #events = 0;
  #skipped = 0;
  #byReason = Object.fromEntries(quarantineReasons.map((r) => [r, 0])) as Record<QuarantineReason, number>;
  #skippedBy = new Map<string, number>();
  #items: RecordItems;

  /** @throws FormatError for an unknown format id; RangeError for a byte limit that is not a positive integer. */
  constructor(input: LineInput, options: LogReadOptions = {}) {
    this.#options = options;
    if (options.format !== undefined && options.format !== 'auto') getLogFormat(options.format);
    this.#items = new RecordItems(input, {
      name: options.name,
      maxLineBytes: options.maxLineBytes,
      maxPageBytes: options.maxPageBytes,
      ndjsonOnly: options.format === 'canonical',
    });
  }

  /** What the reader made of its input (the same as `stats.detected`); undefined until the first records are read. */
  get detected(): DetectedInput | undefined {
    return this.#detected;
  }

  /** A snapshot of the counts so far. */
  get stats(): LogReadStats {
    let quarantined = 0;
    for (const reason of quarantineReasons) quarantined += this.#byReason[reason];
    return {
      lines: this.#items.lines,
      records: this.#records,
      accepted: this.#accepted,
      events: this.#events,
      skipped: this.#skipped,
      skippedBy: [...this.#skippedBy].map(([why, count]) => ({ why, count })).sort((a, b) => b.count - a.count || (a.why < b.why ? -1 : 1)),
      quarantined,
      byReason: { ...this.#byReason },
      detected: this.#detected ? { ...this.#detected } : undefined,
    };
  }

  /**
   * The decoded events, in input order. Can be iterated once (the input is a stream).
   *
   * @throws FormatError when the format cannot be told; BadInputError in strict mode, at the first rejected record.
   */
  async *events(): AsyncGenerator<CanonicalEvent, void, undefined> {
    if (this.#started) throw new Error('LogRecordReader.events() can be called only once: the input is a stream');
    this.#started = true;
    const batches = this.#items.batches();
    const sample: RecordItem[] = [];
    const sampleSize = this.#options.sample ?? 64;
    let next = await batches.next();
    while (!next.done && sample.length < sampleSize) {
      sample.push(...next.value);
      next = await batches.next();
    }
    const format = this.#choose(sample);
    const decoder = format.createDecoder(this.#options.context);
    const fast = format.id === 'canonical';
    // Canonical NDJSON: from here on lines go to the schema decoder as text, parsed once.
    if (fast && this.#items.container === 'ndjson') this.#items.rawLines = true;
    async function* all() {
      yield sample;
      for (; !next.done; next = await batches.next()) yield next.value;
    }
    for await (const batch of all()) {
      for (let i = 0; i < batch.length; i++) {
        const item = batch[i];
        // Sampled lines that did not parse go to the schema decoder too, for its reasons and details.
        if (!fast || item.text === undefined || item.bad?.reason === 'oversized_line' || item.bad?.reason === 'encoding') {
          yield* this.#decode(item, decoder);
          continue;
        }
        // The hot loop of `detect` on pushstorm's own events: one parse and the schema's fast path.
        const index = ++this.#records;
        const decoded = decodeEventLine(item.text);
        if (!decoded.ok) {
          this.#quarantine(item, index, decoded.reason, decoded.detail);
          continue;
        }
        this.#accepted++;
        this.#events++;
        this.#options.onRecord?.({ line: item.line, text: item.text, status: 'decoded', events: [decoded.event] });
        yield decoded.event;
      }
    }
    if (this.#detected && this.#items.arrays > 1 && this.#detected.container === 'json-array') this.#detected.container = 'pages';
  }

  #choose(sample: RecordItem[]): LogFormat<FormatId> {
    const container = this.#items.container ?? 'ndjson';
    const given = this.#options.format;
    if (given !== undefined && given !== 'auto') {
      this.#detected = { format: given, how: 'given', sampled: 0, matched: 0, container };
      return getLogFormat(given);
    }
    // The first `sample` records only: a chunk read holds thousands, and the summary names how many were looked at.
    const records = sample
      .slice(0, this.#options.sample ?? 64)
      .filter((i) => i.bad === undefined)
      .map((i) => i.record);
    let best: LogFormat<FormatId> | undefined;
    let bestCount = 0;
    for (const f of logFormats) {
      const count = records.filter((r) => f.sniff(r)).length;
      if (count > bestCount) {
        best = f;
        bestCount = count;
      }
    }
    const name = this.#options.name ?? 'the input';
    if (records.length === 0) {
      // Nothing to tell from: an empty input has no events in any format; unreadable lines are quarantined below.
      this.#detected = { format: 'canonical', how: 'sniffed', sampled: 0, matched: 0, container };
      return getLogFormat('canonical');
    }
    // Canonical events with broken fields sniff as nothing; read them as canonical so they are quarantined with reasons.
    const canonicalKeys = ['id', 'time', 'source', 'type', 'user'];
    if (
      !best &&
      container === 'ndjson' &&
      records.some((r) => typeof r === 'object' && r !== null && canonicalKeys.some((k) => Object.hasOwn(r, k)))
    ) {
      this.#detected = { format: 'canonical', how: 'sniffed', sampled: records.length, matched: 0, container };
      return getLogFormat('canonical');
    }
    if (!best)
      throw new FormatError(
        `cannot tell the format of ${name}: none of the ${records.length} records sampled looks like ${logFormats.map((f) => f.id).join(', ')}; pass --format`,
        undefined,
        this.#options.name,
      );
    this.#detected = { format: best.id, how: 'sniffed', sampled: records.length, matched: bestCount, container };
    return best;
  }

  *#decode(item: RecordItem, decoder: RecordDecoder): Generator<CanonicalEvent, void, undefined> {
    const index = ++this.#records;
    if (item.bad) return this.#quarantine(item, index, item.bad.reason, item.bad.detail);
    if (item.emptyPage) return this.#skip(item, 'an empty page: no records on this line');
    let step: DecodeStep;
    try {
      step = decoder.decode(item.record);
    } catch (error) {
      // Decoders are written never to throw; if one does, the record is quarantined, not the run lost.
      step = { kind: 'rejected', reason: 'invalid', detail: `decoder error: ${(error as Error).message}` };
    }
    if (step.kind === 'skipped') return this.#skip(item, step.why);
    if (step.kind === 'rejected') return this.#quarantine(item, index, REASONS[step.reason], step.detail);
    const events: CanonicalEvent[] = [];
    for (const e of step.events) {
      // The schema's fast path on the object itself; the full check (and its reason) only for an event that fails it.
      if (matchesEventSchemaFast(e) && e.time >= TIME_RANGE.min && e.time < TIME_RANGE.end) {
        events.push(e);
        continue;
      }
      const check = decodeEventLine(JSON.stringify(e));
      if (!check.ok) return this.#quarantine(item, index, 'invalid', `decoded to an invalid event: ${check.detail}`);
      events.push(check.event);
    }
    this.#accepted++;
    this.#events += events.length;
    this.#options.onRecord?.({ line: item.line, text: item.text, record: item.record, status: 'decoded', events });
    yield* events;
  }

  #skip(item: RecordItem, why: string): void {
    this.#skipped++;
    this.#options.onRecord?.({ line: item.line, text: item.text, record: item.record, status: 'skipped', events: [] });
    if (this.#skippedBy.has(why) || this.#skippedBy.size < 20) this.#skippedBy.set(why, (this.#skippedBy.get(why) ?? 0) + 1);
  }

  #quarantine(item: RecordItem, record: number, reason: QuarantineReason, detail: string): void {
    this.#byReason[reason]++;
    this.#options.onRecord?.({ line: item.line, text: item.text, record: item.record, status: 'quarantined', events: [] });
    let text = item.text;
    if (text === undefined) {
      try {
        text = JSON.stringify(item.record) ?? '';
      } catch {
        text = '';
      }
    }
    this.#options.onQuarantine?.({ line: item.line, record, reason, detail, text: firstChars(text, QUARANTINE_TEXT_CHARS) });
    if (this.#options.strict) throw new BadInputError(item.line, reason, detail);
  }
}

/** The first `n` characters of `text`, without cutting a surrogate pair in half. */
function firstChars(text: string, n: number): string {
  if (text.length <= n) return text;
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}
