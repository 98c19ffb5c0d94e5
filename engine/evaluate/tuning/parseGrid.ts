import { didYouMean } from '../../model/didYouMean.ts';
import { OptionError, type OptionIssue } from '../../model/errors/OptionError.ts';
import { paramNames, type ParamSpec, type AnyDetectorDefinition } from '../../runtime/DetectorDefinition.ts';
import { checkParamValue, formatParamValue, readParamValue, resolveParamName } from '../../runtime/paramValues.ts';

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
 * Durations (`10m`) are allowed for millisecond parameters, and a parameter may be named with or without its `Ms`
 * suffix (`window` for `windowMs`), as in a parameter file. The points are the cartesian product, the first axis
 * varying slowest. Every problem — unknown parameter, a value off the spec's range or not a multiple of its step
 * (`--grid window=7m30s: must be a multiple of 1m (the parameter's step)`), a malformed range — is reported at once.
 *
 * @throws OptionError headed `tune options`, each problem under `--grid` and the part of the grid it concerns.
 * @example parseGrid(mfaWithoutLogin, 'threshold=3..5,window=10m|30m').points.length // 6
 */
export function parseGrid(definition: AnyDetectorDefinition, text: string): Grid {
  const specs = definition.params as Record<string, ParamSpec>;
  const issues: OptionIssue[] = [];
  const axes: Grid['axes'] = [];
  const seen = new Set<string>();
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    issues.push({ option: '--grid', value: text, message: 'empty: give param=values, e.g. "threshold=3..12,window=5m|10m"' });
  for (const part of parts) {
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq).trim();
    const name = resolveParamName(specs, rawName);
    if (eq < 0 || name === undefined) {
      issues.push({
        option: '--grid',
        value: rawName,
        message:
          eq < 0
            ? 'expected param=values'
            : `unknown parameter of ${definition.id}${didYouMean(rawName, paramNames(specs), ` (allowed: ${Object.keys(specs).join(', ')})`)}`,
      });
      continue;
    }
    if (seen.has(name)) {
      issues.push({ option: '--grid', value: rawName, message: `given twice (as ${name})` });
      continue;
    }
    seen.add(name);
    const spec = specs[name];
    const values = parseValues(part.slice(eq + 1).trim(), spec, rawName, issues);
    if (values) axes.push({ param: name, values });
  }
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_POINTS) issues.push({ option: '--grid', value: text, message: `${count} points; at most ${MAX_POINTS}` });
  if (issues.length > 0) throw new OptionError('tune', issues);

  const defaults: Record<string, number> = {};
  for (const [param, spec] of Object.entries(specs)) defaults[param] = spec.default;
  let points: GridPoint[] = [{ name: '', params: defaults }];
  for (const axis of axes) {
    const spec = specs[axis.param];
    points = points.flatMap((p) =>
      axis.values.map((v) => ({
        name: `${p.name}${p.name ? ',' : ''}${axis.param}=${formatParamValue(spec, v)}`,
        params: { ...p.params, [axis.param]: v },
      })),
    );
  }
  return { axes, points };
}

function parseValues(text: string, spec: ParamSpec, rawName: string, issues: OptionIssue[]): number[] | undefined {
  // A range's ends and step are read like any value but checked against the spec only through the values they give.
  const read = (raw: string): number | undefined => {
    const t = raw.trim();
    const parsed = readParamValue(spec, t);
    if ('message' in parsed) {
      issues.push({ option: '--grid', value: rawName, message: t === '' ? `empty value in "${text}"` : parsed.message });
      return undefined;
    }
    return parsed.value;
  };
  let values: number[] = [];
  const range = /^(.+?)\.\.(.+?)(?::(.+))?$/.exec(text);
  if (range) {
    const [from, to, step] = [read(range[1]), read(range[2]), range[3] !== undefined ? read(range[3]) : spec.step];
    if (from === undefined || to === undefined || step === undefined) return undefined;
    if (!(step > 0) || to < from) {
      issues.push({ option: '--grid', value: rawName, message: `range must go up by a positive step (got ${text})` });
      return undefined;
    }
    for (let k = 0; from + k * step <= to + 1e-9 && values.length <= MAX_POINTS; k++) values.push(from + k * step);
  } else {
    for (const raw of text.split('|')) {
      const v = read(raw);
      if (v === undefined) return undefined;
      values.push(v);
    }
  }
  values = [...new Set(values)];
  const problems = new Map<string, string[]>();
  for (const v of values) {
    const message = checkParamValue(spec, v);
    if (message !== undefined) {
      const kind = message.replace(/ \(got [^)]*\)$/, '').replace(/; got [^)]*\)$/, ')');
      problems.set(kind, [...(problems.get(kind) ?? []), formatParamValue(spec, v)]);
    }
  }
  for (const [message, bad] of problems) issues.push({ option: '--grid', value: `${rawName}=${bad.join('|')}`, message });
  return problems.size > 0 ? undefined : values;
}
