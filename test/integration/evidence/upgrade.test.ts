import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEvidenceVault } from '../../../src/modules/evidence/evidence-key.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import { recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { listCustody } from '../../../src/modules/evidence/custody-log.repository.ts';
import { genesisHash, legacyCustodyEntryHash } from '../../../src/modules/evidence/custody-log.models.ts';
import { vaultRelativePath } from '../../../src/modules/evidence/vault-format.models.ts';
import { UPGRADE_MARKER } from '../../../src/modules/evidence/evidence-upgrade.ts';
import type { Db } from '../../../src/db/client.ts';
import { createMemoryLogger } from '../../helpers/test-app.ts';
import { createEvidenceTestApp, defaultEvidenceSettings } from './evidence-fixtures.ts';

/** Re-chains the whole custody log with plain SHA-256, as versions before keyed MACs wrote it. */
async function rechainPlain(db: Db, edit?: { seq: number; detail: string }): Promise<void> {
  let prev = genesisHash;
  for (const entry of await listCustody(db)) {
    const detail = edit?.seq === entry.seq ? (JSON.parse(edit.detail) as Record<string, unknown>) : entry.detail;
    const entryHash = legacyCustodyEntryHash({ ...entry, detail, prevHash: prev });
    db.$client.prepare('update custody_log set detail = ?, prev_hash = ?, entry_hash = ? where seq = ?').run(JSON.stringify(detail), prev, entryHash, entry.seq);
    prev = entryHash;
  }
}

/** A DATA_DIR as an install before keyed names and MACs left it: files under their plain hash, a plain chain, no marker. */
async function legacyInstall() {
  const ctx = await createEvidenceTestApp();
  const { vault, hit } = ctx;
  const shot = await vault.put(randomBytes(3000), 'image/png');
  const html = await vault.put(Buffer.from('<html>exposed</html>'), 'text/html');
  const { custody } = await recordCapture(vault, { captureId: 'cap_1', hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: hit.url, visit: null, artifacts: { screenshot: shot.sha256, html: html.sha256 }, capturedAt: ctx.app.clock.now(), actor: 'scanner' });
  for (const sha of [shot.sha256, html.sha256]) {
    const legacy = path.join(vault.dir, vaultRelativePath(sha));
    fs.mkdirSync(path.dirname(legacy), { recursive: true });
    fs.renameSync(vault.pathOf(sha), legacy);
  }
  await rechainPlain(ctx.app.db);
  fs.rmSync(path.join(vault.dir, UPGRADE_MARKER));
  const reopen = async () => {
    const memory = createMemoryLogger();
    const reopened = await openEvidenceVault({ dataDir: ctx.app.config.dataDir, db: ctx.app.db, settings: defaultEvidenceSettings(), logger: memory.logger, clock: ctx.app.clock });
    return { vault: reopened, lines: memory.lines };
  };
  return { ...ctx, shas: [shot.sha256, html.sha256], captureSeq: custody.seq, reopen };
}

describe('upgrading a vault written before keyed names and custody MACs', () => {
  it('renames the files to keyed names, re-chains the log with MACs and records that it did', async () => {
    const ctx = await legacyInstall();
    const before = await listCustody(ctx.app.db);
    const { vault } = await ctx.reopen();
    for (const sha of ctx.shas) {
      expect(fs.existsSync(path.join(vault.dir, vaultRelativePath(sha)))).toBe(false);
      expect(fs.existsSync(vault.pathOf(sha))).toBe(true);
    }
    const after = await listCustody(ctx.app.db);
    expect(after.slice(0, before.length).map((e) => [e.seq, e.action, e.detail])).toEqual(before.map((e) => [e.seq, e.action, e.detail]));
    expect(after.slice(before.length).map((e) => e.action)).toEqual(['chain_migrated', 'files_renamed']);
    expect(after.find((e) => e.action === 'chain_migrated')!.detail).toMatchObject({ entries: before.length, lastLegacyHash: before.at(-1)!.entryHash });
    const report = await verifyEvidence(vault);
    expect(report.problems).toEqual([]);
    expect(await vault.read(ctx.shas[1]!)).toEqual(Buffer.from('<html>exposed</html>'));
    await ctx.app.close();
  });

  it('does nothing more when it runs again (a second start, or a start after a crash mid-way)', async () => {
    const ctx = await legacyInstall();
    // A crash after the first rename: one file under each scheme.
    const [first] = ctx.shas;
    const keyedPath = ctx.vault.pathOf(first!);
    fs.renameSync(path.join(ctx.vault.dir, vaultRelativePath(first!)), keyedPath);
    await ctx.reopen();
    const entries = (await listCustody(ctx.app.db)).length;
    const { vault } = await ctx.reopen();
    expect(await listCustody(ctx.app.db)).toHaveLength(entries);
    expect((await verifyEvidence(vault)).ok).toBe(true);
    await ctx.app.close();
  });

  it('keeps a legacy chain that was already broken as it is, logs it, and verify names where it breaks', async () => {
    const ctx = await legacyInstall();
    ctx.app.db.$client.prepare("update custody_log set actor = 'someone' where seq = ?").run(ctx.captureSeq);
    const before = await listCustody(ctx.app.db);
    const { vault, lines } = await ctx.reopen();
    expect((await listCustody(ctx.app.db)).slice(0, before.length)).toEqual(before);
    expect(lines.join('\n')).toContain('the custody log is broken and was kept');
    const custody = (await verifyEvidence(vault)).problems.filter((p) => p.kind === 'custody');
    expect(custody[0]).toMatchObject({ problem: 'unkeyed' });
    expect(custody[1]).toMatchObject({ subject: String(ctx.captureSeq), problem: 'altered' });
    await ctx.app.close();
  });

  it('never launders a chain rewritten with plain SHA-256 after the upgrade', async () => {
    const ctx = await createEvidenceTestApp();
    const shot = await ctx.vault.put(randomBytes(100), 'image/png');
    const { custody } = await recordCapture(ctx.vault, { captureId: 'cap_1', hitId: ctx.hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: ctx.hit.url, visit: null, artifacts: { screenshot: shot.sha256 }, capturedAt: ctx.app.clock.now(), actor: 'scanner' });
    await rechainPlain(ctx.app.db, { seq: custody.seq, detail: JSON.stringify({ ...custody.detail, outcome: 'removed' }) });
    const reopened = await openEvidenceVault({ dataDir: ctx.app.config.dataDir, db: ctx.app.db, settings: defaultEvidenceSettings(), logger: ctx.app.logger, clock: ctx.app.clock });
    expect((await listCustody(ctx.app.db)).some((e) => e.action === 'chain_migrated')).toBe(false);
    expect((await verifyEvidence(reopened)).ok).toBe(false);
    await ctx.app.close();
  });
});
