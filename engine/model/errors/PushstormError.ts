/**
 * Base of every error pushstorm raises on purpose. Subclasses carry structured fields (file, JSON path, line,
 * virtual time) and name them in the message, so a CLI can print the message and a program can read the fields.
 */
export class PushstormError extends Error {
  override name = 'PushstormError';
  /** Process exit code a CLI should use for this error: 2 for bad input, 1 otherwise. */
  readonly exitCode: number = 1;
}

/** Whether `value` is a {@link PushstormError} (works across module copies). */
export function isPushstormError(value: unknown): value is PushstormError {
  return value instanceof Error && typeof (value as PushstormError).exitCode === 'number';
}
