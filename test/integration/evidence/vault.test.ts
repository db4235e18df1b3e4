import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { openDatabase, runMigrations, type Db } from '../../../src/db/client.ts';
import { openEvidenceVault } from '../../../src/modules/evidence/evidence-key.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { vaultFileName } from '../../../src/modules/evidence/vault-format.models.ts';
import { createMemoryLogger, makeTempDir } from '../../helpers/test-app.ts';
import { createEvidenceTestApp, defaultEvidenceSettings } from './evidence-fixtures.ts';

const clock = createFixedClock('2026-11-22T10:00:00Z');
const dbs: Db[] = [];
function freshDb(file = ':memory:'): Db {
  const db = openDatabase(file);
  runMigrations(db);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.$client.open) db.$client.close();
});

describe('the evidence vault', () => {
  it('round-trips files by content address and stores them encrypted', async () => {
    const { app, vault } = await createEvidenceTestApp();
    const bytes = Buffer.from('<html><body>the exposed page</body></html>');
    const stored = await vault.put(bytes, 'text/html');
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Filed under a keyed name: nothing on disk tells which content hash (which image) is stored.
    const name = vaultFileName(vault.keys.vaultNames, stored.sha256);
    expect(name).not.toBe(stored.sha256);
    expect(vault.pathOf(stored.sha256)).toBe(path.join(app.config.dataDir, 'evidence', name.slice(0, 2), name));
    expect(fs.readdirSync(path.join(app.config.dataDir, 'evidence'), { recursive: true }).join('\n')).not.toContain(stored.sha256);
    expect(fs.readFileSync(vault.pathOf(stored.sha256)).includes(Buffer.from('exposed page'))).toBe(false);
    expect(await vault.read(stored.sha256)).toEqual(bytes);
    expect(await vault.info(stored.sha256)).toMatchObject({ sizeBytes: bytes.length, mimeType: 'text/html', encrypted: true });
    // The same content is one file.
    expect((await vault.put(Buffer.from(bytes), 'text/html')).sha256).toBe(stored.sha256);
    await app.close();
  });

  it('refuses to hand out a file with one byte changed, and verify names that file', async () => {
    const { app, vault } = await createEvidenceTestApp();
    const good = await vault.put(Buffer.from('untouched'), 'text/plain');
    const bad = await vault.put(randomBytes(5000), 'image/png');
    const file = vault.pathOf(bad.sha256);
    const bytes = fs.readFileSync(file);
    bytes[2500]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    await expect(vault.read(bad.sha256)).rejects.toMatchObject({ code: 'evidence.file_corrupt' });
    const report = await verifyEvidence(vault);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'file', subject: path.join('evidence', vault.relativePathOf(bad.sha256)), problem: 'altered' })]);
    expect(report.problems[0]!.message).toContain(bad.sha256);
    expect(report.problems.some((p) => p.subject.includes(good.sha256))).toBe(false);
    await app.close();
  });

  it('names a missing file and a capture whose files are gone', async () => {
    const { app, vault, hit } = await createEvidenceTestApp();
    const shot = await vault.put(randomBytes(100), 'image/png');
    await recordCapture(vault, { captureId: 'cap_1', hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: hit.url, visit: null, artifacts: { screenshot: shot.sha256 }, capturedAt: clock.now(), actor: 'scanner' });
    fs.rmSync(vault.pathOf(shot.sha256));
    const report = await verifyEvidence(vault);
    expect(report.problems.map((p) => [p.kind, p.problem])).toEqual([['file', 'missing']]);
    expect(report.problems[0]!.message).toContain(`${path.join('evidence', vault.relativePathOf(shot.sha256))} (content ${shot.sha256}) is missing`);
    await app.close();
  });

  it('names the custody entry whose detail was edited in the database', async () => {
    const { app, vault, hit } = await createEvidenceTestApp();
    const shot = await vault.put(randomBytes(100), 'image/png');
    const { custody } = await recordCapture(vault, { captureId: 'cap_1', hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: hit.url, visit: null, artifacts: { screenshot: shot.sha256 }, capturedAt: clock.now(), actor: 'scanner' });
    expect((await verifyEvidence(vault)).ok).toBe(true);
    app.db.$client.prepare('update custody_log set detail = replace(detail, \'"captured"\', \'"removed"\') where seq = ?').run(custody.seq);
    const report = await verifyEvidence(vault);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'custody', subject: String(custody.seq), problem: 'altered' })]);
    await app.close();
  });

  it('notices a capture row pointed at other files than its custody entry recorded', async () => {
    const { app, vault, hit } = await createEvidenceTestApp();
    const a = await vault.put(Buffer.from('a'), 'text/plain');
    const b = await vault.put(Buffer.from('b'), 'text/plain');
    await recordCapture(vault, { captureId: 'cap_1', hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: hit.url, visit: null, artifacts: { html: a.sha256 }, capturedAt: clock.now(), actor: 'scanner' });
    app.db.$client.prepare('update captures set artifacts = ? where id = ?').run(JSON.stringify({ html: b.sha256 }), 'cap_1');
    expect((await verifyEvidence(vault)).problems).toEqual([expect.objectContaining({ kind: 'capture', subject: 'cap_1', problem: 'artifacts_changed' })]);
    await app.close();
  });
});

describe('the evidence key', () => {
  it('is generated on first start with mode 0600 and a loud instruction to back it up', async () => {
    const dataDir = makeTempDir();
    const { logger, lines } = createMemoryLogger();
    const vault = await openEvidenceVault({ dataDir, db: freshDb(), settings: defaultEvidenceSettings(), logger, clock });
    const keyFile = path.join(dataDir, 'evidence.key');
    expect(vault.generatedKey).toBe(true);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(lines.join('\n')).toContain(`BACK UP ${keyFile}`);
  });

  it('is reused on the next start, and the same evidence reads back', async () => {
    const dataDir = makeTempDir();
    const db = freshDb(path.join(dataDir, 'db.sqlite'));
    const first = await openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings(), logger: createMemoryLogger().logger, clock });
    const stored = await first.put(Buffer.from('kept'), 'text/plain');
    const second = await openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings(), logger: createMemoryLogger().logger, clock });
    expect(second.generatedKey).toBe(false);
    expect((await second.read(stored.sha256)).toString()).toBe('kept');
  });

  it('refuses to start with a wrong key instead of writing unreadable evidence', async () => {
    const dataDir = makeTempDir();
    const db = freshDb();
    await openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings({ key: randomBytes(32) }), logger: createMemoryLogger().logger, clock });
    await expect(openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings({ key: randomBytes(32) }), logger: createMemoryLogger().logger, clock })).rejects.toThrow(
      expect.objectContaining({ code: 'evidence.wrong_key' }),
    );
  });

  it('refuses a replaced key file too, and never silently generates a new key once evidence exists', async () => {
    const dataDir = makeTempDir();
    const db = freshDb();
    const vault = await openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings(), logger: createMemoryLogger().logger, clock });
    await vault.put(Buffer.from('x'), 'text/plain');
    const keyFile = path.join(dataDir, 'evidence.key');
    fs.writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    await expect(openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings(), logger: createMemoryLogger().logger, clock })).rejects.toThrow(expect.objectContaining({ code: 'evidence.wrong_key' }));
    fs.rmSync(keyFile);
    await expect(openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings(), logger: createMemoryLogger().logger, clock })).rejects.toThrow(expect.objectContaining({ code: 'evidence.key_missing' }));
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  it('takes the key from EVIDENCE_KEY without writing a key file', async () => {
    const dataDir = makeTempDir();
    const vault = await openEvidenceVault({ dataDir, db: freshDb(), settings: defaultEvidenceSettings({ key: randomBytes(32) }), logger: createMemoryLogger().logger, clock });
    expect(vault.keyFile).toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'evidence.key'))).toBe(false);
  });
});

// A small file system of its own for the data folder: root can mount a tmpfs here (CI runs as root).
describe.skipIf(process.getuid?.() !== 0)('the evidence vault on a disk that cannot take the write', () => {
  const mounts: string[] = [];
  afterEach(() => {
    for (const dir of mounts.splice(0)) {
      execFileSync('umount', [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function vaultOnSmallDisk(sizeKb: number) {
    const dataDir = makeTempDir('es-small-vault-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dataDir]);
    mounts.push(dataDir);
    const db = freshDb();
    const vault = await openEvidenceVault({ dataDir, db, settings: defaultEvidenceSettings(), logger: createMemoryLogger().logger, clock });
    return { dataDir, db, vault };
  }

  const filesUnder = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());

  it('says the disk is full and leaves no half-written file or row', async () => {
    const { dataDir, db, vault } = await vaultOnSmallDisk(256);
    const before = filesUnder(path.join(dataDir, 'evidence'));
    await expect(vault.put(randomBytes(600_000), 'image/png')).rejects.toMatchObject({ code: 'evidence.write_failed', message: expect.stringMatching(/the disk is full\. Nothing was half-written/) });
    expect(filesUnder(path.join(dataDir, 'evidence'))).toEqual(before);
    expect(db.$client.prepare('select count(*) n from evidence_files').get()).toEqual({ n: 0 });
  });

  it('says the file system is read-only and stores nothing', async () => {
    const { dataDir, db, vault } = await vaultOnSmallDisk(1024);
    execFileSync('mount', ['-o', 'remount,ro', dataDir]);
    await expect(vault.put(Buffer.from('a page'), 'text/html')).rejects.toMatchObject({ code: 'evidence.write_failed', message: expect.stringMatching(/read-only/) });
    expect(db.$client.prepare('select count(*) n from evidence_files').get()).toEqual({ n: 0 });
  });
});
