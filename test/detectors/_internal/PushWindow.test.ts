import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../engine/model/generated/event.ts';
import { MINUTE } from '../../../engine/model/duration/timeUnits.ts';
import { pushKey, PushWindow } from '../../../detectors/_internal/PushWindow.ts';

const T0 = Date.UTC(2026, 2, 2, 9);

function record(id: string, minute: number, transaction?: string, challenge?: string): CanonicalEvent {
  return {
    id,
    time: T0 + minute * MINUTE,
    source: 'idp',
    type: 'mfa.result',
    user: 'ann@x.org',
    ...(transaction === undefined ? {} : { transaction }),
    ...(challenge === undefined ? {} : { challenge: { id: challenge, factor: 'push', result: 'timeout' } }),
    outcome: 'failure',
  } as CanonicalEvent;
}

describe('pushKey', () => {
  it('is the transaction, else the challenge id, else the event id', () => {
    expect(pushKey(record('e1', 0, 't1', 'c1'))).toBe('t1');
    expect(pushKey(record('e1', 0, undefined, 'c1'))).toBe('c1');
    expect(pushKey(record('e1', 0))).toBe('e1');
  });
});

describe('PushWindow', () => {
  it('counts a push once however many records it has, and says which record was its first', () => {
    const w = new PushWindow();
    expect(w.add(record('a', 0, 't1'))).toBe(true);
    expect(w.add(record('b', 0, 't1'))).toBe(false);
    expect(w.add(record('c', 1, 't2'))).toBe(true);
    expect(w.distinct).toBe(2);
    expect(w.length).toBe(3);
    expect(w.has(record('z', 5, 't1'))).toBe(true);
    expect(w.has(record('z', 5, 't3'))).toBe(false);
  });

  it('keeps an event exactly at the window start and drops older ones, with their pushes', () => {
    const w = new PushWindow();
    w.add(record('a', 0, 't1'));
    w.add(record('b', 1, 't2'));
    w.add(record('c', 2, 't2'));
    w.evictBefore(T0 + MINUTE);
    expect(w.evidence().map((e) => e.id)).toEqual(['b', 'c']);
    expect(w.distinct).toBe(1);
    w.evictBefore(T0 + 2 * MINUTE);
    // t2 still has its record at minute 2.
    expect(w.distinct).toBe(1);
    expect(w.add(record('d', 3, 't2'))).toBe(false);
    w.evictBefore(T0 + 4 * MINUTE);
    expect(w.distinct).toBe(0);
    expect(w.length).toBe(0);
  });

  it('counts only the events its test accepts; the others ride along as evidence and leave with the window', () => {
    const w = new PushWindow((e) => e.id !== 'r');
    expect(w.add(record('r', 0, 't1'))).toBe(false);
    expect(w.distinct).toBe(0);
    expect(w.add(record('c', 1, 't1'))).toBe(true);
    expect(w.evidence().map((e) => e.id)).toEqual(['r', 'c']);
    w.evictBefore(T0 + MINUTE);
    expect(w.evidence().map((e) => e.id)).toEqual(['c']);
    expect(w.distinct).toBe(1);
  });

  it('hands out a copy: a finding’s evidence does not change as the window slides', () => {
    const w = new PushWindow();
    w.add(record('a', 0));
    const evidence = w.evidence();
    w.add(record('b', 1));
    w.evictBefore(T0 + MINUTE);
    expect(evidence.map((e) => e.id)).toEqual(['a']);
    expect(w.some((e) => e.id === 'b')).toBe(true);
    expect(w.some((e) => e.id === 'a')).toBe(false);
  });
});
