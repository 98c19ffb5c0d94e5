/**
 * Generates the schema validators: ajv compiles each JSON Schema pushstorm checks input against ahead of time, into
 * standalone code (https://ajv.js.org/standalone.html) under `engine/model/generated/` (the event, truth, alert and
 * scenario schemas) and `engine/evaluate/generated/` (the gate file and the partition manifest), so that no command
 * loads ajv's compiler or compiles a schema when it runs. The code is ajv's own, with the options the readers always
 * used, so the errors — and the messages made from them — are the same as compiling at run time.
 *
 * `tsx engine/evaluate/generateValidators.ts` rewrites the files; `--check` only compares and exits 1 when a generated
 * file is stale, naming it. The test suite calls {@link staleValidatorFiles} for the same check. It lives in the
 * evaluate layer because that is the lowest layer that sees every schema (the gate file's is built from its figures).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { type Options } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import alertSchema from '../model/schema/alert.schema.json' with { type: 'json' };
import eventSchema from '../model/schema/event.schema.json' with { type: 'json' };
import truthSchema from '../model/schema/truth.schema.json' with { type: 'json' };
import scenarioSchema from '../../scenarios/scenario.schema.json' with { type: 'json' };
import { staleFiles, writeOrCheckGenerated } from '../model/schema/generatedFiles.ts';
import { gateFileSchema } from './gate/GateFile.ts';
import { partitionManifestSchema } from './partitionManifestSchema.ts';

// All three packages are CommonJS with `exports.default`: under `module: nodenext` the default import is the module.
const Ajv = AjvModule.default;
const standaloneCode = standaloneModule.default;
const addFormats = addFormatsModule.default;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One validator to generate: which schema, compiled with which options, into which file, guarding which type. */
export interface ValidatorSource {
  /** The schema's file (repository-relative), named in the generated file's banner. */
  schemaFile: string;
  schema: object;
  /** ajv's options, as the reader of that input always compiled it with (`allErrors`, `verbose`, `useDefaults`…). */
  options: Options;
  /** ajv-formats formats the schema uses. */
  formats?: Array<'date-time'>;
  /** The generated file, repository-relative. */
  output: string;
  /** The name it exports the validator under. */
  exportName: string;
  /** The type the validator guards (`ValidateFunction<T>`) and the module exporting it, relative to `output`. */
  guards?: { type: string; from: string };
}

/** Every generated validator. */
export const validatorSources: readonly ValidatorSource[] = [
  {
    schemaFile: 'engine/model/schema/event.schema.json',
    schema: eventSchema,
    options: { allErrors: true, verbose: true, strict: true },
    output: 'engine/model/generated/validateEvent.ts',
    exportName: 'validateEvent',
    guards: { type: 'CanonicalEvent', from: './event.ts' },
  },
  {
    schemaFile: 'engine/model/schema/truth.schema.json',
    schema: truthSchema,
    options: { allErrors: true, verbose: true, strict: true },
    output: 'engine/model/generated/validateTruth.ts',
    exportName: 'validateTruth',
    guards: { type: 'Truth', from: './truth.ts' },
  },
  {
    schemaFile: 'engine/model/schema/alert.schema.json',
    schema: alertSchema,
    options: { allErrors: true, verbose: true, strict: true },
    output: 'engine/model/generated/validateAlert.ts',
    exportName: 'validateAlert',
    guards: { type: 'Alert', from: './alert.ts' },
  },
  {
    schemaFile: 'scenarios/scenario.schema.json',
    schema: scenarioSchema,
    // useDefaults: validating fills every default into the data.
    options: { allErrors: true, useDefaults: true, verbose: true, strict: true },
    formats: ['date-time'],
    output: 'engine/model/generated/validateScenario.ts',
    exportName: 'validateScenario',
  },
  {
    schemaFile: 'engine/evaluate/gate/GateFile.ts (gateFileSchema)',
    schema: gateFileSchema,
    options: { allErrors: true, verbose: true, strict: false },
    output: 'engine/evaluate/generated/validateGateFile.ts',
    exportName: 'validateGateFile',
    guards: { type: 'GateFile', from: '../gate/GateFile.ts' },
  },
  {
    schemaFile: 'engine/evaluate/partitionManifestSchema.ts',
    schema: partitionManifestSchema,
    options: { allErrors: true, strict: true },
    output: 'engine/evaluate/generated/validatePartitionManifest.ts',
    exportName: 'validatePartitionManifest',
    guards: { type: 'PartitionManifest', from: '../PartitionManifest.ts' },
  },
];

const ajvVersion = (createRequire(import.meta.url)('ajv/package.json') as { version: string }).version;

/** ajv's validator for `source`, compiled now (the tests hold the generated code to it). */
export function compileValidator(source: ValidatorSource, code?: Options['code']) {
  const ajv = new Ajv({ ...source.options, ...(code ? { code } : {}) });
  if (source.formats) addFormats(ajv, source.formats);
  return { ajv, validate: ajv.compile(source.schema) };
}

/** The text of one generated validator file. */
export function validatorFileText(source: ValidatorSource): string {
  const { ajv, validate } = compileValidator(source, { source: true, esm: true, lines: true });
  const code = standaloneCode(ajv, validate);
  // ajv's ES module: `"use strict";`, two exports of the validator, then the validator. The exports are replaced by
  // one typed, named export.
  const head = /^"use strict";\nexport const validate = (\w+);\nexport default \1;\n/.exec(code);
  if (!head) throw new Error(`${source.output}: ajv ${ajvVersion}'s standalone code does not start as expected`);
  const body = code.slice(head[0].length).trimEnd();
  const requires = /\brequire\(/.test(body);
  const type = source.guards ? `ValidateFunction<${source.guards.type}>` : 'ValidateFunction';
  return [
    '// @ts-nocheck: ajv generated the code below; the export is typed.',
    '/**',
    ' * GENERATED by engine/evaluate/generateValidators.ts — do not edit.',
    ` * ajv ${ajvVersion}'s standalone code for ${source.schemaFile},`,
    ` * options ${JSON.stringify(source.options)}${source.formats ? `, ajv-formats: ${source.formats.join(', ')}` : ''}.`,
    ' * Run `npm run gen:validators` after changing the schema; `npm run check:validators` and a test fail while it is stale.',
    ' */',
    ...(requires ? ["import { createRequire } from 'node:module';"] : []),
    "import type { ValidateFunction } from 'ajv';",
    ...(source.guards ? [`import type { ${source.guards.type} } from '${source.guards.from}';`] : []),
    '',
    // The code requires ajv's small runtime helpers (ucs2length) and ajv-formats' format functions, as CommonJS.
    ...(requires ? ['const require = createRequire(import.meta.url);', ''] : []),
    body,
    '',
    `/** Validates a value against ${source.schemaFile}: true or false, and the errors of the last call in \`.errors\`. */`,
    `export const ${source.exportName} = ${head[1]} as ${type};`,
    '',
  ].join('\n');
}

/** Every generated validator file: path (repository-relative) → its text. */
const validatorFiles = (): Map<string, string> => new Map(validatorSources.map((source) => [source.output, validatorFileText(source)]));

/** Paths (repository-relative) of generated validator files whose content differs from what the schemas generate. */
export async function staleValidatorFiles(): Promise<string[]> {
  return staleFiles(root, validatorFiles());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await writeOrCheckGenerated(root, validatorFiles(), 'generated validators', 'npm run gen:validators');
}
