/**
 * A cheap deterministic 32-bit hash for the stand-in values encoders derive from canonical fields (GUIDs, thread ids,
 * ports, jitter): FNV-1a over `text` with `seed` folded into the basis, finished with murmur3's fmix32 so inputs that
 * differ in one character land far apart. Not for anything secret (see `stableToken` and the redactor for that).
 */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
