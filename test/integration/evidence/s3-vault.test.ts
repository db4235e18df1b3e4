import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { freeLoopbackPort, s3Env, startS3Server } from '../../helpers/s3-server.ts';
import { createTestApp, makeTempDir } from '../../helpers/test-app.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import { checkBackup, createBackup } from '../../../src/modules/backup/backup.usecases.ts';
import { runCli } from '../../../src/cli/main.ts';
import { noBrowser } from './evidence-fixtures.ts';

const rowCount = (db: { $client: { prepare(sql: string): { get(): unknown } } }) => (db.$client.prepare('select count(*) n from evidence_files').get() as { n: number }).n;

describe.skipIf(noBrowser)('evidence in an S3-compatible bucket', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let harness: Awaited<ReturnType<typeof startScanHarness>>;

  beforeAll(async () => {
    s3 = await startS3Server();
    harness = await startScanHarness({ env: s3.env });
    await harness.startWorker();
    await harness.waitForRun((await harness.startScan()).id);
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
    await s3?.close();
  });

  it('keeps every capture of a scan on the simulated web in the bucket, sealed, and the evidence verifies', async () => {
    const vault = harness.app.evidence;
    expect(vault.store.kind).toBe('s3');
    const objects = await vault.listFiles();
    expect(objects.length).toBeGreaterThan(10);
    expect(objects.length).toBe(rowCount(harness.app.db));
    // Nothing went to the local folder: the bucket is the vault.
    const localDir = path.join(harness.dataDir, 'evidence');
    expect(fs.existsSync(localDir) ? fs.readdirSync(localDir).filter((f) => /^[0-9a-f]{2}$/.test(f)) : []).toEqual([]);
    for (const object of objects.slice(0, 5)) {
      const sealed = (await vault.store.read(object.relativePath))!;
      expect(sealed.subarray(0, 4).toString('ascii')).toBe('ESVT');
      expect(sealed.includes(Buffer.from('<html'))).toBe(false);
    }
    const report = await verifyEvidence(vault);
    expect(report.problems).toEqual([]);
    expect(report.captures).toBeGreaterThan(3);
  });

  it('backs the bucket up into a backup folder that checks against its manifest', async () => {
    const app = harness.app;
    const out = path.join(makeTempDir(), 'backup');
    const { manifest } = await createBackup({ db: app.db, dataDir: app.config.dataDir, clock: app.clock, keyCheck: app.evidence.keyCheck, vaultStore: app.evidence.store }, { outDir: out });
    expect(manifest.vault.length).toBe(rowCount(app.db));
    await expect(checkBackup(out)).resolves.toMatchObject({ keyIncluded: false });
    const first = (await app.evidence.listFiles())[0]!;
    expect(fs.readFileSync(path.join(out, 'evidence', first.relativePath)).equals((await app.evidence.store.read(first.relativePath))!)).toBe(true);
  });

  it('names an object altered in the bucket as altered, and verifies again once it is put back', async () => {
    const vault = harness.app.evidence;
    const target = (await vault.listFiles())[0]!;
    const original = (await vault.store.read(target.relativePath))!;
    const tampered = Buffer.from(original);
    tampered[tampered.length - 40]! ^= 0x01;
    await vault.store.write(target.relativePath, tampered);
    const report = await verifyEvidence(vault);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'file', subject: path.join('evidence', target.relativePath), problem: 'altered' })]);
    await vault.store.write(target.relativePath, original);
    expect((await verifyEvidence(vault)).problems).toEqual([]);
  });

  it('runs evidence verify from the command line against the bucket, and fails with evidence.store_unreachable when the store is down', async () => {
    const io = captureIo({ DATA_DIR: harness.dataDir, ...s3.env });
    expect(await runCli(['evidence', 'verify', '--json'], io), io.err()).toBe(0);
    const down = captureIo({ DATA_DIR: harness.dataDir, ...s3Env(await freeLoopbackPort()) });
    expect(await runCli(['evidence', 'verify', '--json'], down)).not.toBe(0);
    expect(down.err()).toContain('evidence.store_unreachable');
    expect(down.out()).not.toContain('"missing"');
  });
});

describe('an S3 evidence store that cannot be reached', () => {
  it('refuses a write with evidence.store_unreachable, records nothing, and takes the same write once the store is up', async () => {
    const port = await freeLoopbackPort();
    const app = await createTestApp({ env: s3Env(port) });
    try {
      const bytes = Buffer.from('screenshot of an exposed page');
      await expect(app.evidence.put(bytes, 'image/png')).rejects.toMatchObject({ code: 'evidence.store_unreachable', statusCode: 503 });
      expect(rowCount(app.db)).toBe(0);
      // A read while the store is down is not a missing file: that would look like lost evidence.
      await expect(app.evidence.read('a'.repeat(64))).rejects.toMatchObject({ code: 'evidence.store_unreachable' });
      const s3 = await startS3Server({ port });
      try {
        const stored = await app.evidence.put(bytes, 'image/png');
        expect((await app.evidence.read(stored.sha256)).equals(bytes)).toBe(true);
        expect((await verifyEvidence(app.evidence)).problems).toEqual([]);
      } finally {
        await app.close();
        await s3.close();
      }
    } catch (error) {
      await app.close().catch(() => undefined);
      throw error;
    }
  }, 60_000);
});
