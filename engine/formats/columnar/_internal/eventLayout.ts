import eventSchema from '../../../model/schema/event.schema.json' with { type: 'json' };

/** How a leaf field is held: dictionary-encoded text, the event time (Int64), another number (Float64), or a boolean. */
export type LeafKind = 'string' | 'time' | 'number' | 'boolean';

/** A leaf field of the canonical event: one Arrow column. */
interface LeafField {
  readonly leaf: true;
  /** Its key in the object that holds it (`ip` for `origin.ip`). */
  readonly key: string;
  /** Its column name: the path joined with `_` (`origin_ip`). */
  readonly column: string;
  readonly kind: LeafKind;
  /** Its position in {@link EventLayout.leaves}. */
  readonly index: number;
}

/** A nested object of the canonical event (`origin`, `device`…): no column of its own, its leaves have them. */
interface GroupField {
  readonly leaf: false;
  readonly key: string;
  /** Its fields by key, in the schema's order. */
  readonly fields: ReadonlyMap<string, Field>;
}

export type Field = LeafField | GroupField;

/** The canonical event's fields as columns, read from `event.schema.json`: a field added there gets a column here. */
export interface EventLayout {
  /** Top-level fields by key, in the schema's order. */
  readonly fields: ReadonlyMap<string, Field>;
  /** Every leaf, depth first in the schema's order: the file's columns, after {@link SHAPE_COLUMN}. */
  readonly leaves: readonly LeafField[];
}

/** The column holding each event's key order (see shapeOf). */
export const SHAPE_COLUMN = '_shape';
/** The column holding an event time that Int64 cannot give back exactly (unsafe integers, -0), as Float64. */
export const TIME_OVERFLOW_COLUMN = '_time_f64';

interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
}

const root = eventSchema as unknown as JsonSchema & { definitions: Record<string, JsonSchema> };
const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? root.definitions[s.$ref.replace('#/definitions/', '')] : s);

function kindOf(s: JsonSchema, path: readonly string[]): LeafKind {
  if (s.enum) return 'string';
  switch (s.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return path.length === 1 && path[0] === 'time' ? 'time' : 'number';
    default:
      throw new Error(`event schema: no column kind for ${path.join('.')} (${String(s.type)})`);
  }
}

function layoutOf(): EventLayout {
  const leaves: LeafField[] = [];
  const walk = (s: JsonSchema, path: readonly string[]): Map<string, Field> => {
    const fields = new Map<string, Field>();
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const r = resolve(child);
      const at = [...path, key];
      if (r.type === 'object') fields.set(key, { leaf: false, key, fields: walk(r, at) });
      else {
        const leaf: LeafField = { leaf: true, key, column: at.join('_'), kind: kindOf(r, at), index: leaves.length };
        leaves.push(leaf);
        fields.set(key, leaf);
      }
    }
    return fields;
  };
  const fields = walk(root, []);
  return { fields, leaves };
}

/** The layout of the canonical event schema (built once). */
export const eventLayout: EventLayout = layoutOf();
