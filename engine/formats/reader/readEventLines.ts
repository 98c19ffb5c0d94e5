import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs';
import { InputError } from '../../model/errors/InputError.ts';
import { describeFsError } from '../../model/errors/describeFsError.ts';

/** Default longest line kept, in UTF-8 bytes (line terminator excluded): 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /**
   * Longest line whose text is kept, in UTF-8 bytes without the line terminator. Past it the line is reported as
   * oversized with its byte count, and its bytes are counted, not buffered. Default 1 MiB.
   */
  maxLineBytes?: number;
}

/** One line of input: its 1-based number and its text, without `\n` or `\r\n`. */
export interface TextLine {
  line: number;
  text: string;
}

/** A line longer than the limit: its 1-based number and its length in bytes (line terminator excluded). */
export interface OversizedLine {
  line: number;
  oversized: true;
  bytes: number;
}

/** Anything {@link readLines} reads: a readable stream (file, stdin, socket) or any async iterable of chunks. */
export type LineInput = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

/**
 * Splits a byte stream into lines, in constant memory: at most one chunk plus one line of up to `maxLineBytes`
 * bytes is held at a time, however long the input or a line in it.
 *
 * Lines end at `\n`; a `\r` right before the `\n` is dropped too. A last line without a final newline is a line;
 * a final newline does not start an extra empty one (so `"a\nb\n"` and `"a\nb"` both give `a`, `b`, and `""` gives
 * nothing). A UTF-8 byte order mark at the very start is skipped. UTF-8 is decoded per line, so a character split
 * across chunks comes out whole; invalid UTF-8 becomes U+FFFD.
 *
 * @example
 * for await (const item of readLines(openEventInput('events.ndjson'))) {
 *   if ('text' in item) handle(item.line, item.text);
 *   else console.warn(`line ${item.line}: ${item.bytes} bytes, too long`);
 * }
 */
export async function* readLines(
  input: LineInput,
  options: ReadLinesOptions = {},
): AsyncGenerator<TextLine | OversizedLine, void, undefined> {
  const splitter = new LineSplitter(options.maxLineBytes);
  const lines: SplitLine[] = [];
  let line = 0;
  for await (const chunk of input) {
    splitter.push(chunk, lines);
    for (let i = 0; i < lines.length; i++) yield lineItem(++line, lines[i]);
    lines.length = 0;
  }
  splitter.end(lines);
  for (let i = 0; i < lines.length; i++) yield lineItem(++line, lines[i]);
}

function lineItem(line: number, item: SplitLine): TextLine | OversizedLine {
  if (typeof item === 'string') return { line, text: item };
  return typeof item === 'number' ? { line, oversized: true, bytes: item } : { line, text: item.invalidUtf8 };
}

/**
 * The input to read events from: standard input for `"-"`, else the file, read in 1 MiB chunks (few system calls;
 * memory stays constant). The file is opened now, so a missing file fails here rather than at the first read.
 *
 * @throws InputError (exit code 2) naming the path when the file cannot be opened or is a directory.
 */
export function openEventInput(pathOrDash: string): NodeJS.ReadableStream {
  if (pathOrDash === '-') return process.stdin;
  let fd: number;
  try {
    fd = openSync(pathOrDash, 'r');
  } catch (error) {
    throw new InputError(pathOrDash, describeFsError(error), { cause: error });
  }
  let isDirectory = false;
  try {
    isDirectory = fstatSync(fd).isDirectory();
  } catch {
    // Reading will report it.
  }
  if (isDirectory) {
    closeSync(fd);
    throw new InputError(pathOrDash, 'is a directory, not a file');
  }
  return createReadStream(pathOrDash, { fd, highWaterMark: 1 << 20 });
}

/**
 * A line whose bytes are not valid UTF-8: its text as decoded (each bad sequence a U+FFFD), which is not what the
 * file holds, so readers quarantine it rather than take a mangled name for a user.
 */
interface InvalidUtf8Line {
  invalidUtf8: string;
}

/** A line as {@link LineSplitter} hands it out: its text, the byte count of an oversized line, or a line that is not UTF-8. */
export type SplitLine = string | number | InvalidUtf8Line;

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * The synchronous core of {@link readLines}, for readers that want lines a chunk at a time without one promise per
 * line (see `LogRecordReader`). Feed it chunks with {@link LineSplitter.push} and finish with {@link LineSplitter.end};
 * each call appends the lines it completed to `out`, as text, or as a byte count for an oversized line.
 *
 * The complete lines of a chunk are decoded with one `toString` call and cut out of that string (cheap slices);
 * only the unfinished tail of a chunk is kept, as bytes (copied, so the chunk itself can be freed), until its
 * newline arrives. A newline byte never occurs inside a multi-byte UTF-8 character, so cutting at newlines never
 * splits one. A line whose bytes are not valid UTF-8 is handed out as an {@link InvalidUtf8Line}: only lines whose
 * decoded text holds a U+FFFD are checked, so valid input costs one scan of each block for that character.
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  /** Bytes of the unfinished line, when it is not (yet) oversized. */
  #carry: Buffer[] = [];
  #carryBytes = 0;
  /** The unfinished line is oversized: its bytes are only counted. */
  #skipping = false;
  #skippedBytes = 0;
  #lastSkippedByte = -1;
  /** A high surrogate that ended a string chunk, waiting for its low half. */
  #pendingSurrogate = '';
  /** No line handed out yet (a byte order mark is dropped from the first). */
  #first = true;

  constructor(maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {
    if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${maxLineBytes}`);
    }
    this.#maxLineBytes = maxLineBytes;
  }

  /** Splits the next chunk; appends the lines it completes to `out`. */
  push(chunk: Buffer | Uint8Array | string, out: SplitLine[]): void {
    const buf = this.#toBuffer(chunk);
    const length = buf.length;
    if (length === 0) return;
    let start = 0;
    if (this.#skipping || this.#carryBytes > 0) {
      const nl = buf.indexOf(NEWLINE);
      if (nl === -1) {
        this.#keep(buf, 0, length);
        return;
      }
      this.#finishCarried(buf, nl, out);
      start = nl + 1;
    }
    const lastNl = buf.lastIndexOf(NEWLINE);
    if (lastNl >= start) {
      this.#splitBlock(buf, start, lastNl, out);
      start = lastNl + 1;
    }
    if (start < length) this.#keep(buf, start, length);
  }

  /** Ends the input: appends its last line when it had no final newline. */
  end(out: SplitLine[]): void {
    if (this.#pendingSurrogate !== '') {
      // A lone high surrogate at the very end: encoded as U+FFFD, as Buffer.from would.
      const lone = Buffer.from(this.#pendingSurrogate, 'utf8');
      this.#pendingSurrogate = '';
      this.#keep(lone, 0, lone.length);
    }
    if (this.#skipping) {
      this.#emit(this.#skippedBytes, out);
    } else if (this.#carryBytes > 0) {
      const bytes = this.#carryBytes;
      const line = Buffer.concat(this.#carry, bytes);
      this.#emit(bytes > this.#maxLineBytes ? bytes : checked(line, 0, bytes, line.toString('utf8')), out);
    }
    this.#reset();
  }

  #toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
    if (typeof chunk === 'string') {
      let text = this.#pendingSurrogate === '' ? chunk : this.#pendingSurrogate + chunk;
      this.#pendingSurrogate = '';
      const last = text.charCodeAt(text.length - 1);
      // A string chunk may end between the two halves of a surrogate pair: keep the first half for the next chunk.
      if (last >= 0xd800 && last <= 0xdbff) {
        this.#pendingSurrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      return Buffer.from(text, 'utf8');
    }
    return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }

  /** Keeps `buf[from, to)`, a piece of a line whose newline has not come yet, or only counts it past the limit. */
  #keep(buf: Buffer, from: number, to: number): void {
    const n = to - from;
    if (n === 0) return;
    if (this.#skipping) {
      this.#skippedBytes += n;
      this.#lastSkippedByte = buf[to - 1];
      return;
    }
    // One byte of slack: the line may still end with "\r\n", and the "\r" is not part of it.
    if (this.#carryBytes + n > this.#maxLineBytes + 1) {
      this.#skipping = true;
      this.#skippedBytes = this.#carryBytes + n;
      this.#lastSkippedByte = buf[to - 1];
      this.#carry = [];
      this.#carryBytes = 0;
      return;
    }
    this.#carry.push(Buffer.from(buf.subarray(from, to)));
    this.#carryBytes += n;
  }

  /** Completes the carried line with `buf[0, nl)`; `buf[nl]` is its newline. */
  #finishCarried(buf: Buffer, nl: number, out: SplitLine[]): void {
    if (this.#skipping) {
      const lastByte = nl > 0 ? buf[nl - 1] : this.#lastSkippedByte;
      this.#emit(this.#skippedBytes + nl - (lastByte === CR ? 1 : 0), out);
    } else {
      const line = Buffer.concat(nl > 0 ? [...this.#carry, buf.subarray(0, nl)] : this.#carry, this.#carryBytes + nl);
      const bytes = line.length - (line[line.length - 1] === CR ? 1 : 0);
      this.#emit(bytes > this.#maxLineBytes ? bytes : checked(line, 0, bytes, line.toString('utf8', 0, bytes)), out);
    }
    this.#reset();
  }

  /** Splits `buf[start, lastNl)`, a run of complete lines (`buf[lastNl]` is the last one's newline). */
  #splitBlock(buf: Buffer, start: number, lastNl: number, out: SplitLine[]): void {
    const block = buf.toString('utf8', start, lastNl);
    // Invalid UTF-8 decodes to U+FFFD: a block without one is valid, and no line of it needs a second look.
    const suspect = block.includes('\ufffd');
    const max = this.#maxLineBytes;
    // Code units never outnumber UTF-8 bytes, and a code unit takes at most 3 bytes (4 for a pair of 2 units; an
    // invalid sequence of up to 3 bytes decodes to 1): a line of at most max/3 units fits without measuring it.
    const sureFit = Math.floor(max / 3);
    let pos = 0;
    let lineIndex = 0;
    // Byte offset of line `cursorLine` of the block, found lazily, only for lines that need measuring.
    let cursorLine = 0;
    let cursorByte = start;
    for (;;) {
      const nl = block.indexOf('\n', pos);
      const lineEnd = nl === -1 ? block.length : nl;
      const cr = lineEnd > pos && block.charCodeAt(lineEnd - 1) === CR;
      const end = cr ? lineEnd - 1 : lineEnd;
      const text = end - pos <= sureFit && !(suspect && block.lastIndexOf('\ufffd', end - 1) >= pos) ? block.slice(pos, end) : undefined;
      if (text !== undefined) {
        this.#emit(text, out);
      } else {
        while (cursorLine < lineIndex) {
          cursorByte = buf.indexOf(NEWLINE, cursorByte) + 1;
          cursorLine++;
        }
        const bytes = buf.indexOf(NEWLINE, cursorByte) - cursorByte - (cr ? 1 : 0);
        this.#emit(bytes > max ? bytes : checked(buf, cursorByte, cursorByte + bytes, block.slice(pos, end)), out);
      }
      if (nl === -1) return;
      pos = nl + 1;
      lineIndex++;
    }
  }

  #emit(line: SplitLine, out: SplitLine[]): void {
    if (this.#first && typeof line === 'object') this.#first = false;
    if (this.#first) {
      this.#first = false;
      if (typeof line === 'string' && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    out.push(line);
  }

  #reset(): void {
    this.#carry = [];
    this.#carryBytes = 0;
    this.#skipping = false;
    this.#skippedBytes = 0;
    this.#lastSkippedByte = -1;
  }
}

/** The decoded `text` of `buf[from, to)`, or an {@link InvalidUtf8Line} when those bytes are not valid UTF-8. */
function checked(buf: Buffer, from: number, to: number, text: string): string | InvalidUtf8Line {
  return text.includes('\ufffd') && !isUtf8(buf.subarray(from, to)) ? { invalidUtf8: text } : text;
}
