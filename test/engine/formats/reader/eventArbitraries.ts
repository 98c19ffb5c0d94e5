import fc from 'fast-check';
import schema from '../../../../engine/model/schema/event.schema.json' with { type: 'json' };

/**
 * fast-check arbitraries for canonical events, derived from `engine/model/schema/event.schema.json` itself: a field added
 * to the schema is generated here too, so a fast path that does not know it fails its comparison with ajv.
 * @module
 */

type JsonSchema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

const root = schema as unknown as JsonSchema & { definitions: Record<string, JsonSchema> };
const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? root.definitions[s.$ref.replace('#/definitions/', '')] : s);

export const MIN_TIME = Date.UTC(2000, 0, 1);
export const END_TIME = Date.UTC(2101, 0, 1);

/** Values the schema accepts for `s` (times mostly inside the decoder's range, sometimes just outside). */
function valid(s: JsonSchema, key = ''): fc.Arbitrary<unknown> {
  const r = resolve(s);
  if (r.enum) return fc.constantFrom(...r.enum);
  switch (r.type) {
    case 'object': {
      const props = Object.fromEntries(Object.entries(r.properties ?? {}).map(([k, v]) => [k, valid(v, k)]));
      return fc.record(props, { requiredKeys: r.required ?? [] });
    }
    case 'string':
      return fc.string({ minLength: r.minLength ?? 0, maxLength: 12 });
    case 'integer':
      return key === 'time'
        ? fc.oneof(
            { weight: 8, arbitrary: fc.integer({ min: MIN_TIME, max: END_TIME - 1 }) },
            { weight: 1, arbitrary: fc.constantFrom(0, MIN_TIME - 1, END_TIME, END_TIME - 1, 2 ** 53 + 2, 1e300) },
          )
        : fc.integer();
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      throw new Error(`no arbitrary for schema type ${String(r.type)}`);
  }
}

/** Every property name the schema knows, anywhere: moved to the wrong object they make good near misses. */
const knownKeys = [...new Set([root, ...Object.values(root.definitions)].flatMap((s) => Object.keys(s.properties ?? {})))];

/** Values that break a field: wrong types, edge numbers, near-miss strings, non-JSON values. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    '',
    'mfa.chalenge',
    'IDP',
    -0,
    -1,
    0.5,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    1e300,
    2 ** 53 + 2,
    MIN_TIME - 1,
    END_TIME,
    true,
    [],
    {},
    '2026-03-02T10:00:00Z',
  ),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ minLength: 1000, maxLength: 3000 }),
);

interface Mutation {
  target: number;
  op: 'delete' | 'set' | 'add';
  pick: number;
  key: string;
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  target: fc.nat(),
  op: fc.constantFrom('delete', 'set', 'add'),
  pick: fc.nat(),
  key: fc.oneof(fc.constantFrom(...knownKeys, 'extra', 'constructor', 'toString', '__proto__'), fc.string({ maxLength: 6 })),
  value: weird,
});

/** Applies mutations to a copy: to the event or one of its objects, delete a key, break a value, or add a key. */
function mutate(event: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const copy = structuredClone(event);
  for (const m of mutations) {
    // A fresh copy of the value: the constants ({}, []) are shared, and one set inside itself would make a cycle.
    const value = structuredClone(m.value);
    const objects = [
      copy,
      ...Object.values(copy).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)),
    ];
    const target = objects[m.target % objects.length];
    const keys = Object.keys(target);
    if (m.op === 'add' || keys.length === 0) {
      // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
      Object.defineProperty(target, m.key, { value, enumerable: true, writable: true, configurable: true });
    } else if (m.op === 'delete') {
      delete target[keys[m.pick % keys.length]];
    } else {
      target[keys[m.pick % keys.length]] = value;
    }
  }
  return copy;
}

/** Events the schema accepts. */
export const validEvent = valid(root) as fc.Arbitrary<Record<string, unknown>>;
/** Events with up to three fields deleted, broken (wrong type, edge or huge value) or added. */
export const nearValidEvent = fc.tuple(validEvent, fc.array(mutation, { minLength: 0, maxLength: 3 })).map(([e, ms]) => mutate(e, ms));
