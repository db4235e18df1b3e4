import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.ts';
import { createApp } from '../../../src/app.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { runCli } from '../../../src/cli/main.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { startS3Server } from '../../helpers/s3-server.ts';

type S3 = Awaited<ReturnType<typeof startS3Server>>;

/** The service as it runs with EVIDENCE_STORE=s3: a database file in DATA_DIR, the sealed files in the bucket. */
async function openService(dataDir: string, s3: S3) {
  return await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...s3.env }), {
    db: openDatabase(path.join(dataDir, 'exposure-scanner.sqlite')),
    logger: createLogger({ level: 'silent' }),
    browserLocation: { kind: 'missing', instruction: 'none', tried: [] },
  });
}

/** A fresh machine: an empty DATA_DIR holding only the evidence key, as the restore instructions ask. */
function emptyDataDirWithKey(from: string): string {
  const dir = makeTempDir('es-restore-');
  fs.copyFileSync(path.join(from, 'evidence.key'), path.join(dir, 'evidence.key'));
  fs.chmodSync(path.join(dir, 'evidence.key'), 0o600);
  return dir;
}

describe('restore with EVIDENCE_STORE=s3', () => {
  const servers: S3[] = [];
  let sourceDir: string;
  let backupDir: string;
  const stored: { sha256: string; bytes: Buffer }[] = [];

  beforeAll(async () => {
    const source = await startS3Server();
    servers.push(source);
    sourceDir = makeTempDir('es-source-');
    const app = await openService(sourceDir, source);
    try {
      for (const text of ['screenshot of a page that shows a home address', 'html of a forum thread', 'a photo found on a paste site']) {
        const bytes = Buffer.from(text);
        stored.push({ sha256: (await app.evidence.put(bytes, 'application/octet-stream')).sha256, bytes });
      }
    } finally {
      await app.close();
    }
    backupDir = path.join(makeTempDir('es-backups-'), 'one');
    const io = captureIo({ DATA_DIR: sourceDir, ...source.env });
    expect(await runCli(['backup', '--out', backupDir, '--json'], io), io.err()).toBe(0);
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('puts the evidence into the empty bucket, not into DATA_DIR, and evidence verify finds it clean', async () => {
    const target = await startS3Server();
    servers.push(target);
    const dataDir = emptyDataDirWithKey(sourceDir);
    const io = captureIo({ DATA_DIR: dataDir, ...target.env });
    expect(await runCli(['restore', backupDir, '--json'], io), io.err()).toBe(0);
    const restored = JSON.parse(io.out());
    expect(restored).toMatchObject({ ok: true, evidenceInto: expect.stringMatching(/^s3:\/\/evidence\//), verify: { ok: true, problems: [] } });
    expect(restored.verify.files).toBe(stored.length);

    const localVault = path.join(dataDir, 'evidence');
    expect(fs.existsSync(localVault) ? fs.readdirSync(localVault).filter((f) => /^[0-9a-f]{2}$/.test(f)) : []).toEqual([]);

    const verify = captureIo({ DATA_DIR: dataDir, ...target.env });
    expect(await runCli(['evidence', 'verify', '--json'], verify), verify.err()).toBe(0);
    expect(JSON.parse(verify.out())).toMatchObject({ ok: true, problems: [] });

    const app = await openService(dataDir, target);
    try {
      expect(app.evidence.store.kind).toBe('s3');
      for (const { sha256, bytes } of stored) expect((await app.evidence.read(sha256)).equals(bytes)).toBe(true);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('refuses a bucket that holds evidence of another installation, and leaves DATA_DIR empty', async () => {
    const target = await startS3Server();
    servers.push(target);
    const other = await openService(makeTempDir('es-other-'), target);
    try {
      await other.evidence.put(Buffer.from('someone else\'s evidence'), 'application/octet-stream');
    } finally {
      await other.close();
    }
    const dataDir = emptyDataDirWithKey(sourceDir);
    const io = captureIo({ DATA_DIR: dataDir, ...target.env });
    expect(await runCli(['restore', backupDir, '--json'], io)).not.toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ ok: false, code: 'restore.target_not_empty', message: expect.stringContaining('1 file(s) that are not in this backup') });
    expect(fs.existsSync(path.join(dataDir, 'exposure-scanner.sqlite'))).toBe(false);
  }, 60_000);
});
