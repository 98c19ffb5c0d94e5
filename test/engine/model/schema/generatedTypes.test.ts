import { describe, expect, it } from 'vitest';
import { schemaSources, staleTypeFiles } from '../../../../engine/model/schema/generateTypes.ts';

describe('generated types', () => {
  it('are fresh: engine/model/generated/ matches what the JSON Schemas generate (run `npm run gen:types`)', async () => {
    expect(await staleTypeFiles()).toEqual([]);
  });

  it('cover the event, truth, alert and scenario schemas', () => {
    expect(schemaSources.map((s) => s.output)).toEqual([
      'engine/model/generated/event.ts',
      'engine/model/generated/truth.ts',
      'engine/model/generated/alert.ts',
      'engine/model/generated/scenario.ts',
    ]);
  });
});
