/**
 * One unified-log record as the text line `log show --style ndjson` writes: JSON with every `/` escaped as `\/`, as
 * Apple's serializer does (`"processImagePath":"\/System\/Library\/…"`). `JSON.stringify` never escapes `/`, so
 * writers of `.ndjson` files of the unified log use this instead; readers need nothing special (`\/` is plain JSON).
 *
 * @example
 * formatUnifiedLogLine({ processImagePath: '/usr/libexec/sshd-session' }) // '{"processImagePath":"\\/usr\\/libexec\\/sshd-session"}'
 */
export function formatUnifiedLogLine(record: unknown): string {
  // In JSON text a "/" can only occur inside a string, where "\/" means the same character.
  return (JSON.stringify(record) ?? 'null').replaceAll('/', '\\/');
}
