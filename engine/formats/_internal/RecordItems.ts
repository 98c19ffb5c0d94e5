import { FormatError } from '../../errors/FormatError.ts';
import type { QuarantineReason } from '../../io/EventLineDecoder.ts';
import { DEFAULT_MAX_LINE_BYTES, readLines } from '../../io/readEventLines.ts';
import type { LineInput } from '../../io/readEventLines.ts';
import type { ContainerShape } from '../LogRecordReader.ts';
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
}

/** Options of {@link RecordItems}: the limits and the name of the input for messages. */
export interface RecordItemsOptions {
  name?: string;
  maxLineBytes?: number;
  maxPageBytes?: number;
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
  /** Hand lines out as text without parsing them (canonical NDJSON, whose decoder parses them itself). */
  rawLines = false;
  #maxRecordBytes = DEFAULT_MAX_LINE_BYTES;

  constructor(input: LineInput, options: RecordItemsOptions = {}) {
    this.#input = input;
    this.#options = options;
  }


  /** A one-record line over the record limit, as the canonical reader reports it; undefined when within. */
  #oversized(line: number, text: string): RecordItem | undefined {
    if (text.length * 3 <= this.#maxRecordBytes) return undefined;
    const bytes = Buffer.byteLength(text);
    return bytes > this.#maxRecordBytes ? { line, text: '', bad: { reason: 'oversized_line', detail: `line is ${bytes} bytes, over the ${this.#maxRecordBytes}-byte limit` } } : undefined;
  }

  /** The input's records, unwrapped from their containers, with the line each starts on. */
  async *items(): AsyncGenerator<RecordItem, void, undefined> {
    const maxLineBytes = this.#options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const maxPageBytes = Math.max(this.#options.maxPageBytes ?? 256 * 1024 * 1024, maxLineBytes);
    this.#maxRecordBytes = maxLineBytes;
    const lines = readLines(this.#input, { maxLineBytes: Math.max(maxPageBytes, 1) });
    let first = true;
    for await (const line of lines) {
      if ('oversized' in line) {
        this.container ??= 'ndjson';
        yield { line: line.line, bad: { reason: 'oversized_line', detail: `line is ${line.bytes} bytes, over the ${maxPageBytes}-byte limit` }, text: '' };
        continue;
      }
      const text = line.text;
      if (first && text.trim() !== '') {
        first = false;
        if (!parsesAsJson(text)) {
          // Either a document spread over lines (a pretty-printed export, pages back to back) or NDJSON whose first
          // line is broken: the second line tells.
          const second = await lines.next();
          if (second.done || 'oversized' in second.value) {
            yield* this.#line(line.line, text);
            if (!second.done && 'oversized' in second.value) yield { line: second.value.line, bad: { reason: 'oversized_line', detail: `line is ${second.value.bytes} bytes, over the ${maxPageBytes}-byte limit` }, text: '' };
            continue;
          }
          const secondText = second.value.text;
          if (!parsesAsJson(secondText)) {
            yield* this.#document(line.line, `${text}\n${secondText}`, lines);
            return;
          }
          yield* this.#line(line.line, text);
          yield* this.#line(line.line + 1, secondText);
          continue;
        }
      }
      yield* this.#line(line.line, text);
    }
  }

  *#line(line: number, text: string): Generator<RecordItem, void, undefined> {
    {
      if (this.rawLines) {
        yield this.#oversized(line, text) ?? { line, text };
        return;
      }
      if (text.trim() === '') {
        yield { line, text, bad: { reason: 'empty_line', detail: 'empty line' } };
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        yield { line, text, bad: { reason: 'malformed_json', detail: `not JSON: ${(error as Error).message.slice(0, 200)}` } };
        return;
      }
      yield* this.#unwrap(line, parsed, text);
    }
  }

  async *#document(firstLine: number, firstText: string, rest: AsyncGenerator<{ line: number; text: string } | { line: number; oversized: true; bytes: number }>): AsyncGenerator<RecordItem, void, undefined> {
    const parts = [firstText];
    let size = firstText.length;
    for await (const line of rest) {
      if ('oversized' in line) throw new FormatError(`${this.#options.name ?? 'input'}: line ${line.line} is over the line limit inside a JSON document`);
      parts.push(line.text);
      size += line.text.length + 1;
      if (size > MAX_DOCUMENT_CHARS) throw new FormatError(`${this.#options.name ?? 'input'}: a JSON document over 1 GiB; convert it to NDJSON (one record per line)`);
    }
    const split = splitJsonValues(parts.join('\n'));
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
        throw new FormatError(`${this.#options.name ?? 'input'}: the JSON value starting at line ${value.line + firstLine - 1} does not parse: ${(error as Error).message.slice(0, 200)}`);
      }
      yield* this.#unwrap(value.line + firstLine - 1, parsed, undefined, true);
    }
  }

  *#unwrap(line: number, value: unknown, text: string | undefined, document = false): Generator<RecordItem, void, undefined> {
    const set = (shape: ContainerShape) => {
      this.container ??= shape;
    };
    if (Array.isArray(value)) {
      set('json-array');
      this.arrays++;
      for (const record of value) yield { line, record };
      return;
    }
    if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      if (Array.isArray(o.value) && ('@odata.context' in o || '@odata.nextLink' in o || Object.keys(o).length === 1)) {
        set('graph-value');
        for (const record of o.value) yield { line, record };
        return;
      }
      const response = o.response as Record<string, unknown> | undefined;
      if ('stat' in o && typeof response === 'object' && response !== null && Array.isArray(response.authlogs)) {
        set('duo-authlogs');
        for (const record of response.authlogs) yield { line, record };
        return;
      }
    }
    set(document ? 'json-document' : 'ndjson');
    yield (text !== undefined ? this.#oversized(line, text) : undefined) ?? { line, record: value, text };
  }
}
