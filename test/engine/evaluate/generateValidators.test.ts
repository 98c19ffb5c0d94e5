/**
 * The schema validators ajv generates ahead of time (engine/evaluate/generateValidators.ts, `npm run gen:validators`):
 * fresh, and each one judges as ajv compiling the same schema with the same options at run time would — the same
 * verdict, the same errors (the offending value, the schema and the parent schema included: the messages users see are
 * made from them), the same defaults filled into the data — over valid documents and mutations of them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectorRegistry } from '../../../detectors/index.ts';
import { evaluateScenario } from '../../../engine/evaluate/evaluateScenario.ts';
import { staleValidatorFiles, compileValidator, validatorSources } from '../../../engine/evaluate/generateValidators.ts';
import { validateGateFile } from '../../../engine/evaluate/generated/validateGateFile.ts';
import { validatePartitionManifest } from '../../../engine/evaluate/generated/validatePartitionManifest.ts';
import { validateAlert } from '../../../engine/model/generated/validateAlert.ts';
import { validateEvent } from '../../../engine/model/generated/validateEvent.ts';
import { validateScenario } from '../../../engine/model/generated/validateScenario.ts';
import { validateTruth } from '../../../engine/model/generated/validateTruth.ts';
import { resolveInstances } from '../../../engine/runtime/resolveInstances.ts';
import { loadScenarioFile } from '../../../generators/scenario/index.ts';
import { validEvent } from '../formats/reader/eventArbitraries.ts';

const repo = join(import.meta.dirname, '../../..');
const generated: Record<string, (data: unknown) => boolean> = {
  validateEvent,
  validateTruth,
  validateAlert,
  validateScenario,
  validateGateFile,
  validatePartitionManifest,
};

/** Valid documents of each schema, by export name: the mutations start from them. */
const seeds: Record<string, unknown[]> = {};

beforeAll(async () => {
  const world = evaluateScenario(
    await loadScenarioFile(join(repo, 'scenarios', 'tiny.yaml'), { seed: 1 }),
    resolveInstances(detectorRegistry, undefined, undefined),
  );
  expect(world.alerts.length).toBeGreaterThan(0);
  seeds.validateEvent = fc.sample(validEvent, { numRuns: 20, seed: 1 });
  seeds.validateTruth = [world.truth];
  seeds.validateAlert = world.alerts.slice(0, 10);
  seeds.validateScenario = readdirSync(join(repo, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parse(readFileSync(join(repo, 'scenarios', f), 'utf8')));
  seeds.validateGateFile = [parse(readFileSync(join(repo, 'gates', 'ci.yaml'), 'utf8'))];
  seeds.validatePartitionManifest = [
    {
      note: 'a partition',
      pushstormVersion: '0.1.0',
      scenario: { name: 'tiny', hash: 'abc123' },
      seed: 1,
      partition: { index: 1, count: 2 },
      events: 'events.ndjson',
      summary: {
        records: 10,
        byType: { 'auth.attempt': 4, 'mfa.push.sent': 6 },
        bySource: { idp: 10 },
        users: 5,
        macs: 5,
        phones: 5,
        incidents: 1,
        compromises: 0,
        simulatedDays: 1,
        transitions: 40,
      },
      incidentOrder: { 'tiny-burst-1': 0 },
    },
  ];
});

type Json = unknown;
type Path = Array<string | number>;

/** Every place in a document: the root, each property and each item, recursively. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return here;
}

type Mutation = { at: number; kind: 'delete' | 'replace' | 'add'; value: Json; key: string };

/** Applies a mutation at one of the document's places (its index modulo their count); returns the new document. */
function mutate(doc: Json, { at, kind, value, key }: Mutation): Json {
  const paths = pathsOf(doc);
  const path = paths[at % paths.length];
  if (path.length === 0) return kind === 'replace' ? value : doc;
  const parent = path.slice(0, -1).reduce((node: any, k) => node[k], doc) as any;
  const last = path[path.length - 1];
  if (kind === 'replace') parent[last] = value;
  else if (kind === 'delete') Array.isArray(parent) ? parent.splice(last as number, 1) : delete parent[last];
  else if (Array.isArray(parent)) parent.push(value);
  else parent[key] = value;
  return doc;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'add'),
  value: fc.jsonValue({ maxDepth: 2 }),
  // Not `__proto__`: assigning it would change the object's prototype, not add a property.
  key: fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__'),
});

describe('generated schema validators', () => {
  it('are fresh: the generated files are what the schemas generate now (run `npm run gen:validators`)', async () => {
    expect(await staleValidatorFiles()).toEqual([]);
  });

  it('cover the event, truth, alert, scenario, gate file and partition manifest schemas', () => {
    expect(validatorSources.map((s) => s.exportName)).toEqual(Object.keys(generated));
  });

  for (const source of validatorSources) {
    it(`${source.exportName} judges as ajv compiling ${source.schemaFile} at run time`, () => {
      const compiled = compileValidator(source).validate;
      const standalone = generated[source.exportName] as typeof compiled;
      const docs = fc
        .tuple(fc.constantFrom(...seeds[source.exportName]), fc.array(mutation, { maxLength: 3 }))
        .map(([seed, mutations]) => mutations.reduce(mutate, structuredClone(seed)));
      let invalid = 0;
      fc.assert(
        fc.property(docs, (doc) => {
          const [mine, theirs] = [structuredClone(doc), structuredClone(doc)];
          const valid = standalone(mine);
          expect(valid).toBe(compiled(theirs));
          expect(standalone.errors).toEqual(compiled.errors);
          // useDefaults (the scenario schema): the same defaults filled in.
          expect(mine).toEqual(theirs);
          if (!valid) invalid++;
        }),
        { numRuns: 150, seed: 16 },
      );
      // The mutations reach the errors, not only the valid documents.
      expect(invalid).toBeGreaterThan(30);
    });
  }
});
