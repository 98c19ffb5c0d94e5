import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import detectionSchema from '../../../../../engine/tools/export/sigma/schemas/sigma-detection-rule-schema.json' with { type: 'json' };
import correlationSchema from '../../../../../engine/tools/export/sigma/schemas/sigma-correlation-rules-schema.v2.1.0.json' with {
  type: 'json',
};
import correlationDraft from '../../../../../engine/tools/export/sigma/schemas/sigma-correlation-rules-schema.v2.2.0-draft.json' with {
  type: 'json',
};

/**
 * The vendored Sigma JSON schemas (draft 2020-12), compiled with ajv. Strict mode is off: the upstream schemas use
 * keywords out of place that strict mode rejects (`items` on objects, comparison operators as bare keys inside `anyOf`)
 * and which draft 2020-12 ignores.
 */
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its function is the module itself, typed as the module's `default`.
formats.default(ajv);

const validators = {
  detection: ajv.compile(detectionSchema),
  'correlation v2.1.0': ajv.compile(correlationSchema),
  'correlation v2.2.0 draft': ajv.compile(correlationDraft),
} satisfies Record<string, ValidateFunction>;

/**
 * The schemas a document must satisfy: a detection rule the rule schema; a correlation rule the v2.2.0 draft (which
 * allows the extended temporal condition) and, unless it uses that string condition, the released v2.1.0 too.
 */
export function schemasFor(document: Record<string, unknown>): Array<keyof typeof validators> {
  if (!('correlation' in document)) return ['detection'];
  const { condition } = document.correlation as { condition?: unknown };
  return typeof condition === 'string' ? ['correlation v2.2.0 draft'] : ['correlation v2.1.0', 'correlation v2.2.0 draft'];
}

/** Every schema violation of a document, as `schema: path message` lines (empty when valid). */
export function schemaErrors(document: unknown, schemas: ReadonlyArray<keyof typeof validators>): string[] {
  return schemas.flatMap((name) => {
    const validate = validators[name];
    return validate(document) ? [] : (validate.errors ?? []).map((e) => `${name}: ${e.instancePath || '/'} ${e.message}`);
  });
}
