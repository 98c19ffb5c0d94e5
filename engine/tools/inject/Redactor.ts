import { createHmac } from 'node:crypto';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
const IPV6 = /\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}:?){0,6}[0-9a-fA-F]{1,4}\b/g;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Keyed pseudonymisation for logs that leave the organisation: user names, e-mail addresses, host names and IP
 * addresses are replaced by HMAC-SHA256 tokens under a secret key, the same input always giving the same token, so
 * the log keeps its structure (who did what from where, how often) and detections give the same alerts, while the
 * names cannot be recovered or guessed without the key.
 *
 * - e-mail `lena.varga@example.org` → `u-3f9a1c0d2b@d-7e21c4.invalid`, its local part alone → `u-3f9a1c0d2b`;
 * - IPv4 → another IPv4 (four bytes of the HMAC), IPv6 → another IPv6;
 * - any other known name (display names, Mac short names, host names, given with {@link addNames}) → `n-<hex>`,
 *   wherever it appears inside a string (`Validating credential lvarga (501)` too).
 */
export class Redactor {
  readonly #key: Buffer;
  readonly #names = new Map<string, string>();
  #namePattern: RegExp | undefined;

  constructor(key: string) {
    if (key.length < 16) throw new Error('a redaction key must be at least 16 characters');
    this.#key = Buffer.from(key, 'utf8');
  }

  #mac(kind: string, value: string): Buffer {
    return createHmac('sha256', this.#key).update(`${kind}\u0000${value}`).digest();
  }

  /** Adds names to replace wherever they appear (display names, local parts, short names, host names). */
  addNames(names: Iterable<string>): void {
    for (const name of names)
      if (name.length >= 3 && !this.#names.has(name)) this.#names.set(name, `n-${this.#mac('name', name).toString('hex').slice(0, 10)}`);
    // Longest first, so "lena.varga" is replaced before "lena".
    const sorted = [...this.#names.keys()].sort((a, b) => b.length - a.length);
    this.#namePattern =
      sorted.length > 0 ? new RegExp(`(?<![A-Za-z0-9])(?:${sorted.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'g') : undefined;
  }

  /** The token of an e-mail-style login. */
  login(login: string): string {
    const at = login.lastIndexOf('@');
    if (at < 0) return this.local(login);
    return `${this.local(login.slice(0, at))}@d-${this.#mac('domain', login.slice(at + 1).toLowerCase())
      .toString('hex')
      .slice(0, 6)}.invalid`;
  }

  /** The token of a login's local part (Duo's `user.name`, a Mac short name). */
  local(name: string): string {
    return `u-${this.#mac('local', name.toLowerCase()).toString('hex').slice(0, 10)}`;
  }

  /** Another address of the same family. */
  ip(ip: string): string {
    const h = this.#mac('ip', ip.toLowerCase());
    if (ip.includes(':')) return Array.from({ length: 8 }, (_, i) => h.readUInt16BE(i * 2).toString(16)).join(':');
    return `${h[0]}.${h[1]}.${h[2]}.${h[3]}`;
  }

  /** A string with every e-mail, IP address and known name in it replaced. */
  text(s: string): string {
    let out = s.replace(EMAIL, (m) => this.login(m));
    out = out.replace(IPV4, (m) => this.ip(m));
    if (out.includes(':')) out = out.replace(IPV6, (m) => (m.split(':').length >= 3 ? this.ip(m) : m));
    if (this.#namePattern) out = out.replace(this.#namePattern, (m) => this.#names.get(m) ?? m);
    return out;
  }

  /** A deep copy of a JSON value with {@link text} applied to every string (keys are left as they are). */
  value<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.value(v)) as T;
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.value(v);
      return out as T;
    }
    return value;
  }
}
