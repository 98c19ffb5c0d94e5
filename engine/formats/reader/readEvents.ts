import { BadInputError } from '../../model/errors/BadInputError.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import { decodeEventLine } from '../canonical/EventLineDecoder.ts';
import { quarantineReasons } from '../../model/QuarantineReason.ts';
import type { QuarantineReason } from '../../model/QuarantineReason.ts';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './readEventLines.ts';
import type { LineInput, SplitLine } from './readEventLines.ts';

/** A rejected line of input, as written to the quarantine file. */
export interface QuarantinedLine {
  /** 1-based line number in the input. */
  line: number;
  reason: QuarantineReason;
  /** What was wrong, naming the field: `missing "user"`. */
  detail: string;
  /** The first 512 characters of the line; `""` for an oversized line, whose text is never kept. */
  text: string;
}

/** Counts of an {@link EventReader}'s work so far. Always `lines === accepted + quarantined`. */
export interface ReadStats {
  /** Lines read, empty and oversized ones included. */
  lines: number;
  /** Lines that became events. */
  accepted: number;
  /** Lines rejected. */
  quarantined: number;
  /** Rejected lines per reason (every reason present, zeros included). */
  byReason: Record<QuarantineReason, number>;
}

/** Options of {@link EventReader} and {@link readEvents}. */
export interface ReadEventsOptions {
  /** Longest line decoded, in UTF-8 bytes; longer lines are quarantined as `oversized_line`. Default 1 MiB. */
  maxLineBytes?: number;
  /** Called for every rejected line, in input order, before the reader moves on (e.g. a QuarantineWriter). */
  onQuarantine?: (quarantined: QuarantinedLine) => void;
  /**
   * Stop at the first rejected line with a {@link BadInputError} (the `--strict` of the CLI). The line is still
   * counted and handed to `onQuarantine` first, so the quarantine file and the counts show it.
   */
  strict?: boolean;
}

/** Characters of a rejected line kept in its {@link QuarantinedLine}. */
const QUARANTINE_TEXT_CHARS = 512;

/**
 * Reads canonical NDJSON events from a stream in constant memory, quarantining bad lines and counting everything.
 *
 * Every line read ends up in exactly one place: yielded as an event, or passed to `onQuarantine` with its reason,
 * so `stats.lines === stats.accepted + stats.quarantined` at every point of the run. Counts include only the lines
 * handed out so far: a consumer that stops early sees counts up to its last event.
 *
 * @example
 * const quarantine = new QuarantineWriter('out/run/quarantine.ndjson');
 * const reader = new EventReader(openEventInput(file), { onQuarantine: (q) => quarantine.write(q) });
 * for await (const event of reader.events()) runtime.push(event);
 * quarantine.close();
 * console.log(reader.stats); // { lines: 120000, accepted: 119998, quarantined: 2, byReason: { ... } }
 */
export class EventReader {
  readonly #input: LineInput;
  readonly #maxLineBytes: number;
  readonly #onQuarantine: ((quarantined: QuarantinedLine) => void) | undefined;
  readonly #strict: boolean;
  #started = false;
  #lines = 0;
  #accepted = 0;
  #byReason: Record<QuarantineReason, number> = Object.fromEntries(quarantineReasons.map((r) => [r, 0])) as Record<
    QuarantineReason,
    number
  >;

  constructor(input: LineInput, options: ReadEventsOptions = {}) {
    this.#input = input;
    this.#maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.#onQuarantine = options.onQuarantine;
    this.#strict = options.strict ?? false;
    // Fail on a bad limit now, not at the first read.
    new LineSplitter(this.#maxLineBytes);
  }

  /** A snapshot of the counts so far. */
  get stats(): ReadStats {
    return {
      lines: this.#lines,
      accepted: this.#accepted,
      quarantined: this.#lines - this.#accepted,
      byReason: { ...this.#byReason },
    };
  }

  /**
   * The accepted events, in input order. Can be iterated once (the input is a stream).
   *
   * @throws BadInputError in strict mode, at the first rejected line.
   */
  async *events(): AsyncGenerator<CanonicalEvent, void, undefined> {
    if (this.#started) throw new Error('EventReader.events() can be called only once: the input is a stream');
    this.#started = true;
    // Lines are split a chunk at a time (synchronously) and decoded one by one as they are handed out, so the
    // only promise per event is the generator's own.
    const splitter = new LineSplitter(this.#maxLineBytes);
    const lines: SplitLine[] = [];
    for await (const chunk of this.#input) {
      splitter.push(chunk, lines);
      for (let i = 0; i < lines.length; i++) {
        const event = this.#decode(lines[i]);
        if (event !== undefined) yield event;
      }
      lines.length = 0;
    }
    splitter.end(lines);
    for (let i = 0; i < lines.length; i++) {
      const event = this.#decode(lines[i]);
      if (event !== undefined) yield event;
    }
  }

  /** Counts one line and returns its event, or quarantines it and returns undefined. */
  #decode(item: SplitLine): CanonicalEvent | undefined {
    const line = ++this.#lines;
    if (typeof item === 'number') {
      this.#quarantine(line, 'oversized_line', `line is ${item} bytes, over the ${this.#maxLineBytes}-byte limit`, '');
      return undefined;
    }
    const decoded = decodeEventLine(item, line);
    if (decoded.ok) {
      this.#accepted++;
      return decoded.event;
    }
    this.#quarantine(line, decoded.reason, decoded.detail, item);
    return undefined;
  }

  #quarantine(line: number, reason: QuarantineReason, detail: string, text: string): void {
    this.#byReason[reason]++;
    this.#onQuarantine?.({ line, reason, detail, text: firstChars(text, QUARANTINE_TEXT_CHARS) });
    if (this.#strict) throw new BadInputError(line, reason, detail);
  }
}

/**
 * The accepted events of `input`; shorthand for `new EventReader(input, options).events()` when the counts are not
 * needed (rejected lines still reach `options.onQuarantine`).
 *
 * @example
 * for await (const event of readEvents(openEventInput('-'), { strict: true })) console.log(event.type);
 */
export function readEvents(
  input: LineInput,
  options?: ReadEventsOptions,
): AsyncGenerator<CanonicalEvent, void, undefined> {
  return new EventReader(input, options).events();
}

/** The first `n` characters of `text`, without cutting a surrogate pair in half. */
function firstChars(text: string, n: number): string {
  if (text.length <= n) return text;
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}
