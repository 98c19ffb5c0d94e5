import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectorRegistry } from '../../detectors/index.ts';
import { DetectorModuleError, type DetectorModuleIssue } from '../model/errors/DetectorModuleError.ts';
import type { DetectorDefinition, AnyDetectorDefinition } from '../runtime/DetectorDefinition.ts';
import { checkDetectorDefinition } from './checkDetectorDefinition.ts';

/** Where the detectors of a run come from. */
export interface LoadDetectorModulesOptions {
  /** Resolves relative module paths; default the working directory. */
  cwd?: string;
  /** The detectors the modules add to; default the built-in ones. */
  builtIn?: ReadonlyMap<string, AnyDetectorDefinition>;
}

/** The built-in detectors and the modules' own, by id: what `--detectors`, `--params`, tune and gate choose from. */
export interface LoadedDetectors {
  registry: ReadonlyMap<string, AnyDetectorDefinition>;
  /** The modules' detectors, in the order the modules and their exports list them. */
  added: AnyDetectorDefinition[];
}

const typeScript = new Set(['.ts', '.mts', '.cts']);

/**
 * Loads detector modules — plug-ins written against the {@link DetectorDefinition} contract — and adds their
 * detectors to the built-in ones. A module (`.js`, `.mjs`, or `.ts`/`.mts` through tsx's loader) exports either a
 * default that is a definition or an array of them, or named exports that are definitions; named exports that are
 * not objects (helpers, constants) are ignored. A `.sql` file is a SQL detector (`parseSqlDetector`). Its
 * detectors then run, score and tune like the built-in ones.
 *
 * Each module is checked before anything runs: it must exist and import without throwing, export at least one
 * definition, and every definition must pass {@link checkDetectorDefinition}; an id may not be a built-in one or
 * another module's.
 *
 * @throws DetectorModuleError (exit 2) naming the module and every problem found in it.
 * @example
 * const { registry } = await loadDetectorModules(['examples/detectors/pushesFromNewCountry.ts']);
 * const instances = loadDetectorInstances({ registry });
 */
export async function loadDetectorModules(files: readonly string[], options: LoadDetectorModulesOptions = {}): Promise<LoadedDetectors> {
  const builtIn = options.builtIn ?? detectorRegistry;
  const registry = new Map(builtIn);
  const from = new Map<string, string>();
  const added: AnyDetectorDefinition[] = [];
  for (const file of files) {
    const definitions = await importDefinitions(file, resolve(options.cwd ?? process.cwd(), file));
    const issues: DetectorModuleIssue[] = [];
    for (const { definition, path } of definitions) {
      if (builtIn.has(definition.id)) {
        issues.push({ path: `${path}.id`, message: `"${definition.id}" is the id of a built-in detector; give yours another` });
      } else if (registry.has(definition.id)) {
        const other = from.get(definition.id);
        issues.push({
          path: `${path}.id`,
          message: `"${definition.id}" is already the id of a detector ${other === file ? 'in this module' : `from ${other}`}`,
        });
      } else {
        registry.set(definition.id, definition);
        from.set(definition.id, file);
        added.push(definition);
      }
    }
    if (issues.length > 0) throw new DetectorModuleError(file, issues);
  }
  return { registry, added };
}

/** The module's definitions with the export each came from, checked; throws for a module that gives none usable. */
async function importDefinitions(file: string, absolute: string): Promise<Array<{ definition: AnyDetectorDefinition; path: string }>> {
  if (!existsSync(absolute)) throw new DetectorModuleError(file, [{ path: '', message: `not found (looked for ${absolute})` }]);
  if (!statSync(absolute).isFile()) throw new DetectorModuleError(file, [{ path: '', message: 'is not a file' }]);
  let module: Record<string, unknown>;
  try {
    module = await importModule(file, absolute);
  } catch (error) {
    if (error instanceof DetectorModuleError) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DetectorModuleError(file, [{ path: '', message: `failed to import: ${message}` }], { cause: error });
  }

  const candidates: Array<{ value: unknown; path: string }> = [];
  const seen = new Set<unknown>();
  const consider = (value: unknown, path: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    candidates.push({ value, path });
  };
  if (module.default !== undefined) {
    if (Array.isArray(module.default)) for (const [i, value] of module.default.entries()) consider(value, `default[${i}]`);
    else consider(module.default, 'default');
  }
  for (const [name, value] of Object.entries(module)) {
    if (name !== 'default' && typeof value === 'object' && value !== null && !Array.isArray(value)) consider(value, name);
  }
  if (candidates.length === 0) {
    throw new DetectorModuleError(file, [
      {
        path: '',
        message: 'exports no detector definition (export default a definition or an array of them, or export definitions by name)',
      },
    ]);
  }
  const issues = candidates.flatMap(({ value, path }) => checkDetectorDefinition(value, path));
  if (issues.length > 0) throw new DetectorModuleError(file, issues);
  return candidates.map(({ value, path }) => ({ definition: value as AnyDetectorDefinition, path }));
}

/**
 * Imports a module by path: JavaScript natively, TypeScript through tsx (which compiled JavaScript does not load
 * otherwise), a SQL detector (`.sql`) by reading its header and query.
 */
async function importModule(file: string, absolute: string): Promise<Record<string, unknown>> {
  if (extname(absolute).toLowerCase() === '.sql') {
    // Loaded only for a SQL detector: most runs have none.
    const { parseSqlDetector } = await import('./sql/parseSqlDetector.ts');
    return { default: parseSqlDetector(readFileSync(absolute, 'utf8'), file) };
  }
  const url = pathToFileURL(absolute).href;
  if (!typeScript.has(extname(absolute))) return (await import(url)) as Record<string, unknown>;
  let tsImport: (specifier: string, parent: string) => Promise<Record<string, unknown>>;
  try {
    ({ tsImport } = await import('tsx/esm/api'));
  } catch (error) {
    throw new DetectorModuleError(file, [{ path: '', message: 'a TypeScript module needs tsx (npm install tsx), or compile it to .js' }], {
      cause: error,
    });
  }
  return tsImport(url, import.meta.url);
}
