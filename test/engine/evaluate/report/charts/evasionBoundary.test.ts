import { describe, expect, it } from 'vitest';
import { evasionBoundary } from '../../../../../engine/evaluate/report/charts/evasionBoundary.ts';

describe('evasionBoundary', () => {
  it('orders the rows by their numbers, most prompts on top, not as text (7 above 40 was the bug)', () => {
    const cells = ['3', '7', '11', '40', '24'].map((y) => ({ x: '1m', y, status: 'detected' as const }));
    const spec = evasionBoundary(cells, { x: 'gap', y: 'prompts' }, 't') as { encoding: { y: { sort: string[] } } };
    expect(spec.encoding.y.sort).toEqual(['40', '24', '11', '7', '3']);
  });
});
