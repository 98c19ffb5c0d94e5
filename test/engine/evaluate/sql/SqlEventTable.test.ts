import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { eventColumns, eventOfRow } from '../../../../engine/formats/canonical/eventColumns.ts';
import { SqlEventTable } from '../../../../engine/evaluate/sql/SqlEventTable.ts';
import { canonicalEventsView } from '../../../../engine/tools/export/index.ts';
import { loadScenarioFile } from '../../../../generators/scenario/index.ts';
import { runWorld } from '../../../_fixtures/runWorld.ts';
import type { CanonicalEvent } from '../../../../engine/model/generated/event.ts';

const dir = mkdtempSync(join(tmpdir(), 'pushstorm-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the events relation', () => {
  it('is documented column by column in docs/sql-detectors.md', () => {
    const docs = readFileSync('docs/sql-detectors.md', 'utf8');
    for (const c of eventColumns) expect(docs, c.name).toContain(`| \`${c.name}\` | ${c.type} | \`${c.field}\``);
  });

  it('holds the same rows whether a SQL detector fills its table or an export reads the NDJSON file, and rows give the events back', async () => {
    // A world with Mac login windows, proxies and fraud reports, so every column is used.
    const scenario = await loadScenarioFile('scenarios/night-login-window.yaml', { users: 400, days: 2 });
    const world = runWorld(scenario).events;
    const last = world[world.length - 1];
    // And one event with every field the columns hold.
    const full: CanonicalEvent = {
      id: 'zz-full',
      time: last.time + 1,
      source: 'idp',
      type: 'mfa.result',
      user: 'ann@example.com',
      origin: { ip: '203.0.113.9', asn: 64500, asOrg: 'Example Hosting', country: 'PT', proxy: true, proxyKind: 'vpn' },
      device: { id: 'd1', kind: 'mac', hostname: 'ANN-MBP' },
      app: 'okta',
      transaction: 't1',
      session: 's1',
      challenge: { id: 'c1', factor: 'push', result: 'denied' },
      outcome: 'failure',
      reason: 'user_denied',
      mac: { process: 'authd', method: 'login_window' },
    };
    const events = [...world, full];
    const table = await SqlEventTable.create();
    for (const e of events) table.append(e);
    const order = 'ORDER BY "time", id';
    const filled = await table.query(`SELECT * FROM events ${order}`);
    table.close();

    const file = join(dir, 'events.ndjson');
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(canonicalEventsView(file));
    const viewed = (await connection.runAndReadAll(`SELECT * FROM events ${order}`)).getRowObjectsJS();

    expect(filled.length).toBe(events.length);
    expect(Object.keys(filled[0])).toEqual(eventColumns.map((c) => c.name));
    expect(viewed).toEqual(filled);
    for (const column of eventColumns)
      expect(
        filled.some((r) => r[column.name] !== null),
        column.name,
      ).toBe(true);

    // Each row is its event, for the fields the columns hold.
    const byId = new Map(events.map((e) => [e.id, e]));
    for (const row of filled) {
      const back = eventOfRow(row);
      const original = byId.get(back.id)!;
      for (const column of eventColumns) expect(column.of(back), `${back.id} ${column.name}`).toEqual(column.of(original));
    }
  });
});
