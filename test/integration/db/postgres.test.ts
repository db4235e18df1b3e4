import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, runMigrations, type Db } from '../../../src/db/client.ts';
import { closePgDatabase, openPgDatabase, pgMigrationsFolder, runPgMigrations, type PgDb } from '../../../src/db/pg-client.ts';
import * as pgSchema from '../../../src/db/schema-pg/index.ts';
import * as sqliteSchema from '../../../src/db/schema/index.ts';
import { startThrowAwayPostgres, type ThrowAwayPostgres } from '../../helpers/postgres.ts';
import { freeLoopbackPort } from '../../helpers/s3-server.ts';

const run = promisify(execFile);
const pgTables = (Object.values(pgSchema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));

let server: ThrowAwayPostgres;
let pg: PgDb;
let sqlite: Db;

beforeAll(async () => {
  server = await startThrowAwayPostgres();
  pg = await openPgDatabase(server.url);
  await runPgMigrations(pg);
  sqlite = openDatabase(':memory:');
  runMigrations(sqlite);
});

afterAll(async () => {
  if (sqlite) closeDatabase(sqlite);
  if (pg) await closePgDatabase(pg);
  if (!server) return;
  await server.stop();
  // Nothing of the cluster may outlive the test file: no server process, no folder.
  expect(fs.existsSync(server.dir)).toBe(false);
  const left = await run('pgrep', ['-f', server.dir]).then((r) => r.stdout.trim(), () => '');
  expect(left).toBe('');
  expect(isLive(server.pid)).toBe(false);
});

/** Running, as opposed to gone or a zombie whose parent has not collected it yet. */
function isLive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('PostgreSQL migrations', () => {
  it('create every table of the schema with its columns, nullability and stored types', async () => {
    const { rows } = await pg.$client.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
      "select table_name, column_name, is_nullable, data_type from information_schema.columns where table_schema = 'public'",
    );
    const tableNames = pgTables.map((t) => getTableConfig(t).name).sort();
    expect([...new Set(rows.map((r) => r.table_name))].sort()).toEqual(tableNames);
    expect(tableNames).toContain('custody_log');
    for (const table of pgTables) {
      const config = getTableConfig(table);
      const inDatabase = rows.filter((r) => r.table_name === config.name).map((r) => `${r.column_name} ${r.data_type} ${r.is_nullable === 'NO' ? 'not null' : 'null'}`).sort();
      const declared = config.columns.map((c) => `${c.name} ${c.getSQLType()} ${c.notNull ? 'not null' : 'null'}`).sort();
      expect(inDatabase, config.name).toEqual(declared);
    }
  });

  it('are applied once: running them again, from two pools at once, changes nothing', async () => {
    const other = await openPgDatabase(server.url);
    try {
      await Promise.all([runPgMigrations(pg), runPgMigrations(other)]);
    } finally {
      await closePgDatabase(other);
    }
    const journal = JSON.parse(fs.readFileSync(path.join(pgMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    const { rows } = await pg.$client.query<{ n: number }>('select count(*) as n from drizzle.__drizzle_migrations');
    expect(rows[0]?.n).toBe(journal.entries.length);
  });
});

describe('rows in PostgreSQL', () => {
  const at = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 987));
  const organisation = { id: 'org-1', name: 'Helpline', createdAt: at };
  const person = { id: 'person-1', organisationId: 'org-1', label: 'Demo', scheduleCron: '0 3 * * *', isDemo: true, nextScanAt: new Date(at.getTime() + 86_400_000), createdAt: at, updatedAt: at };
  const hit = {
    id: 'hit-1', personId: 'person-1', url: 'https://example.test/p?id=1', normalizedUrl: 'https://example.test/p?id=1', host: 'example.test', severity: 'critical' as const,
    categories: ['home_address', 'phone'], linkage: true, reasons: ['Home address “Rue 1” on page', 'Zoë'], firstSeenAt: at, lastSeenAt: new Date(at.getTime() + 1), createdAt: at, updatedAt: at,
  };
  const job = { kind: 'capture', payload: { hitId: 'hit-1', nested: { ratio: 1.5, empty: [], none: null } }, idempotencyKey: 'capture:hit-1', runAfter: at, createdAt: at, updatedAt: at };
  const evidence = { sha256: 'a'.repeat(64), sizeBytes: 3_000_000_000, mimeType: 'message/rfc822', encrypted: true, createdAt: at };

  beforeAll(async () => {
    await pg.insert(pgSchema.organisations).values(organisation);
    await pg.insert(pgSchema.people).values(person);
    await pg.insert(pgSchema.hits).values(hit);
    await pg.insert(pgSchema.jobs).values(job);
    await pg.insert(pgSchema.evidenceFiles).values(evidence);
    sqlite.insert(sqliteSchema.organisations).values(organisation).run();
    sqlite.insert(sqliteSchema.people).values(person).run();
    sqlite.insert(sqliteSchema.hits).values(hit).run();
    sqlite.insert(sqliteSchema.jobs).values(job).run();
    sqlite.insert(sqliteSchema.evidenceFiles).values(evidence).run();
  });

  it('read back through the schema exactly as SQLite reads them: Dates, booleans, JSON, defaults and generated ids', async () => {
    const [pgHit] = await pg.select().from(pgSchema.hits);
    expect(pgHit).toEqual(sqlite.select().from(sqliteSchema.hits).get());
    expect(pgHit?.firstSeenAt).toEqual(at);
    expect(pgHit?.linkage).toBe(true);
    expect(await pg.select().from(pgSchema.people)).toEqual(sqlite.select().from(sqliteSchema.people).all());
    expect(await pg.select().from(pgSchema.jobs)).toEqual(sqlite.select().from(sqliteSchema.jobs).all());
    expect(await pg.select().from(pgSchema.evidenceFiles)).toEqual(sqlite.select().from(sqliteSchema.evidenceFiles).all());
    const [pgPerson] = await pg.select().from(pgSchema.people);
    expect(pgPerson).toMatchObject({ isDemo: true, scheduleEnabled: true, queryCursor: 0, nextScanAt: person.nextScanAt });
    expect((await pg.select().from(pgSchema.jobs))[0]).toMatchObject({ id: 1, payload: job.payload, status: 'queued' });
  });

  it('hold the same stored values as the SQLite file, so hand-written SQL and copied rows mean the same', async () => {
    for (const table of ['hits', 'people', 'jobs', 'evidence_files']) {
      const { rows } = await pg.$client.query(`select * from ${table}`);
      expect(rows, table).toEqual(sqlite.$client.prepare(`select * from ${table}`).all());
    }
    const { rows } = await pg.$client.query('select linkage, first_seen_at, categories from hits where linkage = 1 and first_seen_at <= $1', [at.getTime()]);
    expect(rows).toEqual([{ linkage: 1, first_seen_at: at.getTime(), categories: '["home_address","phone"]' }]);
  });
});

describe('opening a PostgreSQL database', () => {
  it('names an unreachable server by its own code', async () => {
    const port = await freeLoopbackPort();
    await expect(openPgDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, { connectTimeoutMs: 5_000 })).rejects.toMatchObject({ code: 'database.unreachable', details: { host: '127.0.0.1', port } });
  });

  it('names refused credentials by their own code and never shows the password', async () => {
    await pg.$client.query("create role scanner login password 'right-horse-battery'");
    const url = `postgres://scanner:${encodeURIComponent('wrong-pa$$word')}@127.0.0.1:${server.port}/postgres`;
    const error = await openPgDatabase(url).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'database.credentials_refused', details: { user: 'scanner', database: 'postgres' } });
    const shown = JSON.stringify({ error, message: (error as Error).message, stack: (error as Error).stack, cause: (error as Error).cause });
    expect(shown).not.toContain('wrong-pa');
    const right = await openPgDatabase(`postgres://scanner:right-horse-battery@127.0.0.1:${server.port}/postgres`);
    await closePgDatabase(right);
  });

  it('names a missing database, and refuses a URL that is not postgres:// without repeating it', async () => {
    await expect(openPgDatabase(`postgres://postgres@127.0.0.1:${server.port}/no_such_db`)).rejects.toMatchObject({ code: 'database.missing' });
    const error = await openPgDatabase('mysql://root:hunter2@127.0.0.1/db').then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'database.url_invalid' });
    expect((error as Error).message).not.toContain('hunter2');
  });
});
