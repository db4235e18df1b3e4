import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, countPendingMigrations, closeDatabase } from '../../../src/db/client.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

const expectedTables = [
  'accounts', 'alerts', 'api_tokens', 'audit_log', 'candidate_results', 'candidates', 'captures', 'case_events', 'caseworker_assignments',
  'custody_log', 'deliveries', 'engine_pacing', 'engine_status', 'evidence_files', 'hit_snippets', 'hits', 'identifiers', 'impersonation_checks', 'jobs', 'matches', 'organisations',
  'own_urls', 'people', 'person_engine_settings', 'photo_hashes', 'photos', 'reverse_image_consents', 'scan_runs',
  'search_outcomes', 'service_leases', 'service_settings', 'sessions', 'settings', 'takedown_cases', 'unchecked_pages', 'upgrade_steps', 'worker_heartbeats',
];

describe('database migrations', () => {
  it('build the whole domain schema on an empty database file', () => {
    const file = path.join(makeTempDir(), 'fresh.sqlite');
    const db = openDatabase(file);
    expect(countPendingMigrations(db)).toBeGreaterThan(0);
    runMigrations(db);
    expect(countPendingMigrations(db)).toBe(0);
    const tables = (db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != '__drizzle_migrations' order by name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expectedTables);

    const columns = (table: string) => (db.$client.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('jobs')).toEqual(expect.arrayContaining(['idempotency_key', 'attempts', 'max_attempts', 'run_after', 'lease_owner', 'lease_expires_at']));
    expect(columns('hits')).toEqual(expect.arrayContaining(['person_id', 'normalized_url', 'first_seen_at', 'last_seen_at', 'status', 'severity']));
    expect(columns('custody_log')).toEqual(expect.arrayContaining(['prev_hash', 'entry_hash']));
    const indexes = (db.$client.prepare("select name from sqlite_master where type = 'index'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['jobs_idempotency_unique', 'hits_person_url_unique']));
    closeDatabase(db);
  });

  it('open the file with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(path.join(makeTempDir(), 'pragmas.sqlite'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    closeDatabase(db);
  });

  it('are idempotent: running them twice changes nothing', () => {
    const db = openDatabase(':memory:');
    runMigrations(db);
    runMigrations(db);
    expect(countPendingMigrations(db)).toBe(0);
    closeDatabase(db);
  });

  it('enforce foreign keys, so orphans cannot be written', () => {
    const db = openDatabase(':memory:');
    runMigrations(db);
    expect(() => db.$client.prepare("insert into hits (id, person_id, url, normalized_url, host, severity, categories, reasons, first_seen_at, last_seen_at, created_at, updated_at) values ('h', 'nobody', 'u', 'u', 'h', 'low', '[]', '[]', 0, 0, 0, 0)").run()).toThrow(/FOREIGN KEY/);
    closeDatabase(db);
  });
});
