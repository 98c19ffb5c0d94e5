import { FormatError } from '../../../model/errors/FormatError.ts';
import type { ColumnAccess } from './columnReaders.ts';
import type { Field } from './eventLayout.ts';

/** One key of a shape: a leaf (its index in the layout's leaves) or a nested object (its keys). */
export type ShapeNode = { key: string; leaf: number } | { key: string; children: ShapeNode[] };

/**
 * Parses a shape (`id,time,origin{ip,asn},app`: an event's keys in order, a nested object's in braces) against the
 * layout: every key must be a field of the object that holds it.
 * @throws FormatError for a shape that does not parse or names an unknown field.
 */
export function parseShape(shape: string, fields: ReadonlyMap<string, Field>): ShapeNode[] {
  let at = 0;
  const fail = (problem: string) => new FormatError(`columnar events: shape ${JSON.stringify(shape)} ${problem} at ${at}`, 'arrow');
  const object = (known: ReadonlyMap<string, Field>): ShapeNode[] => {
    const nodes: ShapeNode[] = [];
    while (at < shape.length && shape[at] !== '}') {
      if (nodes.length > 0) {
        if (shape[at] !== ',') throw fail('expects a comma');
        at++;
      }
      const start = at;
      while (at < shape.length && !',{}'.includes(shape[at])) at++;
      const key = shape.slice(start, at);
      const field = known.get(key);
      if (field === undefined) throw fail(`names no field ${JSON.stringify(key)}`);
      if (shape[at] === '{') {
        if (field.leaf) throw fail(`opens the leaf ${key}`);
        at++;
        nodes.push({ key, children: object(field.fields) });
        if (shape[at] !== '}') throw fail('misses a closing brace');
        at++;
      } else {
        if (!field.leaf) throw fail(`does not open the object ${key}`);
        nodes.push({ key, leaf: field.index });
      }
    }
    return nodes;
  };
  const nodes = object(fields);
  if (at !== shape.length) throw fail('has a stray brace');
  return nodes;
}

/**
 * Builds a row's object of one shape, keys in the shape's order, from the leaves' accesses in the current batch: one
 * object literal compiled per shape and batch, so every event of a shape gets the same hidden class and no key is
 * set one by one. The keys are the schema's (parseShape checked them) and are quoted as JSON; nothing else is
 * spliced in.
 */
export function compileShape(nodes: readonly ShapeNode[], accesses: readonly ColumnAccess[]): (row: number) => object {
  const arrays: Record<string, unknown> = {};
  const literal = (level: readonly ShapeNode[]): string =>
    `{${level
      .map((node) => {
        if (!('leaf' in node)) return `${JSON.stringify(node.key)}: ${literal(node.children)}`;
        const access = accesses[node.leaf];
        Object.assign(arrays, access.arrays);
        return `${JSON.stringify(node.key)}: ${access.expression}`;
      })
      .join(', ')}}`;
  const body = literal(nodes);
  const names = Object.keys(arrays);
  // Only schema keys (JSON-quoted) and the fixed access templates of columnReaders go into the code.
  const make = new Function(...names, `return (r) => (${body});`) as (...arrays: unknown[]) => (row: number) => object;
  return make(...names.map((name) => arrays[name]));
}
