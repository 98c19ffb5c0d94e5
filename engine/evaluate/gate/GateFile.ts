import { gateFigures, type GateFigure } from './figures.ts';

/** One scenario of a gate's suite, with the seeds to run it under and optional size overrides. */
interface GateSuiteEntry {
  /** Scenario file, relative to the gate file. */
  scenario: string;
  seeds: number[];
  users?: number;
  days?: number;
}

/** A minimum or maximum figure. */
interface GateRequirement {
  /** A detector id (`id@set` for a named parameter set) or `overall`. */
  detector: string;
  figure: GateFigure;
  min?: number;
  max?: number;
  /** Scenario names it applies to; default: every scenario of the suite. */
  scenarios?: string[];
}

/** A gate file (`pushstorm gate <gate.yaml>`), as validated. */
export interface GateFile {
  name: string;
  suite: GateSuiteEntry[];
  /** `all` (default) or detector ids. */
  detectors?: 'all' | string[];
  /** Parameter sets as `pushstorm detect --params` takes them (a map or a list), inline. */
  params?: unknown;
  require?: GateRequirement[];
  /** Baseline JSON, relative to the gate file: figures may not get worse than it by more than `tolerance`. */
  baseline?: string;
  /** Allowed worsening per figure, absolute (default 0). */
  tolerance?: Partial<Record<GateFigure, number>>;
}

const figureNames = Object.keys(gateFigures);

/** JSON Schema of {@link GateFile}, for ajv. */
export const gateFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'suite'],
  properties: {
    name: { type: 'string', minLength: 1 },
    suite: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['scenario', 'seeds'],
        properties: {
          scenario: { type: 'string', minLength: 1 },
          seeds: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 0, maximum: 4294967295 } },
          users: { type: 'integer', minimum: 1 },
          days: { type: 'integer', minimum: 1 },
        },
      },
    },
    detectors: { anyOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
    params: {},
    require: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['detector', 'figure'],
        anyOf: [{ required: ['min'] }, { required: ['max'] }],
        properties: {
          detector: { type: 'string', minLength: 1 },
          figure: { enum: figureNames },
          min: { type: 'number' },
          max: { type: 'number' },
          scenarios: { type: 'array', items: { type: 'string' }, minItems: 1 },
        },
      },
    },
    baseline: { type: 'string', minLength: 1 },
    tolerance: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(figureNames.map((f) => [f, { type: 'number', minimum: 0 }])),
    },
  },
} as const;
