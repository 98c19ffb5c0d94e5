import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../engine/tools/inject/Redactor.ts';

const key = 'correct horse battery staple';

describe('Redactor', () => {
  it('gives the same token for the same name under one key, and other tokens under another key', () => {
    const a = new Redactor(key);
    const b = new Redactor(`${key}!`);
    expect(a.login('lena.varga@example.org')).toBe(new Redactor(key).login('lena.varga@example.org'));
    expect(a.login('lena.varga@example.org')).not.toBe(b.login('lena.varga@example.org'));
    expect(a.ip('198.51.100.40')).toBe(a.ip('198.51.100.40'));
    expect(a.ip('198.51.100.40')).not.toBe(b.ip('198.51.100.40'));
  });

  it('keeps the shape of what it replaces', () => {
    const r = new Redactor(key);
    expect(r.login('Lena.Varga@Example.org')).toMatch(/^u-[0-9a-f]{10}@d-[0-9a-f]{6}\.invalid$/);
    expect(r.login('Lena.Varga@Example.org')).toBe(r.login('lena.varga@example.org'));
    expect(r.ip('198.51.100.40')).toMatch(/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
    expect(r.ip('2001:db8::1').split(':')).toHaveLength(8);
  });

  it('replaces names inside longer strings and leaves other text alone', () => {
    const r = new Redactor(key);
    r.addNames(['lvarga', 'LVARGA-MBP', 'Lena Varga']);
    const out = r.text(
      'Validating credential lvarga (501) on LVARGA-MBP for Lena Varga from 198.51.100.40 at 2026-03-04 03:17:11.204518+0100',
    );
    expect(out).not.toMatch(/lvarga|LVARGA|Lena Varga|198\.51\.100\.40/);
    expect(out).toContain('Validating credential n-');
    expect(out).toContain('(501)');
    expect(out).toContain('2026-03-04 03:17:11.204518+0100');
  });

  it('redacts every string of a record, keys untouched, and is a pure function of the key', () => {
    const record = {
      actor: { alternateId: 'lena.varga@example.org', displayName: 'Lena Varga' },
      client: { ipAddress: '198.51.100.40' },
      n: 3,
      ok: true,
    };
    const r = new Redactor(key);
    r.addNames(['Lena Varga']);
    const out = r.value(record);
    expect(Object.keys(out)).toEqual(Object.keys(record));
    expect(JSON.stringify(out)).not.toMatch(/lena|Varga|198\.51/);
    expect(out.n).toBe(3);
    expect(r.value(record)).toEqual(out);
  });

  it('never lets an e-mail or an IPv4 address through', () => {
    const r = new Redactor(key);
    const local = fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/);
    const email = fc.tuple(local, fc.constantFrom('example.org', 'corp.example.com')).map(([l, d]) => `${l}@${d}`);
    const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(email, ipv4), { minLength: 1, maxLength: 6 }),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 6 }),
        (secrets, filler) => {
          const out = r.text([...secrets, ...filler].join(' '));
          for (const secret of secrets) expect(out.split(' ')).not.toContain(secret);
        },
      ),
    );
  });

  it('refuses a short key', () => {
    expect(() => new Redactor('short')).toThrow(/16 characters/);
  });
});
