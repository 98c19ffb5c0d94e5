/**
 * The id the world gives the `seq`-th event of user cell `cell`: `u<cell>.<seq>`, both in base 36 (`u1c.a`). Ids are
 * per cell, so an event's id is the same whichever thread or partition simulates its cell — and the id with the
 * event's time is the key the stream is ordered by ({@link parseEventId}).
 */
export function eventId(cell: number, seq: number): string {
  return `u${cell.toString(36)}.${seq.toString(36)}`;
}

const ID = /^u([0-9a-z]+)\.([0-9a-z]+)$/;

/**
 * The cell and per-cell sequence number an {@link eventId} encodes, or `undefined` for an id the world did not give.
 * A simulation writes its events in (time, cell, seq) order, so these two and the event's `time` place any event in
 * the whole world's stream: what {@link mergePartitions} merges by.
 *
 * @example parseEventId('u1c.a') // { cell: 48, seq: 10 }
 */
export function parseEventId(id: string): { cell: number; seq: number } | undefined {
  const m = ID.exec(id);
  if (!m) return undefined;
  const cell = Number.parseInt(m[1], 36);
  const seq = Number.parseInt(m[2], 36);
  return Number.isSafeInteger(cell) && Number.isSafeInteger(seq) ? { cell, seq } : undefined;
}
