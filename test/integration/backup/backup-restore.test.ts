import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand } from '../../../src/cli/commands/backup.command.ts';
import { evidenceCommand } from '../../../src/cli/commands/evidence.command.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { createApp } from '../../../src/app.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';

const hitsIn = async (dataDir: string, personId: string) => {
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { db: openDatabase(path.join(dataDir, 'exposure-scanner.sqlite')), logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing', instruction: 'none', tried: [] } });
  try {
    return (await app.hits.listForPerson(personId)).map((h) => ({ id: h.id, url: h.url, severity: h.severity, title: h.title })).sort((a, b) => a.id.localeCompare(b.id));
  } finally {
    void app.close();
  }
};

describe('backup and restore of the database and the evidence vault', () => {
  let dataDir: string;
  let personId: string;
  let backupDir: string;
  let hitsBefore: Awaited<ReturnType<typeof hitsIn>>;
  let key: string;

  beforeAll(async () => {
    const harness = await startScanHarness();
    dataDir = harness.dataDir;
    personId = harness.personId;
    try {
      await harness.startWorker();
      const run = await harness.startScan();
      await harness.waitForRun(run.id);
      // The service is still running (worker, open database) while the backup is taken.
      backupDir = path.join(makeTempDir('es-backups-'), 'first');
      const io = captureIo({ DATA_DIR: dataDir });
      expect(await backupCommand.run({ positionals: [], values: { out: backupDir } }, io), io.err()).toBe(0);
      expect(io.out()).toMatch(/The evidence key is NOT in the backup/);
    } finally {
      await harness.close();
    }
    hitsBefore = await hitsIn(dataDir, personId);
    key = fs.readFileSync(path.join(dataDir, 'evidence.key'), 'utf8');
  }, 300_000);

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(backupDir), { recursive: true, force: true });
  });

  it('writes the database, every vault file and a manifest of hashes, and never the key', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(hitsBefore.length).toBeGreaterThan(0);
    expect(manifest.vault.length).toBeGreaterThan(0);
    expect(manifest.keyIncluded).toBe(false);
    const everything = execFileSync('find', [backupDir, '-type', 'f']).toString();
    expect(everything).not.toMatch(/evidence\.key/);
    for (const file of everything.trim().split('\n')) expect(fs.readFileSync(file).includes(Buffer.from(key.trim()))).toBe(false);
  });

  it('restores into a wiped DATA_DIR holding the key, verifies the evidence, and shows the same exposures', async () => {
    const target = makeTempDir('es-restored-');
    fs.writeFileSync(path.join(target, 'evidence.key'), key, { mode: 0o600 });
    const io = captureIo({ DATA_DIR: target });
    expect(await restoreCommand.run({ positionals: [backupDir], values: {} }, io), io.err()).toBe(0);
    expect(io.out()).toMatch(/Evidence verification: OK/);
    expect(await hitsIn(target, personId)).toEqual(hitsBefore);
    const verify = captureIo({ DATA_DIR: target });
    expect(await evidenceCommand.run({ positionals: ['verify'], values: { json: true } }, verify)).toBe(0);
    expect(JSON.parse(verify.out()).ok).toBe(true);
    fs.rmSync(target, { recursive: true, force: true });
  }, 120_000);

  it('refuses another key and leaves DATA_DIR as it was', async () => {
    const target = makeTempDir('es-wrong-key-');
    fs.writeFileSync(path.join(target, 'evidence.key'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const io = captureIo({ DATA_DIR: target });
    expect(await restoreCommand.run({ positionals: [backupDir], values: {} }, io)).toBe(65);
    expect(io.err()).toMatch(/key/i);
    expect(fs.readdirSync(target)).toEqual(['evidence.key']);
    fs.rmSync(target, { recursive: true, force: true });
  });

  it('refuses a DATA_DIR that already holds a database', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await restoreCommand.run({ positionals: [backupDir], values: {} }, io)).toBe(65);
    expect(io.err()).toMatch(/empty DATA_DIR/);
  });

  it('refuses a backup with an altered file and names it', async () => {
    const copy = path.join(makeTempDir('es-tampered-'), 'b');
    fs.cpSync(backupDir, copy, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8'));
    const victim = path.join(copy, manifest.vault[0].path);
    const bytes = fs.readFileSync(victim);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    fs.writeFileSync(victim, bytes);
    const target = makeTempDir('es-restored-');
    fs.writeFileSync(path.join(target, 'evidence.key'), key, { mode: 0o600 });
    const io = captureIo({ DATA_DIR: target });
    expect(await restoreCommand.run({ positionals: [copy], values: {} }, io)).toBe(1);
    expect(io.err()).toContain(`${manifest.vault[0].path} was altered`);
    expect(fs.readdirSync(target)).toEqual(['evidence.key']);
  });

  it('refuses to write into a folder that is not empty', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await backupCommand.run({ positionals: [], values: { out: backupDir } }, io)).toBe(65);
    expect(io.err()).toMatch(/not empty/);
  });

  // A full disk needs a small file system of its own; root can mount a tmpfs here (CI runs as root).
  const canMount = process.getuid?.() === 0;
  it.skipIf(!canMount)('says the disk is full and leaves no half-written backup', async () => {
    const mountPoint = makeTempDir('es-small-disk-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]);
    try {
      const io = captureIo({ DATA_DIR: dataDir });
      expect(await backupCommand.run({ positionals: [], values: { out: path.join(mountPoint, 'b') } }, io)).toBe(1);
      expect(io.err()).toMatch(/the disk is full\. Nothing was left half-written/);
      expect(fs.readdirSync(mountPoint)).toEqual([]);
    } finally {
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});
