import { formatDuration, parseDuration } from '../../model/duration/parseDuration.ts';
import { ParamsError, type ParamsIssue } from '../../model/errors/ParamsError.ts';
import type { DetectorDefinition, ParamSpec } from '../../runtime/DetectorDefinition.ts';

/** One point of a parameter grid: every parameter of the detector, the swept ones set, the others at their defaults. */
export interface GridPoint {
  /** Names the point in alerts and tables: the swept values, e.g. `threshold=5,windowMs=10m`. */
  name: string;
  params: Record<string, number>;
}

/** The swept parameters and their values, in the order written. */
export interface Grid {
  axes: Array<{ param: string; values: number[] }>;
  points: GridPoint[];
}

const MAX_POINTS = 10_000;

/**
 * Parses a grid such as `threshold=3..12,window=5m|10m|30m` for one detector: comma-separated `param=values`, where
 * values are a range `a..b` (every `step` of the parameter's spec, or `a..b:step`), a list `x|y|z`, or one value.
 * Durations (`10m`) are allowed for millisecond parameters, and a parameter may be named without its `Ms` suffix
 * (`window` for `windowMs`). The points are the cartesian product, the first axis varying slowest. Every problem —
 * unknown parameter, value off the spec's range, malformed range — is reported at once.
 *
 * @throws ParamsError naming `--grid`.
 * @example parseGrid(mfaWithoutLogin, 'threshold=3..5,window=10m|30m').points.length // 6
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseGrid(definition: DetectorDefinition<any, any>, text: string): Grid {
  const specs = definition.params as Record<string, ParamSpec>;
  const issues: ParamsIssue[] = [];
  const axes: Grid['axes'] = [];
  const seen = new Set<string>();
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) issues.push({ path: '--grid', message: 'empty: give param=values, e.g. "threshold=3..12,window=5m|10m"' });
  for (const part of parts) {
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq).trim();
    const name = specs[rawName] ? rawName : specs[`${rawName}Ms`] ? `${rawName}Ms` : undefined;
    if (eq < 0 || name === undefined) {
      issues.push({
        path: `--grid ${rawName}`,
        message: eq < 0 ? 'expected param=values' : `unknown parameter of ${definition.id} (allowed: ${Object.keys(specs).join(', ')})`,
      });
      continue;
    }
    if (seen.has(name)) {
      issues.push({ path: `--grid ${rawName}`, message: 'given twice' });
      continue;
    }
    seen.add(name);
    const spec = specs[name];
    const values = parseValues(part.slice(eq + 1).trim(), spec, `--grid ${rawName}`, issues);
    if (values) axes.push({ param: name, values });
  }
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_POINTS) issues.push({ path: '--grid', message: `${count} points; at most ${MAX_POINTS}` });
  if (issues.length > 0) throw new ParamsError(undefined, issues);

  const defaults: Record<string, number> = {};
  for (const [param, spec] of Object.entries(specs)) defaults[param] = spec.default;
  let points: GridPoint[] = [{ name: '', params: defaults }];
  for (const axis of axes) {
    const spec = specs[axis.param];
    points = points.flatMap((p) =>
      axis.values.map((v) => ({
        name: `${p.name}${p.name ? ',' : ''}${axis.param}=${spec.unit === 'ms' ? formatDuration(v) : v}`,
        params: { ...p.params, [axis.param]: v },
      })),
    );
  }
  return { axes, points };
}

function parseValues(text: string, spec: ParamSpec, path: string, issues: ParamsIssue[]): number[] | undefined {
  const value = (raw: string): number | undefined => {
    const t = raw.trim();
    if (spec.unit === 'ms' && /[a-z]$/.test(t)) {
      try {
        return parseDuration(t);
      } catch {
        issues.push({ path, message: `not a duration: "${t}" (e.g. 10m)` });
        return undefined;
      }
    }
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) {
      issues.push({ path, message: `not a number: "${t}"` });
      return undefined;
    }
    return n;
  };
  let values: number[] = [];
  const range = /^(.+?)\.\.(.+?)(?::(.+))?$/.exec(text);
  if (range) {
    const [from, to, step] = [value(range[1]), value(range[2]), range[3] !== undefined ? value(range[3]) : spec.step];
    if (from === undefined || to === undefined || step === undefined) return undefined;
    if (!(step > 0) || to < from) {
      issues.push({ path, message: `range must go up by a positive step (got ${text})` });
      return undefined;
    }
    for (let k = 0; from + k * step <= to + 1e-9 && values.length <= MAX_POINTS; k++) values.push(from + k * step);
  } else {
    for (const raw of text.split('|')) {
      const v = value(raw);
      if (v === undefined) return undefined;
      values.push(v);
    }
  }
  values = [...new Set(values)];
  const outside = values.filter((v) => v < spec.min || v > spec.max);
  if (outside.length > 0) {
    issues.push({ path, message: `outside [${spec.min}, ${spec.max}]: ${outside.join(', ')}` });
    return undefined;
  }
  return values;
}
