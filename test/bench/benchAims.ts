/**
 * The performance aims of issue 16, each read from the benchmark result file that measures it, for the table that
 * closes `npm run bench` (`npm run bench:aims`). Pure: given the parsed `bench-results/*.json`, the rows.
 */

/** One aim: which figure, from which result file, against which bound. */
export interface BenchAim {
  /** What is aimed at, in words. */
  aim: string;
  /** The result file (`bench-results/<source>.json`) that holds the figure. */
  source: string;
  /** `atLeast`: the figure must reach the target; `atMost`: it must not exceed it. */
  direction: 'atLeast' | 'atMost';
  target: number;
  /** How the figure and target are printed. */
  unit: 'events/s' | '×' | 'B/user' | 'ratio' | '%';
  /** The figure from the parsed file, or undefined when the file does not hold it (an older benchmark). */
  read(results: Record<string, unknown>): number | undefined;
}

/** An aim with its measured figure. */
export interface AimRow {
  aim: string;
  source: string;
  target: string;
  measured: string;
  /** Measured over target (`atLeast`) or target over measured (`atMost`): 1 or more is met. Null when not measured. */
  score: number | null;
  met: boolean | null;
  /** When and how the source was measured (`2026-12-04, quick run`). */
  measuredOn: string;
}

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Json)[key as string] : undefined), value);
const numberAt = (value: unknown, ...path: Array<string | number>): number | undefined => {
  const n = at(value, ...path);
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const rowWhere = (rows: unknown, key: string, test: (name: string) => boolean): unknown =>
  Array.isArray(rows) ? rows.find((r) => typeof at(r, key) === 'string' && test(at(r, key) as string)) : undefined;

/** A sweep measure's 100-point / one-point ratio, the shared way (older files: the one way they measured). */
const sweepRatio = (r: Json, way: string): number | undefined => {
  const measure = rowWhere(r.measures, 'way', (w) => w.startsWith(way));
  return numberAt(measure, 'sharedRatio') ?? numberAt(measure, 'ratio');
};

/** The aims of issue 16, in the order the issue lists them. */
export const benchAims: readonly BenchAim[] = [
  {
    aim: 'detection, full default set, in memory (per core)',
    source: 'detect',
    direction: 'atLeast',
    target: 3_000_000,
    unit: 'events/s',
    read: (r) =>
      numberAt(
        rowWhere(r.inMemory, 'variant', (v) => v.startsWith('full default set')),
        'eventsPerSecond',
        'median',
      ),
  },
  {
    aim: 'read + detect from the columnar world cache',
    source: 'columnar',
    direction: 'atLeast',
    target: 2_000_000,
    unit: 'events/s',
    read: (r) => numberAt(r, 'columnarReadDetect', 'eventsPerSecond', 'median'),
  },
  {
    aim: 'NDJSON read + full set / bare read + split + JSON.parse',
    source: 'detect',
    direction: 'atLeast',
    target: 0.85,
    unit: 'ratio',
    read: (r) => numberAt(r, 'ratios', 'detectVsParse'),
  },
  {
    aim: 'sweep: 100 points of mfa-without-login / one point, in memory',
    source: 'sweep',
    direction: 'atMost',
    target: 3,
    unit: '×',
    read: (r) => sweepRatio(r, 'detection, events in memory'),
  },
  {
    aim: 'sweep: 100 points / one point, `tune` from the world cache',
    source: 'sweep',
    direction: 'atMost',
    target: 3,
    unit: '×',
    read: (r) => sweepRatio(r, 'tune, world cached'),
  },
  {
    aim: 'simulation: xstate world / hand-written loop (records/s)',
    source: 'simulate',
    direction: 'atLeast',
    target: 0.5,
    unit: 'ratio',
    read: (r) => numberAt(r, 'xstateToHand'),
  },
  {
    aim: 'simulation: hand-written loop / JSON.stringify alone (records/s)',
    source: 'simulate',
    direction: 'atLeast',
    target: 0.5,
    unit: 'ratio',
    read: (r) => numberAt(r, 'handToStringify'),
  },
  {
    aim: 'simulation: 2 workers / one thread',
    source: 'simulate',
    direction: 'atLeast',
    target: 1.7,
    unit: '×',
    read: (r) => numberAt(r, 'parallelRatio'),
  },
  {
    aim: 'second `gate gates/ci.yaml` (cache filled) / first',
    source: 'gate',
    direction: 'atMost',
    target: 25,
    unit: '%',
    read: (r) => numberAt(r, 'gate', 'filledPercentOfFirst'),
  },
  {
    aim: 'detector state per active user (many distinct users in a day)',
    source: 'detect',
    direction: 'atMost',
    target: 1024,
    unit: 'B/user',
    read: (r) => {
      const mib = numberAt(r, 'distinctUsers', 'peakLiveHeapMiB');
      const users = numberAt(r, 'distinctUsers', 'users');
      return mib === undefined || !users ? undefined : (mib * 2 ** 20) / users;
    },
  },
];

const format = (value: number, unit: BenchAim['unit']): string => {
  switch (unit) {
    case 'events/s':
      return `${(value / 1e6).toFixed(2)} M events/s`;
    case 'B/user':
      return `${Math.round(value).toLocaleString('en-US')} B/user`;
    case '%':
      return `${value.toFixed(0)}%`;
    case '×':
      return `${value.toFixed(2)}×`;
    default:
      return value.toFixed(2);
  }
};

/**
 * Each aim against its figure. `results` maps a source name to its parsed result file (absent when that benchmark has
 * not been run): such aims, and aims the file does not hold, come out as not measured.
 */
export function evaluateAims(results: Readonly<Record<string, Json | undefined>>, aims: readonly BenchAim[] = benchAims): AimRow[] {
  return aims.map((aim) => {
    const file = results[aim.source];
    const value = file === undefined ? undefined : aim.read(file);
    const target = `${aim.direction === 'atLeast' ? '≥' : '≤'} ${format(aim.target, aim.unit)}`;
    const date = typeof file?.date === 'string' ? file.date.slice(0, 10) : undefined;
    const measuredOn = file === undefined ? 'not run' : `${date ?? 'undated'}${file.quick === true ? ', quick run' : ''}`;
    if (value === undefined)
      return { aim: aim.aim, source: aim.source, target, measured: 'not measured', score: null, met: null, measuredOn };
    const score = aim.direction === 'atLeast' ? value / aim.target : value === 0 ? Infinity : aim.target / value;
    return { aim: aim.aim, source: aim.source, target, measured: format(value, aim.unit), score, met: score >= 1, measuredOn };
  });
}
