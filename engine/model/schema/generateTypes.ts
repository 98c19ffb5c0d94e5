/**
 * Generates TypeScript types from the project's JSON Schemas into `engine/model/generated/`.
 *
 * `tsx engine/model/schema/generateTypes.ts` rewrites the files; `--check` only compares and exits 1 when a generated
 * file is stale, naming it. The test suite calls {@link generatedTypeFiles} for the same check.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { compile } from 'json-schema-to-typescript';
import { staleFiles, writeOrCheckGenerated } from './generatedFiles.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The root schemas and the generated file each one produces. */
export const schemaSources: ReadonlyArray<{ schema: string; output: string }> = [
  { schema: 'engine/model/schema/event.schema.json', output: 'engine/model/generated/event.ts' },
  { schema: 'engine/model/schema/truth.schema.json', output: 'engine/model/generated/truth.ts' },
  { schema: 'engine/model/schema/alert.schema.json', output: 'engine/model/generated/alert.ts' },
  { schema: 'scenarios/scenario.schema.json', output: 'engine/model/generated/scenario.ts' },
];

const banner = (schema: string) =>
  `/**\n * GENERATED from ${schema} by engine/model/schema/generateTypes.ts — do not edit.\n * Run \`npm run gen:types\` after changing the schema; a test fails while this file is stale.\n */`;

/** Renders every generated file in memory: `{ output path → expected text }`. */
export async function generatedTypeFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const { schema, output } of schemaSources) {
    const json = JSON.parse(await readFile(path.join(root, schema), 'utf8'));
    const text = await compile(json, json.title, {
      bannerComment: banner(schema),
      additionalProperties: false,
      cwd: path.join(root, path.dirname(schema)),
      style: { singleQuote: true, printWidth: 120 },
      unreachableDefinitions: true,
    });
    files.set(output, text);
  }
  return files;
}

/** Paths (relative to the repository) of generated files whose content differs from the schemas. */
export async function staleTypeFiles(): Promise<string[]> {
  return staleFiles(root, await generatedTypeFiles());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await writeOrCheckGenerated(root, await generatedTypeFiles(), 'generated types', 'npm run gen:types');
}
