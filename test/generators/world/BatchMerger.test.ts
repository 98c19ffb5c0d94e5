import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchMerger } from '../../../generators/world/_internal/BatchMerger.ts';
import type { RecordBatch } from '../../../generators/world/_internal/partitionWorker.ts';

interface Rec {
  time: number;
  cell: number;
  seq: number;
  id: string;
  label?: string;
}

function toBatches(records: Rec[], sizes: number[]): RecordBatch[] {
  const batches: RecordBatch[] = [];
  let i = 0;
  let s = 0;
  while (i < records.length) {
    const n = Math.max(1, sizes[s++ % sizes.length]);
    const chunk = records.slice(i, i + n);
    i += n;
    const lines = chunk.map((r) => JSON.stringify({ id: r.id, time: r.time }));
    let text = '';
    const ends: number[] = [];
    for (const line of lines) {
      text += text === '' && ends.length === 0 ? line : `\n${line}`;
      ends.push(text.length);
    }
    batches.push({
      type: 'batch',
      times: chunk.map((r) => r.time),
      cells: chunk.map((r) => r.cell),
      seqs: chunk.map((r) => r.seq),
      text,
      ends,
      labels: chunk.flatMap((r, k) => (r.label ? [[k, r.id, r.label] as [number, string, string]] : [])),
    });
  }
  return batches;
}

describe('BatchMerger', () => {
  it('merges partitions into the (time, cell, seq) order, with many ties, rebuilding labels in output order (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 5 }), cell: fc.integer({ min: 0, max: 7 }), labelled: fc.boolean() }), {
          maxLength: 120,
        }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        (parts, rows, sizes) => {
          const seqs = new Map<number, number>();
          const all: Rec[] = rows.map((r, i) => {
            const seq = seqs.get(r.cell) ?? 0;
            seqs.set(r.cell, seq + 1);
            return { time: r.time, cell: r.cell, seq, id: `e${i}`, label: r.labelled ? `L${i}` : undefined };
          });
          const byKey = (a: Rec, b: Rec) => a.time - b.time || a.cell - b.cell || a.seq - b.seq;
          const expected = [...all].sort(byKey);
          const merger = new BatchMerger(parts);
          for (let p = 0; p < parts; p++) {
            for (const b of toBatches(
              expected.filter((r) => r.cell % parts === p),
              sizes,
            ))
              merger.push(p, b);
            merger.finish(p);
          }
          const out: string[] = [];
          expect(merger.drain((l) => out.push(l))).toBeUndefined();
          expect(out.map((l) => JSON.parse(l).id)).toEqual(expected.map((r) => r.id));
          const labels = expected.filter((r) => r.label).map((r) => [r.id, r.label]);
          expect(Object.entries(merger.labels)).toEqual(labels);
        },
      ),
    );
  });

  it('stops at the first partition it has no record from and that is still running', () => {
    const merger = new BatchMerger(2);
    merger.push(0, toBatches([{ time: 1, cell: 0, seq: 0, id: 'a' }], [1])[0]);
    const out: string[] = [];
    expect(merger.drain((l) => out.push(l))).toBe(1);
    expect(out).toEqual([]);
    merger.finish(1);
    expect(merger.drain((l) => out.push(l))).toBe(0);
    expect(out.map((l) => JSON.parse(l).id)).toEqual(['a']);
    merger.finish(0);
    expect(merger.drain((l) => out.push(l))).toBeUndefined();
  });
});
