import { describe, expect, it } from 'vitest';
import { logFormats } from '../../../engine/formats/logFormats.ts';
import { referenceExamples } from './_fixtures/referenceExamples.ts';

/** Which registered formats claim each reference example: exactly its own (the Entra export is `entra`'s shape). */
const owners: Record<keyof typeof referenceExamples, string[]> = {
  okta: ['okta', 'okta-classic'],
  entra: ['entra'],
  duo: ['duo'],
  ocsf: ['ocsf'],
  unifiedlog: ['unifiedlog'],
  endpointSecurity: [],
};

describe('format sniffing', () => {
  it.each(Object.entries(referenceExamples))('only the %s format claims its reference example', (id, record) => {
    expect(logFormats.filter((f) => f.sniff(record)).map((f) => f.id)).toEqual(owners[id as keyof typeof owners]);
  });

  it('never throws, whatever it is given', () => {
    for (const f of logFormats)
      for (const x of [null, undefined, 0, '', [], {}, Object.create(null), { __proto__: { eventType: 'x' } }])
        expect(() => f.sniff(x)).not.toThrow();
  });
});
