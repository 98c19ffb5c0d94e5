import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchMerger } from '../../../generators/world/_internal/BatchMerger.ts';
import type { RecordBatch } from '../../../generators/world/_internal/partitionWorker.ts';

interface Rec {
  time: number;
  cell: number;
  seq: number;
  id: string;
}

const batchOf = (chunk: Rec[]): RecordBatch => {
  const lines = chunk.map((r) => JSON.stringify({ id: r.id }));
  const ends: number[] = [];
  let text = '';
  lines.forEach((line, i) => {
    text += i === 0 ? line : `\n${line}`;
    ends.push(text.length);
  });
  return {
    type: 'batch',
    times: chunk.map((r) => r.time),
    cells: chunk.map((r) => r.cell),
    seqs: chunk.map((r) => r.seq),
    text,
    ends,
    labels: [],
  };
};

describe('BatchMerger with batches arriving as workers send them (property)', () => {
  it('writes the (time, cell, seq) order, asks only for a feed it has nothing from that is still running, and ends once all finished', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 6 }), cell: fc.integer({ min: 0, max: 7 }) }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (parts, rows, size, picks) => {
          const seqs = new Map<number, number>();
          const all = rows.map((r, i) => {
            const seq = seqs.get(r.cell) ?? 0;
            seqs.set(r.cell, seq + 1);
            return { ...r, seq, id: `e${i}` };
          });
          const expected = [...all].sort((a, b) => a.time - b.time || a.cell - b.cell || a.seq - b.seq);
          // Each feed's batches in order, then its finish.
          const pending = Array.from({ length: parts }, (_, p) => {
            const mine = expected.filter((r) => r.cell % parts === p);
            const batches: RecordBatch[] = [];
            for (let i = 0; i < mine.length; i += size) batches.push(batchOf(mine.slice(i, i + size)));
            return batches;
          });
          const finished = new Array(parts).fill(false);
          const merger = new BatchMerger(parts);
          const out: string[] = [];
          let step = 0;
          for (;;) {
            const open = pending.map((_, p) => p).filter((p) => !finished[p]);
            if (open.length === 0) break;
            // A worker chosen at random sends its next batch, or says it is done.
            const p = open[picks[step++ % picks.length] % open.length];
            const next = pending[p].shift();
            if (next === undefined) {
              merger.finish(p);
              finished[p] = true;
            } else merger.push(p, next);
            const waitFor = merger.drain((line) => out.push(line));
            if (waitFor !== undefined) {
              // It waits for a running feed, and the output so far is a prefix of the full order.
              expect(finished[waitFor]).toBe(false);
            }
            expect(out.map((l) => JSON.parse(l).id)).toEqual(expected.slice(0, out.length).map((r) => r.id));
          }
          expect(merger.drain((line) => out.push(line))).toBeUndefined();
          expect(out.map((l) => JSON.parse(l).id)).toEqual(expected.map((r) => r.id));
        },
      ),
    );
  });
});
