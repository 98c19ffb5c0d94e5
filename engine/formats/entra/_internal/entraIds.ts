/**
 * Deterministic stand-ins for the Entra identifiers canonical events do not carry (tenant, user object id, app id),
 * and the device id the decoder derives for an unregistered device. Same input, same output: no randomness, so
 * encoding a stream twice gives identical records.
 * @module
 */
import { hash32 } from '../../_internal/hash32.ts';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** A GUID-shaped id (version 4 layout) derived from `text`, as Entra writes object, app and tenant ids. */
export function entraGuid(text: string): string {
  const h = [1, 2, 3, 4].map((seed) => hex8(hash32(text, seed))).join('');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The tenant pushstorm's Entra records belong to. */
export const TENANT_ID = entraGuid('pushstorm tenant');

/** The Log Analytics workspace the SigninLogs rows come from (the table's `TenantId` column). */
export const WORKSPACE_ID = entraGuid('pushstorm workspace');

/**
 * The device id the decoder gives a device Entra does not know (an unregistered browser, `deviceId: ""`): Entra
 * keeps no id for it, so it is named after what the record says about it, its address and operating system.
 */
export function unregisteredDeviceId(ip: string, operatingSystem: string): string {
  return `entra-${hex8(hash32(`${ip}|${operatingSystem}`, 7))}`;
}

/** Suffixes of the ids of the events a row implies besides the one that keeps the row's `id`. */
export const DERIVED_ID = { challenge: '.challenge', session: '.session', push: '.mfa' } as const;

/** The ids of the `i`-th push (0-based) of the row `rowId` in the attempt `transaction`. */
export interface PushIds {
  /** Id of the implied `mfa.challenge` event. */
  challengeEvent: string;
  /** Id of the `mfa.result` event: the row's own id for its first push. */
  resultEvent: string;
  /** `challenge.id`: one per push step, so two pushes never share it. */
  push: string;
  /** The canonical transaction: the attempt's, with the push's number after the first (each push counts once). */
  transaction: string;
}

/**
 * The ids of one push of a row. A row is one sign-in request and usually holds one push; a request that holds more
 * (a denied push and the one approved after it) gives each its own push id and transaction.
 */
export function pushIdsOf(rowId: string, transaction: string, i: number): PushIds {
  if (i === 0) {
    return { challengeEvent: `${rowId}${DERIVED_ID.challenge}`, resultEvent: rowId, push: `${rowId}${DERIVED_ID.push}`, transaction };
  }
  const n = i + 1;
  return {
    challengeEvent: `${rowId}${DERIVED_ID.challenge}${n}`,
    resultEvent: `${rowId}.result${n}`,
    push: `${rowId}${DERIVED_ID.push}${n}`,
    transaction: `${transaction}.${n}`,
  };
}
