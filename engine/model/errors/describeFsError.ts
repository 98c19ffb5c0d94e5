/** `no such file or directory (ENOENT)` from Node's `ENOENT: no such file or directory, open 'x'`. */
export function describeFsError(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (typeof code === 'string' && typeof message === 'string') {
    const text = message.startsWith(`${code}: `) ? message.slice(code.length + 2).replace(/, \w+ '.*'$/, '') : message;
    return `${text} (${code})`;
  }
  return String(error);
}
