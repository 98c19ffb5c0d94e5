/**
 * Whether the runtime's ICU knows `zone` as a time zone (`"Europe/Madrid"`, `"UTC"`), checked by constructing a
 * formatter: the same database every later local-time conversion uses, so what passes here also converts there.
 */
export function isIanaTimeZone(zone: string): boolean {
  if (zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
