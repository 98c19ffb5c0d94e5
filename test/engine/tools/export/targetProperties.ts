import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../../../detectors/index.ts';
import { NotExportableError } from '../../../../engine/model/errors/index.ts';
import { type AnyDetectorDefinition, defaultParams } from '../../../../engine/runtime/DetectorDefinition.ts';
import type { DetectorShape } from '../../../../engine/runtime/DetectorShape.ts';
import {
  type ExportTarget,
  type ExportTargetId,
  exportDetector,
  fieldsFor,
  type VendorFields,
  whyNotExportable,
} from '../../../../engine/tools/export/index.ts';

/** The built-in detectors that state a shape. */
export const shaped = detectors.filter((d) => d.shape !== undefined);

/** Any parameter values of a detector, over each parameter's whole range, on its step. */
export function paramsArb(definition: AnyDetectorDefinition): fc.Arbitrary<Record<string, number>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(definition.params).map(([name, spec]) => [
        name,
        fc.integer({ min: Math.ceil(spec.min / spec.step), max: Math.floor(spec.max / spec.step) }).map((k) => k * spec.step),
      ]),
    ),
  );
}

/** The field names of every format the target is written for that is mapped now. */
export function mappedFormats(target: ExportTarget): VendorFields[] {
  return target.formats.flatMap((format) => {
    try {
      return [fieldsFor(format)];
    } catch {
      return [];
    }
  });
}

/** A target's query text without its comment header. */
export type BodyOf = (text: string) => string;

/** How a target writes one parameter's value: a pattern the query body must hold for that value. */
export type ParamText = (shape: DetectorShape, param: string, value: number) => RegExp;

/** A number standing alone (not part of a longer number, name or dotted path). */
export const standalone = (text: string) => new RegExp(`(?<![\\w.])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.])`);

/**
 * The properties every export target of the SIEM languages holds, over the built-in detectors that state a shape:
 * it exports or refuses with its reason (default and drawn parameters, every mapped format); a detector's parameter
 * values land in the query (a changed value changes the body, and the body holds the value as the language writes
 * it); the header names the detector, its version and parameter values.
 */
export function targetProperties(target: ExportTarget, bodyOf: BodyOf, paramText: ParamText): void {
  const id = target.id as ExportTargetId;
  describe(`${target.title}: every shaped detector`, () => {
    it.each(shaped.map((d) => [d.id, d] as const))('%s exports, or refuses with a reason, at any parameter values', (_id, definition) => {
      const languageCannot = target.cannot(definition.shape!);
      fc.assert(
        fc.property(paramsArb(definition), (params) => {
          for (const fields of mappedFormats(target)) {
            // The language's own refusal, else what the log's fields cannot say under these values.
            const why = whyNotExportable(definition, id, fields.format, params);
            if (languageCannot !== undefined) expect(why).toBe(languageCannot);
            if (why !== undefined) {
              expect(why.length).toBeGreaterThan(20);
              expect(() => exportDetector({ definition, params }, id, { format: fields.format })).toThrow(NotExportableError);
              continue;
            }
            const text = exportDetector({ definition, params }, id, { format: fields.format });
            expect(text.endsWith('\n')).toBe(true);
            expect(text).toContain(`${definition.id} v${definition.version}`);
            expect(text).toContain(
              `parameters: ${
                Object.entries(params)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ') || 'none'
              }`,
            );
            expect(bodyOf(text).trim().length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 30 },
      );
    });

    it.each(shaped.filter((d) => target.cannot(d.shape!) === undefined).map((d) => [d.id, d] as const))(
      '%s: each parameter’s value is written in, and a changed value changes the query',
      (_id, definition) => {
        const fields = fieldsFor('canonical');
        const write = (params: Record<string, number>) =>
          bodyOf(target.write({ instance: { definition, params }, shape: definition.shape!, fields }));
        for (const [name, spec] of Object.entries(definition.params)) {
          const value = fc
            .integer({ min: Math.ceil(spec.min / spec.step), max: Math.floor(spec.max / spec.step) })
            .map((k) => k * spec.step);
          fc.assert(
            fc.property(value, value, (a, b) => {
              fc.pre(a !== b);
              const bodyA = write({ ...defaultParams(definition), [name]: a });
              const bodyB = write({ ...defaultParams(definition), [name]: b });
              expect(bodyA).not.toBe(bodyB);
              // A switch (0/1) turns a clause on or off; every other value is written as a number.
              if (spec.min === 0 && spec.max === 1) return;
              expect(bodyA).toMatch(paramText(definition.shape!, name, a));
            }),
            { numRuns: 25 },
          );
        }
      },
    );
  });
}
