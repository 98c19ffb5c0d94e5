import { createHash } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A deterministic vendor-looking identifier: `prefix` then `length` base-62 characters of SHA-256 of `seed`
 * (`stableToken('00u', 'lena.varga@example.org', 17)` → `"00u7hq2mXr4Kp9Tz1d8"`-like). Same seed, same token, so
 * encoded logs are byte-identical run to run; `upper` restricts to 0-9A-Z for vendors that write upper case only.
 */
export function stableToken(prefix: string, seed: string, length: number, upper = false): string {
  const digest = createHash('sha256').update(seed).digest();
  const base = upper ? 36 : 62;
  let out = prefix;
  for (let i = 0; out.length < prefix.length + length; i++) out += alphabet[digest[i % digest.length] % base];
  return out;
}
