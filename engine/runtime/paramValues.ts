import { formatDuration, parseDuration } from '../model/duration/parseDuration.ts';
import type { ParamSpec } from './DetectorDefinition.ts';

/**
 * The parameter of `specs` a user's name means: the name itself, or the same name with or without its `Ms` suffix
 * (`window` for `windowMs`, and `windowMs` for a parameter named `window`), so `--grid`, `--params`, a gate file and
 * `tune --write-params` all accept both spellings. Undefined when it names none.
 *
 * @example resolveParamName({ windowMs: spec }, 'window') // 'windowMs'
 */
export function resolveParamName(specs: Readonly<Record<string, ParamSpec>>, name: string): string | undefined {
  if (Object.hasOwn(specs, name)) return name;
  if (Object.hasOwn(specs, `${name}Ms`)) return `${name}Ms`;
  if (name.endsWith('Ms') && Object.hasOwn(specs, name.slice(0, -2))) return name.slice(0, -2);
  return undefined;
}

/** A value of `spec` as a user writes it: a duration (`10m`) for millisecond parameters, the number otherwise. */
export function formatParamValue(spec: Pick<ParamSpec, 'unit'>, value: number): string {
  return spec.unit === 'ms' && Number.isSafeInteger(value) && value >= 0 ? formatDuration(value) : String(value);
}

/** What a millisecond parameter accepts, for messages. */
const durationHint = 'a duration such as "10m" or "1h30m", or a whole number of milliseconds';

/**
 * Reads one parameter value as a file or an option writes it — a number, or for a millisecond parameter also a
 * duration (`"10m"`) — without checking it against the spec's range or step ({@link parseParamValue} does both).
 */
export function readParamValue(spec: Pick<ParamSpec, 'unit'>, raw: unknown): { value: number } | { message: string } {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { value: raw } : { message: `must be ${spec.unit === 'ms' ? durationHint : 'a number'} (got ${raw})` };
  }
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw.trim()))) return { value: Number(raw.trim()) };
  if (typeof raw === 'string' && spec.unit === 'ms') {
    try {
      return { value: parseDuration(raw.trim()) };
    } catch {
      return { message: `not a duration (got ${JSON.stringify(raw)}; ${durationHint})` };
    }
  }
  return { message: `must be ${spec.unit === 'ms' ? durationHint : 'a number'} (got ${JSON.stringify(raw)})` };
}

/**
 * Checks a value against its spec: within `[min, max]` and a multiple of `step`, the grid a sweep explores. Returns
 * the message saying what is wrong, in the parameter's own units, or undefined when it is fine.
 *
 * @example checkParamValue(windowSpec, 450_000) // "must be a multiple of 1m (the parameter's step; got 7m30s)"
 */
export function checkParamValue(spec: ParamSpec, value: number): string | undefined {
  const shown = formatParamValue(spec, value);
  if (value < spec.min || value > spec.max) {
    return `must be within [${formatParamValue(spec, spec.min)}, ${formatParamValue(spec, spec.max)}] (got ${shown})`;
  }
  const steps = value / spec.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9)
    return `must be a multiple of ${formatParamValue(spec, spec.step)} (the parameter's step; got ${shown})`;
  return undefined;
}

/**
 * {@link readParamValue} then {@link checkParamValue}: the value, or the message saying what is wrong with it.
 *
 * @example parseParamValue(windowSpec, '7m30s') // { message: "must be a multiple of 1m (the parameter's step; got 7m30s)" }
 */
export function parseParamValue(spec: ParamSpec, raw: unknown): { value: number } | { message: string } {
  const read = readParamValue(spec, raw);
  if ('message' in read) return read;
  const message = checkParamValue(spec, read.value);
  return message === undefined ? read : { message };
}
