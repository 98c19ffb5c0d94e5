import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeLogFiles } from '../../../../engine/formats/files/writeLogFiles.ts';
import { oktaFormat } from '../../../../engine/formats/okta/oktaFormat.ts';
import { unifiedLogFormat } from '../../../../engine/formats/unifiedlog/unifiedLogFormat.ts';
import type { LogFormat } from '../../../../engine/formats/LogFormat.ts';
import { macHosts } from '../../../../engine/evaluate/macHosts.ts';
import { encodeAll, worldOf } from '../_harness.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushstorm-logs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const linesOf = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n');

describe('writeLogFiles', () => {
  it("writes every record as its format's line: plain JSON for Okta, Apple's \\/ escaping for each Mac's unified log", async () => {
    const { scenario, events } = worldOf(1);
    const hosts = macHosts(scenario);
    const byId = new Map(hosts.map((h) => [h.device?.id ?? h.hostname, h]));
    const written = await writeLogFiles(events, dir, { idp: oktaFormat, mac: unifiedLogFormat, hosts: byId });
    const expected = (format: LogFormat, source: 'idp' | 'mac', host?: string) => {
      const mine = events.filter((e) => e.source === source && (host === undefined || e.device?.id === host));
      const known = host === undefined ? undefined : byId.get(host);
      return encodeAll(format, mine, known ? { host: known } : undefined).map((r) => format.toLine(r));
    };
    const okta = written.find((w) => w.format === 'okta')!;
    expect(linesOf(okta.path)).toEqual(expected(oktaFormat, 'idp'));
    const macs = written.filter((w) => w.format === 'unifiedlog');
    expect(macs.length).toBeGreaterThan(1);
    for (const file of macs) {
      const host = hosts.find((h) => file.path.endsWith(`/mac/${h.file ?? h.hostname}.ndjson`))!;
      const lines = linesOf(file.path);
      expect(lines).toEqual(expected(unifiedLogFormat, 'mac', host.device!.id));
      expect(lines.every((l) => !l.includes('/') || l.includes('\\/'))).toBe(true);
    }
  });
});
