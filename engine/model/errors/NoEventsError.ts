import { PushstormError } from './PushstormError.ts';

/**
 * An input gave no event to work on: it was empty, or every record was quarantined or skipped. The run's summary has
 * been printed and the quarantine file written; this makes the CLI exit 1, so a script does not take "no alerts" for
 * "nothing suspicious" when nothing was read at all.
 *
 * ```text
 * detect: no events accepted from stdin: all 3 records were quarantined (see /tmp/pushstorm-detect-x1/quarantine.ndjson)
 * detect: no events in stdin: it is empty
 * ```
 */
export class NoEventsError extends PushstormError {
  override name = 'NoEventsError';
  /** Not a bad option but an input with nothing in it: exit code 1. */
  override readonly exitCode = 1;

  constructor(
    /** The command that read it (`detect`). */
    readonly command: string,
    /** The input as the user named it (`stdin` for `-`). */
    readonly input: string,
    /** Records read, and how many of them were quarantined or skipped. */
    readonly records: number,
    readonly quarantined: number,
    readonly skipped: number,
    /** Where the quarantined records went, if any were. */
    readonly quarantineFile?: string,
  ) {
    super(noEventsMessage(command, input, records, quarantined, skipped, quarantineFile));
  }
}

function noEventsMessage(
  command: string,
  input: string,
  records: number,
  quarantined: number,
  skipped: number,
  quarantineFile?: string,
): string {
  if (records === 0) return `${command}: no events in ${input}: it is empty`;
  const count = (n: number) => n.toLocaleString('en-US');
  const see = quarantineFile ? ` (see ${quarantineFile})` : '';
  const which = (n: number) =>
    n === records
      ? records === 1
        ? 'the only record was'
        : `all ${count(records)} records were`
      : `${count(n)} ${n === 1 ? 'was' : 'were'}`;
  const parts = [
    ...(quarantined > 0 ? [`${which(quarantined)} quarantined${see}`] : []),
    ...(skipped > 0 ? [`${which(skipped)} skipped (of the format, but not part of a push flow)`] : []),
  ];
  const mixed = quarantined > 0 && skipped > 0 ? `of ${count(records)} records, ` : '';
  return `${command}: no events accepted from ${input}: ${mixed}${parts.join(' and ')}`;
}
