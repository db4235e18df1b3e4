import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { runCli } from '../../../src/cli/main.ts';
import { evidenceCommand } from '../../../src/cli/commands/evidence.command.ts';
import { backupCommand, restoreCommand } from '../../../src/cli/commands/backup.command.ts';
import { healthcheckCommand } from '../../../src/cli/commands/healthcheck.command.ts';
import { runMigrations } from '../../../src/db/client.ts';
import { migrateToPostgresCommand } from '../../../src/cli/commands/migrate-to-postgres.command.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { closeDatabase, openDatabase } from '../../../src/db/client.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { demoProfile } from '../../../src/demo/demo-person.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { createPostgresTestDatabase } from '../../helpers/test-database.ts';

const key = randomBytes(32).toString('base64');
const quiet = { logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing' as const, instruction: 'none', tried: [] } };

/** What a person sees of their exposures, read through the service on whichever database `env` names. */
async function exposuresSeen(env: Record<string, string>, personId: string) {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', EVIDENCE_KEY: key, ...env }), quiet);
  try {
    const hits = await app.hits.listForPerson(personId);
    return {
      person: (await app.profiles.getPerson(personId))?.label,
      hits: hits.map((h) => ({ id: h.id, url: h.url, title: h.title, severity: h.severity, categories: h.categories, firstSeenAt: h.firstSeenAt.toISOString() })).sort((a, b) => a.id.localeCompare(b.id)),
      matches: (await Promise.all(hits.map((h) => app.hits.matchesOf(h.id)))).flat().map((m) => ({ value: m.value, found: m.found })),
    };
  } finally {
    await app.close();
  }
}

describe('exposure-scanner migrate-to-postgres', () => {
  let dataDir: string;
  let personId: string;
  let target: Awaited<ReturnType<typeof createPostgresTestDatabase>>;

  beforeAll(async () => {
    // An SQLite installation as the service leaves it: a person, exposures with matches, evidence with its custody log.
    dataDir = makeTempDir('es-to-pg-');
    const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', EVIDENCE_KEY: key }), quiet);
    const parsed = parseProfile(demoProfile('http://127.0.0.1:1'), { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('demo profile');
    personId = await app.profiles.createPerson({ organisationId: await app.profiles.ensureDefaultOrganisation(), label: 'Person under watch', language: 'nl', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
    for (let i = 1; i <= 3; i++) {
      const url = `https://forum.example/t/${i}`;
      const { hit } = await transaction(app.db, () => app.hits.upsert({
        personId, url, normalizedUrl: url, finalUrl: null, host: 'forum.example', title: `thread ${i}`, pageLanguage: 'nl', severity: i === 1 ? 'high' : 'medium',
        categories: ['phone'], linkage: i === 1, reasons: ['phone number on the page'], scanRunId: 'run_1',
        matches: [{ kind: 'phone', value: '+32470000000', found: '0470 00 00 00', reason: 'phone number' }],
      }));
      const artifacts = { screenshot: (await app.evidence.put(randomBytes(3000), 'image/png')).sha256, html: (await app.evidence.put(Buffer.from(`<html>${i}</html>`), 'text/html')).sha256 };
      await recordCapture(app.evidence, { captureId: `cap_${i}`, hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: url, visit: null, artifacts, capturedAt: app.clock.now(), actor: 'scanner' });
    }
    await app.close();
    target = await createPostgresTestDatabase();
  }, 120_000);

  afterAll(async () => {
    await target?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every row, after which the evidence verifies and the person sees the same exposures on PostgreSQL', async () => {
    const before = await exposuresSeen({ DATA_DIR: dataDir }, personId);
    expect(before.hits).toHaveLength(3);

    const io = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: key, DATABASE_URL: target.url });
    expect(await runCli(['migrate-to-postgres', '--json'], io, [migrateToPostgresCommand]), io.err()).toBe(0);
    const report = JSON.parse(io.out()) as { from: string; to: string; rows: number; tables: Record<string, number> };
    expect(report.from).toBe(path.join(dataDir, 'exposure-scanner.sqlite'));
    expect(report.to).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/es_test_[0-9a-f]+$/);
    expect(report.tables).toMatchObject({ people: 1, hits: 3, matches: 3, captures: 3 });
    expect(report.tables.custody_log).toBeGreaterThanOrEqual(3);
    expect(report.rows).toBe(Object.values(report.tables).reduce((a, b) => a + b, 0));

    const verify = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: key, DATABASE_URL: target.url });
    expect(await runCli(['evidence', 'verify', '--json'], verify, [evidenceCommand]), verify.out() + verify.err()).toBe(0);
    const verified = JSON.parse(verify.out()) as { ok: boolean; captures: number };
    expect(verified.ok).toBe(true);

    expect(await exposuresSeen({ DATA_DIR: dataDir, DATABASE_URL: target.url }, personId)).toEqual(before);

    // The health check reads the PostgreSQL migrations' own journal: nothing pending.
    const health = captureIo({ DATA_DIR: dataDir, DATABASE_URL: target.url });
    expect(await runCli(['healthcheck', '--json'], health, [healthcheckCommand])).toBe(0);
    expect(JSON.parse(health.out())).toMatchObject({ healthy: true, database: { ok: true }, migrations: { applied: true, pending: 0 } });
  });

  it('refuses a database that already holds data, and writes nothing', async () => {
    const io = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: key, DATABASE_URL: target.url });
    expect(await runCli(['migrate-to-postgres'], io, [migrateToPostgresCommand])).toBe(65);
    expect(io.err()).toMatch(/^error migrate\.target_not_empty: /);
  });

  it('refuses while a worker still writes to the SQLite file, unless told it is not running', async () => {
    const db = openDatabase(path.join(dataDir, 'exposure-scanner.sqlite'));
    db.$client.prepare("insert into worker_heartbeats (worker_id, hostname, pid, started_at, beat_at) values ('w-live', 'here', 1, ?, ?)").run(Date.now(), Date.now());
    closeDatabase(db);
    const fresh = await createPostgresTestDatabase();
    try {
      const io = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: key, DATABASE_URL: fresh.url });
      expect(await runCli(['migrate-to-postgres'], io, [migrateToPostgresCommand])).toBe(69);
      expect(io.err()).toMatch(/migrate\.service_running/);
      const forced = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: key, DATABASE_URL: fresh.url });
      expect(await runCli(['migrate-to-postgres', '--force'], forced, [migrateToPostgresCommand]), forced.err()).toBe(0);
      expect(forced.out()).toMatch(/Copied \d+ row\(s\) in \d+ tables/);
    } finally {
      await fresh.drop();
    }
  });

  it('refuses a SQLite file this version has never opened, whose older rows may still be in clear', async () => {
    const untouched = makeTempDir('es-to-pg-old-');
    const db = openDatabase(path.join(untouched, 'exposure-scanner.sqlite'));
    runMigrations(db);
    closeDatabase(db);
    const fresh = await createPostgresTestDatabase();
    try {
      const io = captureIo({ DATA_DIR: untouched, DATABASE_URL: fresh.url });
      expect(await runCli(['migrate-to-postgres'], io, [migrateToPostgresCommand])).toBe(65);
      expect(io.err()).toMatch(/^error migrate\.source_not_upgraded: .*Start the service once on it/);
    } finally {
      await fresh.drop();
      fs.rmSync(untouched, { recursive: true, force: true });
    }
  });

  it('has `backup` name the PostgreSQL tools, and `restore` the way round, instead of writing a SQLite copy nobody reads', async () => {
    const folder = makeTempDir('es-pg-backup-');
    const restoreInto = makeTempDir('es-pg-restore-');
    const out = path.join(folder, 'b');
    try {
      const io = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: key, DATABASE_URL: target.url });
      expect(await runCli(['backup', '--out', out, '--json'], io, [backupCommand])).toBe(1);
      expect(JSON.parse(io.out())).toMatchObject({ ok: false, code: 'backup.postgres_database', message: expect.stringMatching(/pg_dump/) });
      expect(fs.existsSync(out)).toBe(false);
      const restore = captureIo({ DATA_DIR: restoreInto, DATABASE_URL: target.url });
      expect(await runCli(['restore', out, '--json'], restore, [restoreCommand])).toBe(64);
      expect(JSON.parse(restore.out())).toMatchObject({ ok: false, code: 'restore.postgres_database', message: expect.stringMatching(/migrate-to-postgres/) });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(restoreInto, { recursive: true, force: true });
    }
  });

  it('says what to set when DATABASE_URL is missing', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await runCli(['migrate-to-postgres'], io, [migrateToPostgresCommand])).toBe(64);
    expect(io.err()).toMatch(/Set DATABASE_URL/);
  });
});
