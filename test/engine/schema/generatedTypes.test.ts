import { describe, expect, it } from 'vitest';
import { schemaSources, staleTypeFiles } from '../../../engine/schema/generateTypes.ts';

describe('generated types', () => {
  it('are fresh: engine/generated/ matches what the JSON Schemas generate (run `npm run gen:types`)', async () => {
    expect(await staleTypeFiles()).toEqual([]);
  });

  it('cover the event, truth, alert and scenario schemas', () => {
    expect(schemaSources.map((s) => s.output)).toEqual([
      'engine/generated/event.ts',
      'engine/generated/truth.ts',
      'engine/generated/alert.ts',
      'engine/generated/scenario.ts',
    ]);
  });
});
