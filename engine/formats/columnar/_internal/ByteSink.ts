import { AsyncByteQueue } from './arrow.ts';

/**
 * The sink an Arrow writer writes into, passing each chunk on synchronously instead of queueing it: the file is
 * written (and hashed) as the batches come, never held whole in memory. The chunks may be views of buffers the
 * writer reuses, so `out` must consume them before it returns.
 */
export class ByteSink extends AsyncByteQueue {
  constructor(private readonly out: (bytes: Uint8Array) => void) {
    super();
  }

  override write(value: Uint8Array): void {
    if (value.byteLength > 0) this.out(value);
  }
}
