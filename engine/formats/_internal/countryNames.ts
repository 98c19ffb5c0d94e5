/**
 * ISO 3166-1 alpha-2 codes ↔ the English country names vendors write (`"United States"`, `"Portugal"`), from the
 * ICU data Node ships, so no table to keep. Names only vendors write differently get aliases.
 * @module
 */

/** Withdrawn codes ICU still names after their successors (VD → "Vietnam"): never chosen when reading a name. */
const withdrawn = new Set(['AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR']);

const displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

let byName: Map<string, string> | undefined;

/** The English name of an ISO code (`"PT"` → `"Portugal"`); the code itself when ICU has no name for it. */
export function countryName(code: string): string {
  try {
    return displayNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The ISO code of an English country name, case-insensitive; a two-letter input is taken as a code already. */
export function countryCode(name: string): string | undefined {
  if (/^[A-Za-z]{2}$/.test(name)) return name.toUpperCase();
  if (byName === undefined) {
    byName = new Map([
      ['usa', 'US'],
      ['united states of america', 'US'],
      ['uk', 'GB'],
      ['great britain', 'GB'],
      ['russian federation', 'RU'],
      ['korea, republic of', 'KR'],
    ]);
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of letters)
      for (const b of letters) {
        const code = a + b;
        let n: string | undefined;
        try {
          n = displayNames.of(code);
        } catch {
          n = undefined;
        }
        if (n !== undefined && n !== code && !withdrawn.has(code) && !byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), code);
      }
  }
  return byName.get(name.toLowerCase());
}
