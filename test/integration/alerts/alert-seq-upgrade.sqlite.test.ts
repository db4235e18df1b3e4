import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase, runMigrations, type Db } from '../../../src/db/client.ts';
import { createAlertsRepository } from '../../../src/modules/alerts/alerts.repository.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

const SEQ_MIGRATION = '0009_alert_seq';
let db: Db | undefined;
afterEach(() => db?.$client.close());

/** The migrations folder as it was before alerts were numbered: a database an earlier version left behind. */
function migrationsBeforeSeq(): string {
  const dir = makeTempDir('es-migrations-');
  fs.cpSync(migrationsFolder, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === SEQ_MIGRATION);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('numbering the alerts of an existing SQLite file', () => {
  it('gives stored alerts their rowid, so a stream reconnecting with an older cursor misses nothing, and numbers new ones after them', async () => {
    db = openDatabase(path.join(makeTempDir(), 'scanner.db'));
    migrate(db, { migrationsFolder: migrationsBeforeSeq() });
    const sqlite = db.$client;
    sqlite.prepare("insert into organisations (id, name, created_at) values ('org_1', 'Default', 0)").run();
    sqlite.prepare("insert into people (id, organisation_id, label, language, default_country, schedule_cron, created_at, updated_at) values ('person_1', 'org_1', 'sealed', 'en', 'BE', '0 3 * * *', 0, 0)").run();
    const insertOld = sqlite.prepare("insert into alerts (id, person_id, kind, severity, created_at) values (?, 'person_1', 'health', 'high', 0)");
    for (const id of ['alert_a', 'alert_b', 'alert_c']) insertOld.run(id);
    sqlite.prepare("delete from alerts where id = 'alert_a'").run();

    runMigrations(db);
    const alerts = createAlertsRepository({ db });
    expect(await alerts.maxRowId()).toBe(3);
    // A stream that had seen alert_b (rowid 2) before the upgrade gets alert_c next, under the same number.
    expect((await alerts.alertsAfterRowId(2, 10)).map((r) => [r.id, r.rowId])).toEqual([['alert_c', 3]]);
    await alerts.insertAlert({ id: 'alert_new', personId: 'person_1', kind: 'health', severity: 'high', createdAt: new Date(1) });
    expect((await alerts.alertsAfterRowId(3, 10)).map((r) => [r.id, r.rowId])).toEqual([['alert_new', 4]]);
  });
});
