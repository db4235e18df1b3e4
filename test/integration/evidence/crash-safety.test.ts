import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, closeDatabase } from '../../../src/db/client.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { openEvidenceVault } from '../../../src/modules/evidence/evidence-key.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

const writerScript = path.join(import.meta.dirname, 'vault-writer-process.ts');

function seedHit(dataDir: string): string {
  const db = openDatabase(`${dataDir}/exposure-scanner.sqlite`);
  runMigrations(db);
  const now = Date.now();
  db.$client.prepare("insert into organisations (id, name, created_at) values ('org_1', 'o', ?)").run(now);
  db.$client.prepare("insert into people (id, organisation_id, label, schedule_cron, created_at, updated_at) values ('person_1', 'org_1', 'p', '0 3 * * *', ?, ?)").run(now, now);
  db.$client.prepare("insert into hits (id, person_id, url, normalized_url, host, severity, categories, reasons, first_seen_at, last_seen_at, created_at, updated_at) values ('hit_1', 'person_1', 'u', 'u', 'h', 'low', '[]', '[]', ?, ?, ?, ?)").run(now, now, now, now);
  closeDatabase(db);
  return 'hit_1';
}

async function runAndKill(dataDir: string, key: string, hitId: string, extraMs: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript], { env: { ...process.env, DATA_DIR: dataDir, EVIDENCE_KEY: key, HIT_ID: hitId }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, extraMs));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('evidence writes killed with SIGKILL', () => {
  it('never leave a record pointing at a missing or partial file, nor a finished file that fails its hash', async () => {
    const dataDir = makeTempDir();
    const key = randomBytes(32).toString('base64');
    const hitId = seedHit(dataDir);
    // Several kills at different moments: most land in the middle of writing a multi-megabyte file.
    for (const extraMs of [150, 420, 800]) await runAndKill(dataDir, key, hitId, extraMs);

    const db = openDatabase(`${dataDir}/exposure-scanner.sqlite`);
    const vault = await openEvidenceVault({ dataDir, db, settings: { key: Buffer.from(key, 'base64'), keyFile: undefined, tsaUrl: undefined, recheckSchedule: '0 * * * *' }, logger: createLogger({ level: 'silent' }), clock: createFixedClock(new Date()) });
    const report = await verifyEvidence(vault);
    expect(report.files).toBeGreaterThan(3);
    expect(report.captures).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
    // Anything left over is either a temporary file (never referenced) or a complete, valid file whose row was not yet written.
    for (const note of report.notes) expect(note).toMatch(/temporary file of an interrupted write|not referenced by any record$/);
    closeDatabase(db);
  });
});
