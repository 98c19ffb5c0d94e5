import { describe, expect, it } from 'vitest';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';
import { promptTimes } from '../../../../engine/evaluate/scoring/promptTimes.ts';
import { quantile } from '../../../../engine/evaluate/scoring/quantile.ts';

const e = (id: string, time: number, type: CanonicalEvent['type'], over: Partial<CanonicalEvent> = {}): CanonicalEvent => ({
  id,
  time,
  source: type.startsWith('mac.') ? 'mac' : 'idp',
  type,
  user: 'ann',
  ...over,
});

describe('promptTimes', () => {
  it('lists each incident’s pushes once, at their first record, oldest first; ignores results, noise and benign events', () => {
    const events = [
      e('p2', 50, 'mfa.challenge', { outcome: 'success', transaction: 't2' }),
      e('m1', 10, 'mac.mfa.request', { transaction: 't1' }),
      e('p1', 11, 'mfa.challenge', { outcome: 'success', transaction: 't1' }),
      e('r1', 70, 'mfa.result', { outcome: 'failure', transaction: 't1' }),
      e('unsent', 80, 'mfa.challenge', { outcome: 'failure', transaction: 't3' }),
      e('noise', 90, 'mfa.challenge', { outcome: 'success', transaction: 't4' }),
      e('benign', 95, 'mfa.challenge', { outcome: 'success', transaction: 't5' }),
      e('q', 5, 'mfa.challenge', { outcome: 'success', transaction: 't9' }),
    ];
    const labels = { p2: 'a#1', m1: 'a#1', p1: 'a#1', r1: 'a#1', unsent: 'a#1', noise: 'noise:retry', q: 'b#1' };
    expect([...promptTimes(events, { labels })]).toEqual([
      ['a#1', [10, 50]],
      ['b#1', [5]],
    ]);
  });
});

describe('promptTimes: which pushes reached the victim', () => {
  it('counts a Mac request only when the IdP sent its push, or when the stream has no IdP record of it', () => {
    const events = [
      e('m-sent', 10, 'mac.mfa.request', { transaction: 'sent' }),
      e('c-sent', 11, 'mfa.challenge', { outcome: 'success', transaction: 'sent' }),
      e('m-muted', 20, 'mac.mfa.request', { transaction: 'muted' }),
      e('c-muted', 21, 'mfa.challenge', { outcome: 'failure', reason: 'muted', transaction: 'muted' }),
      e('m-limited', 30, 'mac.mfa.request', { transaction: 'limited' }),
      e('c-limited', 31, 'mfa.challenge', { outcome: 'failure', reason: 'rate_limited', transaction: 'limited' }),
      e('m-alone', 40, 'mac.mfa.request', { transaction: 'mac-only' }),
    ];
    const labels = Object.fromEntries(events.map((x) => [x.id, 'lw#1']));
    expect(promptTimes(events, { labels }).get('lw#1')).toEqual([10, 40]);
    // Order does not matter: the IdP's refusal may come first in a merged stream.
    expect(promptTimes([...events].reverse(), { labels }).get('lw#1')).toEqual([10, 40]);
  });

  it('leaves an incident whose pushes were all refused out', () => {
    const events = [e('c', 1, 'mfa.challenge', { outcome: 'failure', reason: 'muted', transaction: 't' })];
    expect(promptTimes(events, { labels: { c: 'a#1' } }).has('a#1')).toBe(false);
  });
});

describe('quantile', () => {
  it('is the nearest rank: one of the values, never interpolated', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2);
    expect(quantile([4, 1, 3, 2], 0.95)).toBe(4);
    expect(
      quantile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        0.95,
      ),
    ).toBe(19);
  });
});
