import { FormatError } from '../../../model/errors/FormatError.ts';
import type { QuarantineReason } from '../../../model/QuarantineReason.ts';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from '../readEventLines.ts';
import type { SplitLine } from '../readEventLines.ts';
import type { LineInput } from '../readEventLines.ts';
import type { ContainerShape } from '../ContainerShape.ts';
import { splitJsonValues } from './splitJsonValues.ts';

const MAX_DOCUMENT_CHARS = 1 << 30;

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One record as the input packs it, with the line it starts on. */
export interface RecordItem {
  line: number;
  /** The record, or undefined when the line was not JSON (see `bad`). */
  record?: unknown;
  /** Raw text of an NDJSON line (kept for the quarantine and the canonical fast path). */
  text?: string;
  bad?: { reason: QuarantineReason; detail: string };
  /** A page with no records in it (`[]`, `{"value": []}`): counted as one record skipped, so its line is not lost. */
  emptyPage?: true;
}

/** Options of {@link RecordItems}: the limits and the name of the input for messages. */
export interface RecordItemsOptions {
  name?: string;
  maxLineBytes?: number;
  maxPageBytes?: number;
  /**
   * The input is NDJSON whose lines are decoded from their text (pushstorm's canonical events): no container is
   * looked for, every line is handed out raw from the first, and no line may be longer than `maxLineBytes`.
   */
  ndjsonOnly?: boolean;
}

/**
 * The records of an input, unwrapped from however it packs them — one per NDJSON line, JSON arrays (one or several
 * pages), Graph `value` and Duo `response.authlogs` responses, a document spread over lines — each with the line it
 * starts on, or a bad line with its reason. Learns the container shape from what it reads.
 */
export class RecordItems {
  readonly #input: LineInput;
  readonly #options: RecordItemsOptions;
  /** The container, from the first value read. */
  container: ContainerShape | undefined;
  /** Arrays seen (more than one in a `json-array` input: pages). */
  arrays = 0;
  /** Physical lines read so far (a document's lines included). */
  lines = 0;
  /** Hand lines out as text without parsing them (canonical NDJSON, whose decoder parses them itself). */
  rawLines = false;
  #maxRecordBytes = DEFAULT_MAX_LINE_BYTES;

  /** @throws RangeError for a byte limit that is not a positive integer. */
  constructor(input: LineInput, options: RecordItemsOptions = {}) {
    this.#input = input;
    this.#options = options;
    // Fail on a bad limit now, not at the first read.
    new LineSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    if (options.maxPageBytes !== undefined) new LineSplitter(options.maxPageBytes);
    if (options.ndjsonOnly) {
      this.container = 'ndjson';
      this.rawLines = true;
    }
  }

  /** A one-record line over the record limit, as the canonical reader reports it; undefined when within. */
  #oversized(line: number, text: string): RecordItem | undefined {
    if (text.length * 3 <= this.#maxRecordBytes) return undefined;
    const bytes = Buffer.byteLength(text);
    return bytes > this.#maxRecordBytes
      ? { line, text: '', bad: { reason: 'oversized_line', detail: `line is ${bytes} bytes, over the ${this.#maxRecordBytes}-byte limit` } }
      : undefined;
  }

  /**
   * The input's records, unwrapped from their containers, with the line each starts on: a batch per chunk of input,
   * split synchronously, so a record costs no promise of its own.
   */
  async *batches(): AsyncGenerator<RecordItem[], void, undefined> {
    const maxLineBytes = this.#options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const ndjsonOnly = this.#options.ndjsonOnly === true;
    const maxPageBytes = ndjsonOnly ? maxLineBytes : Math.max(this.#options.maxPageBytes ?? 256 * 1024 * 1024, maxLineBytes);
    this.#maxRecordBytes = maxLineBytes;
    const splitter = new LineSplitter(maxPageBytes);
    const split: SplitLine[] = [];
    const oversized = (line: number, bytes: number): RecordItem => ({
      line,
      bad: { reason: 'oversized_line', detail: `line is ${bytes} bytes, over the ${maxPageBytes}-byte limit` },
      text: '',
    });
    // 'start' until the first non-blank line; 'pending' while a first line that is not JSON waits for the second to
    // tell a document spread over lines (a pretty-printed export, pages back to back) from NDJSON with a broken first
    // line; then 'lines' or 'document'.
    let state = (ndjsonOnly ? 'lines' : 'start') as 'start' | 'pending' | 'lines' | 'document';
    let lineNo = 0;
    let first = { line: 0, text: '' };
    let document: { parts: string[]; size: number; line: number } | undefined;
    const take = (item: SplitLine, out: RecordItem[]) => {
      const line = ++lineNo;
      this.lines = line;
      if (state === 'document') {
        if (typeof item === 'number')
          throw new FormatError(`${this.#options.name ?? 'input'}: line ${line} is over the line limit inside a JSON document`);
        if (typeof item === 'object')
          throw new FormatError(`${this.#options.name ?? 'input'}: line ${line} is not valid UTF-8 inside a JSON document`);
        document!.parts.push(item);
        document!.size += item.length + 1;
        if (document!.size > MAX_DOCUMENT_CHARS)
          throw new FormatError(`${this.#options.name ?? 'input'}: a JSON document over 1 GiB; convert it to NDJSON (one record per line)`);
        return;
      }
      if (typeof item === 'number') {
        if (state === 'pending') this.#line(first.line, first.text, out);
        if (state !== 'lines') state = 'lines';
        this.container ??= 'ndjson';
        out.push(oversized(line, item));
        return;
      }
      if (typeof item === 'object') {
        // Not text: a record read from it would carry U+FFFD where the file has other bytes (a phantom user name).
        if (state === 'pending') this.#line(first.line, first.text, out);
        if (state !== 'lines') state = 'lines';
        this.container ??= 'ndjson';
        out.push({ line, text: item.invalidUtf8, bad: { reason: 'encoding', detail: 'not valid UTF-8: bytes that are no character' } });
        return;
      }
      if (state === 'start' && item.trim() !== '') {
        if (parsesAsJson(item)) state = 'lines';
        else {
          state = 'pending';
          first = { line, text: item };
          return;
        }
      } else if (state === 'pending') {
        if (!parsesAsJson(item)) {
          state = 'document';
          document = { parts: [first.text, item], size: first.text.length + item.length + 1, line: first.line };
          return;
        }
        state = 'lines';
        this.#line(first.line, first.text, out);
      }
      this.#line(line, item, out);
    };
    for await (const chunk of this.#input) {
      splitter.push(chunk, split);
      const out: RecordItem[] = [];
      for (const item of split) take(item, out);
      split.length = 0;
      if (out.length > 0) yield out;
    }
    splitter.end(split);
    const out: RecordItem[] = [];
    for (const item of split) take(item, out);
    if (state === 'pending') this.#line(first.line, first.text, out);
    if (state === 'document') this.#document(document!.line, document!.parts.join('\n'), out);
    if (out.length > 0) yield out;
  }

  #line(line: number, text: string, out: RecordItem[]): void {
    if (this.rawLines) {
      out.push(this.#oversized(line, text) ?? { line, text });
      return;
    }
    if (text.trim() === '') {
      out.push({ line, text, bad: { reason: 'empty_line', detail: 'empty line' } });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      out.push({ line, text, bad: { reason: 'malformed_json', detail: `not JSON: ${(error as Error).message.slice(0, 200)}` } });
      return;
    }
    this.#unwrap(line, parsed, text, false, out);
  }

  #document(firstLine: number, text: string, out: RecordItem[]): void {
    const split = splitJsonValues(text);
    if ('error' in split)
      throw new FormatError(
        `${this.#options.name ?? 'input'} is neither NDJSON nor JSON: ${split.error} at line ${split.line + firstLine - 1}`,
        undefined,
        this.#options.name,
      );
    for (const value of split.values) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value.text);
      } catch (error) {
        throw new FormatError(
          `${this.#options.name ?? 'input'}: the JSON value starting at line ${value.line + firstLine - 1} does not parse: ${(error as Error).message.slice(0, 200)}`,
        );
      }
      this.#unwrap(value.line + firstLine - 1, parsed, undefined, true, out);
    }
  }

  #unwrap(line: number, value: unknown, text: string | undefined, document: boolean, out: RecordItem[]): void {
    const set = (shape: ContainerShape) => {
      this.container ??= shape;
    };
    // In NDJSON every line is one record, whatever it holds: an array line is a bad record, not a page.
    if (this.container === 'ndjson' && text !== undefined) {
      out.push(this.#oversized(line, text) ?? { line, record: value, text });
      return;
    }
    if (Array.isArray(value)) {
      set('json-array');
      this.arrays++;
      if (value.length === 0) out.push({ line, emptyPage: true });
      for (const record of value) out.push({ line, record });
      return;
    }
    if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      if (Array.isArray(o.value) && ('@odata.context' in o || '@odata.nextLink' in o || Object.keys(o).length === 1)) {
        set('graph-value');
        if (o.value.length === 0) out.push({ line, emptyPage: true });
        for (const record of o.value) out.push({ line, record });
        return;
      }
      const response = o.response as Record<string, unknown> | undefined;
      if ('stat' in o && typeof response === 'object' && response !== null && Array.isArray(response.authlogs)) {
        set('duo-authlogs');
        if (response.authlogs.length === 0) out.push({ line, emptyPage: true });
        for (const record of response.authlogs) out.push({ line, record });
        return;
      }
    }
    set(document ? 'json-document' : 'ndjson');
    out.push((text !== undefined ? this.#oversized(line, text) : undefined) ?? { line, record: value, text });
  }
}
