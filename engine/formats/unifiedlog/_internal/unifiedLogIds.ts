import { createHash } from 'node:crypto';
import { hash32 } from '../../_internal/hash32.ts';

/**
 * Deterministic stand-ins for the values a Mac makes up at run time (boot UUIDs, image UUIDs, pids, thread and trace
 * ids), derived from stable seeds so the same events always give byte-identical files.
 * @module
 */

/** An integer in [min, max] picked by the seed. */
export function pick(seed: string, min: number, max: number): number {
  return min + (hash32(seed) % (max - min + 1));
}

const uuids = new Map<string, string>();

/** An upper-case UUID (`6A1F0C2E-…`) from SHA-256 of the seed, as Apple writes image and boot UUIDs. */
export function uuidOf(seed: string): string {
  let uuid = uuids.get(seed);
  if (uuid === undefined) {
    const hex = createHash('sha256').update(seed).digest('hex').toUpperCase();
    uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    if (uuids.size > 10_000) uuids.clear();
    uuids.set(seed, uuid);
  }
  return uuid;
}

/** A trace id in the range real exports show (about 2^51), below 2^53 so JSON numbers keep it exact. */
export function traceIdOf(seed: string): number {
  return 2 ** 51 + (hash32(`${seed}/hi`) % 2 ** 20) * 2 ** 30 + (hash32(`${seed}/lo`) % 2 ** 30);
}
