import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { closestName, didYouMean, editDistance } from '../../../engine/model/didYouMean.ts';

const ids = ['mfa-without-login', 'mac-login-window-storm', 'denied-burst', 'spray-by-source', 'spray-by-asn'];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['mfa-without-logn', 'mfa-without-login', 1],
    ['windwo', 'window', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('is 0 exactly for equal names, symmetric, and at most the longer length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      }),
    );
  });

  it('is 1 after one inserted, deleted or replaced character (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), (a, at, edit) => {
        const i = at % a.length;
        const b =
          edit === 'insert'
            ? `${a.slice(0, i)}\u0000${a.slice(i)}`
            : edit === 'delete'
              ? a.slice(0, i) + a.slice(i + 1)
              : `${a.slice(0, i)}\u0000${a.slice(i + 1)}`;
        expect(editDistance(a, b)).toBe(1);
      }),
    );
  });
});

describe('closestName and didYouMean', () => {
  it('suggests the id a typo meant', () => {
    expect(closestName('mfa-without-logn', ids)).toBe('mfa-without-login');
    expect(closestName('Denied-Burst', ids)).toBe('denied-burst');
    expect(didYouMean('mfa-without-logn', ids)).toBe('; did you mean "mfa-without-login"?');
  });

  it('suggests nothing for a name far from every candidate, and says the fallback instead', () => {
    expect(closestName('nope', ids)).toBeUndefined();
    expect(closestName('x', ['y'])).toBe('y');
    expect(closestName('colour', ['threshold', 'windowMs'])).toBeUndefined();
    expect(didYouMean('nope', ids, ' (known: …)')).toBe(' (known: …)');
  });

  it('prefers the nearest candidate, and the first listed among equally near ones', () => {
    expect(closestName('spray-by-as', ids)).toBe('spray-by-asn');
    expect(closestName('ab', ['ac', 'ad'])).toBe('ac');
  });
});
