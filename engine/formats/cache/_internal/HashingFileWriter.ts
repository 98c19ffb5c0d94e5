import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

const BUFFER_BYTES = 1 << 20;

/**
 * Writes bytes to a file a MiB at a time, hashing them (sha256) on the way, so the checksum an entry's manifest
 * records is the file's without reading it back. The chunks it is given may be views of buffers their writer reuses:
 * they are copied before {@link write} returns.
 */
export class HashingFileWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private written = 0;
  private open = true;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Bytes written so far (buffered ones included): the file's size once closed. */
  get bytes(): number {
    return this.written + this.used;
  }

  write(bytes: Uint8Array): void {
    if (this.used + bytes.byteLength > BUFFER_BYTES) this.flush();
    if (bytes.byteLength > BUFFER_BYTES) {
      this.hash.update(bytes);
      writeAll(this.fd, bytes);
      this.written += bytes.byteLength;
      return;
    }
    this.buffer.set(bytes, this.used);
    this.used += bytes.byteLength;
  }

  /** Flushes and closes the file; returns the sha256 (hex) of everything written. */
  close(): string {
    this.flush();
    this.shut();
    return this.hash.digest('hex');
  }

  /** Closes the file without flushing (the caller removes it). */
  abort(): void {
    this.shut();
  }

  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.hash.update(chunk);
    writeAll(this.fd, chunk);
    this.written += this.used;
    this.used = 0;
  }

  private shut(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, bytes.byteLength - at);
}
