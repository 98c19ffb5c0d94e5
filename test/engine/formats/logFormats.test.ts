import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { FormatError } from '../../../engine/model/errors/FormatError.ts';
import { formatIdsFor, getLogFormat, logFormats } from '../../../engine/formats/logFormats.ts';
import type { FormatId } from '../../../engine/formats/logFormats.ts';
import { unifiedLogFormat } from '../../../engine/formats/unifiedlog/unifiedLogFormat.ts';

describe('logFormats', () => {
  it('derives FormatId from the registry: one id per entry, no other', () => {
    expectTypeOf<FormatId>().toEqualTypeOf<
      'canonical' | 'okta' | 'okta-classic' | 'entra' | 'entra-sentinel' | 'duo' | 'ocsf' | 'unifiedlog'
    >();
    const ids = logFormats.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(getLogFormat(id).id).toBe(id);
    expect(() => getLogFormat('splunk')).toThrow(FormatError);
    expect(formatIdsFor('mac')).toEqual(['canonical', 'ocsf', 'unifiedlog']);
  });

  it("files each format's records under its vendor's Splunk sourcetype and an index of its own", () => {
    expect(Object.fromEntries(logFormats.map((f) => [f.id, f.siem]))).toEqual({
      canonical: { sourcetype: 'pushstorm', index: 'pushstorm-events' },
      okta: { sourcetype: 'OktaIM2:log', index: 'pushstorm-okta' },
      'okta-classic': { sourcetype: 'OktaIM2:log', index: 'pushstorm-okta-classic' },
      entra: { sourcetype: 'azure:monitor:aad', index: 'pushstorm-entra' },
      'entra-sentinel': { sourcetype: 'azure:monitor:aad', index: 'pushstorm-entra-sentinel' },
      duo: { sourcetype: 'cisco:duo:authentication', index: 'pushstorm-duo' },
      ocsf: { sourcetype: 'ocsf:authentication', index: 'pushstorm-ocsf' },
      unifiedlog: { sourcetype: 'macos:unifiedlog', index: 'pushstorm-unifiedlog' },
    });
  });

  it('writes a record as a line that parses back to it, on one line; JSON formats as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...logFormats), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (format, record) => {
        const line = format.toLine(record);
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(record)));
        expect(line).not.toContain('\n');
        if (format.id !== 'unifiedlog') expect(line).toBe(JSON.stringify(record));
      }),
      { numRuns: 400 },
    );
  });

  it("escapes every / of a unified-log line as Apple's serializer does", () => {
    expect(unifiedLogFormat.toLine({ processImagePath: '/usr/libexec/sshd-session', n: 1 })).toBe(
      '{"processImagePath":"\\/usr\\/libexec\\/sshd-session","n":1}',
    );
    expect(unifiedLogFormat.toLine({ message: 'a/b', nested: [{ path: '/' }] })).toBe('{"message":"a\\/b","nested":[{"path":"\\/"}]}');
  });
});
