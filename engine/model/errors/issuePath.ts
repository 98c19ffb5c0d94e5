/**
 * Where an issue is, as a user reads it: the keys from the root joined by `/`, each key as written in the file, so
 * `issuePath('population', 'timeZones', 'Europe/Londn')` is `"/population/timeZones/Europe/Londn"`, not the
 * JSON-pointer escaping `Europe~1Londn`. The message beside it names the key when a `/` in it could mislead.
 */
export function issuePath(...segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => `/${segment}`).join('');
}

/**
 * A JSON pointer (RFC 6901, as ajv reports `instancePath`) as an {@link issuePath}: `~1` back to `/`, then `~0` back
 * to `~`, in that order, as the RFC decodes them.
 */
export function issuePathOfPointer(pointer: string): string {
  return pointer.replace(/~1/g, '/').replace(/~0/g, '~');
}
