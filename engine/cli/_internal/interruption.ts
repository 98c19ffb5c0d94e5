import { removeTemporaryFiles } from '../../formats/files/temporaryFiles.ts';

/** The signals a user or a supervisor stops a command with, and the exit code each gives (128 + its number). */
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

/** A signal {@link onInterrupt} handlers receive. */
export type InterruptSignal = keyof typeof SIGNALS;

const handlers = new Set<(signal: InterruptSignal) => void>();
let installed = false;
let lastSignal: InterruptSignal | undefined;

/**
 * Installs the process's SIGINT and SIGTERM handling, once. On a signal:
 * - when a command has registered a handler with {@link onInterrupt} (replay: stop sending, write what failed, print
 *   the summary), every handler is called and the command finishes on its own, exiting with
 *   {@link interruptExitCode};
 * - otherwise, or on a second signal, the temporary files being written are removed and the process exits at once
 *   with 128 + the signal's number (130 for Ctrl-C, 143 for `kill`), leaving no `*.tmp` behind.
 */
export function installInterruptHandling(): void {
  if (installed) return;
  installed = true;
  let received: InterruptSignal | undefined;
  for (const signal of Object.keys(SIGNALS) as InterruptSignal[]) {
    process.on(signal, () => {
      if (received === undefined && handlers.size > 0) {
        received = signal;
        lastSignal = signal;
        for (const handler of handlers) handler(signal);
        return;
      }
      removeTemporaryFiles();
      process.exit(SIGNALS[signal]);
    });
  }
}

/**
 * Lets a command handle the first SIGINT/SIGTERM itself (finish what it can, report, exit 130/143) instead of being
 * stopped at once. Returns a function that removes the handler; a second signal always stops the process.
 */
export function onInterrupt(handler: (signal: InterruptSignal) => void): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** The exit code for the signal a command was interrupted by (130 for SIGINT, 143 for SIGTERM), or undefined if none came. */
export function interruptExitCode(): number | undefined {
  return lastSignal === undefined ? undefined : SIGNALS[lastSignal];
}
