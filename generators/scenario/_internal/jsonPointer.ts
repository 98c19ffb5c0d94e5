/**
 * A JSON pointer (RFC 6901) from path segments, escaping `~` and `/` inside keys: `jsonPointer('population',
 * 'timeZones', 'Europe/Madrid')` is `"/population/timeZones/Europe~1Madrid"`, the form ajv reports paths in.
 */
export function jsonPointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
