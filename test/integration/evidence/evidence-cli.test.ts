import { transaction } from '../../../src/db/transaction.ts';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { evidenceCommand } from '../../../src/cli/commands/evidence.command.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { createApp } from '../../../src/app.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { demoProfile } from '../../../src/demo/demo-person.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { listCustody } from '../../../src/modules/evidence/custody-log.repository.ts';
import { canonicalJson, legacyCustodyEntryHash } from '../../../src/modules/evidence/custody-log.models.ts';
import { deriveSubKey } from '../../../src/modules/evidence/key-derivation.models.ts';
import { vaultFileName } from '../../../src/modules/evidence/vault-format.models.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { browserLocation, noBrowser } from './evidence-fixtures.ts';

const key = randomBytes(32).toString('base64');

/** A DATA_DIR as the service leaves it: a database file, a vault and one hit with one capture. */
async function seedDataDir() {
  const dataDir = makeTempDir();
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', EVIDENCE_KEY: key }), { logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing', instruction: 'none', tried: [] } });
  const vault = app.evidence;
  const parsed = parseProfile(demoProfile('http://127.0.0.1:1'), { defaultCountry: 'BE' });
  if (!parsed.ok) throw new Error('profile');
  const personId = await app.profiles.createPerson({ organisationId: await app.profiles.ensureDefaultOrganisation(), label: 'p', language: 'nl', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
  const { hit } = await transaction(app.db, async () => await app.hits.upsert({ personId, url: 'https://forum.example/t/1', normalizedUrl: 'https://forum.example/t/1', finalUrl: null, host: 'forum.example', title: 't', pageLanguage: 'nl', severity: 'medium', categories: ['phone'], linkage: false, reasons: [], scanRunId: 'r', matches: [] }));
  const artifacts = {
    screenshot: (await vault.put(randomBytes(4000), 'image/png')).sha256,
    html: (await vault.put(Buffer.from('<html>x</html>'), 'text/html')).sha256,
  };
  const { custody } = await recordCapture(vault, { captureId: 'cap_cli', hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: hit.url, visit: null, artifacts, capturedAt: app.clock.now(), actor: 'scanner' });
  await app.close();
  return { dataDir, hitId: hit.id, artifacts, custodySeq: custody.seq };
}

const run = async (dataDir: string, argv: string[]) => {
  const io = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: key, CHROMIUM_PATH: browserLocation.kind === 'local' ? browserLocation.executablePath : '' });
  const code = await runCli(argv, io, [evidenceCommand]);
  return { code, out: io.out(), err: io.err() };
};

describe('exposure-scanner evidence', () => {
  it('verify passes on untouched evidence', async () => {
    const { dataDir } = await seedDataDir();
    const result = await run(dataDir, ['evidence', 'verify']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Evidence verification: OK\n  2 file\(s\), 1 capture\(s\), 2 custody entries, last entry #2 [0-9a-f]{64}\n$/);
  });

  it('verify fails and names the file after one byte of it changed', async () => {
    const { dataDir, artifacts } = await seedDataDir();
    const name = vaultFileName(deriveSubKey(Buffer.from(key, 'base64'), 'vaultNames'), artifacts.screenshot);
    const file = path.join(dataDir, 'evidence', name.slice(0, 2), name);
    const bytes = fs.readFileSync(file);
    bytes[100]! ^= 0x80;
    fs.writeFileSync(file, bytes);
    const result = await run(dataDir, ['evidence', 'verify', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as { ok: boolean; problems: { subject: string; message: string }[] };
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ subject: `evidence/${name.slice(0, 2)}/${name}` })]);
  });

  it('verify fails and names the custody entry after one byte of it changed', async () => {
    const { dataDir, custodySeq } = await seedDataDir();
    const { openDatabase, closeDatabase } = await import('../../../src/db/client.ts');
    const db = openDatabase(path.join(dataDir, 'exposure-scanner.sqlite'));
    db.$client.prepare("update custody_log set actor = 'scannes' where seq = ?").run(custodySeq);
    closeDatabase(db);
    const result = await run(dataDir, ['evidence', 'verify']);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`custody log entry ${custodySeq} (captured) was altered`);
  });

  it('verify still names an edited custody entry after it and every later entry were re-chained with plain SHA-256', async () => {
    const { dataDir, custodySeq } = await seedDataDir();
    const { openDatabase, closeDatabase } = await import('../../../src/db/client.ts');
    const db = openDatabase(path.join(dataDir, 'exposure-scanner.sqlite'));
    const entries = await listCustody(db);
    let prev = entries.find((e) => e.seq === custodySeq - 1)!.entryHash;
    for (const entry of entries.filter((e) => e.seq >= custodySeq)) {
      const forged = { ...entry, prevHash: prev, ...(entry.seq === custodySeq ? { detail: { ...entry.detail, outcome: 'removed' } } : {}) };
      prev = legacyCustodyEntryHash(forged);
      db.$client.prepare('update custody_log set detail = ?, prev_hash = ?, entry_hash = ? where seq = ?').run(canonicalJson(forged.detail), forged.prevHash, prev, entry.seq);
    }
    closeDatabase(db);
    const result = await run(dataDir, ['evidence', 'verify', '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as { problems: { kind: string; subject: string; problem: string }[] };
    expect(report.problems.filter((p) => p.kind === 'custody')[0]).toMatchObject({ subject: String(custodySeq), problem: 'altered' });
  });

  it('verify says so when there is no evidence yet', async () => {
    const dataDir = makeTempDir();
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await runCli(['evidence', 'verify'], io, [evidenceCommand])).toBe(0);
    expect(io.out()).toContain('nothing to verify');
    // Like the service's first start, the first command generates the key, and says to back it up.
    expect(fs.statSync(path.join(dataDir, 'evidence.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a wrong key with its stable code', async () => {
    const { dataDir } = await seedDataDir();
    const io = captureIo({ DATA_DIR: dataDir, EVIDENCE_KEY: randomBytes(32).toString('base64') });
    expect(await runCli(['evidence', 'verify'], io, [evidenceCommand])).toBe(1);
    expect(io.err()).toContain('error evidence.wrong_key');
  });

  it('explains its usage', async () => {
    const dataDir = makeTempDir();
    expect((await run(dataDir, ['evidence'])).code).toBe(64);
    expect((await run(dataDir, ['evidence', 'export', 'hit_x'])).code).toBe(64);
    expect((await run(dataDir, ['evidence', 'export', 'hit_x', '--out', dataDir, '--lang', 'xx'])).code).toBe(64);
  });

  it.skipIf(noBrowser)('export writes the PDF and ZIP into --out and prints where', async () => {
    const { dataDir, hitId } = await seedDataDir();
    const out = path.join(makeTempDir(), 'pack');
    const result = await run(dataDir, ['evidence', 'export', hitId, '--out', out, '--json']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out) as { pdf: string; zip: string; language: string };
    expect(summary.language).toBe('nl');
    expect(path.dirname(summary.pdf)).toBe(out);
    expect(fs.readFileSync(summary.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readFileSync(summary.zip).readUInt32LE(0)).toBe(0x04034b50);
    expect((await run(dataDir, ['evidence', 'verify'])).code).toBe(0);
  });
});
