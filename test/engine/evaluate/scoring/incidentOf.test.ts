import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { incidentOf } from '../../../../engine/evaluate/scoring/incidentOf.ts';

describe('incidentOf', () => {
  it('is the label when it names an incident, and nothing for noise, benign or no label', () => {
    expect(incidentOf('uber-burst#1')).toBe('uber-burst#1');
    for (const label of ['noise:retry', 'noise:outage', 'benign', undefined]) expect(incidentOf(label)).toBeUndefined();
  });

  it('never calls a noise label an incident, whatever follows the prefix', () => {
    fc.assert(fc.property(fc.string(), (rest) => incidentOf(`noise:${rest}`) === undefined));
  });
});
