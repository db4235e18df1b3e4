import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptClearFieldsOnce, FIELD_ENCRYPTION_STEP } from '../../../src/modules/evidence/field-encryption-upgrade.ts';
import { UPGRADE_MARKER, VAULT_UPGRADE_STEP } from '../../../src/modules/evidence/evidence-upgrade.ts';
import { openEvidenceVault } from '../../../src/modules/evidence/evidence-key.ts';
import { vaultRelativePath } from '../../../src/modules/evidence/vault-format.models.ts';
import { hasCompletedStep, runUpgradeStep } from '../../../src/modules/upgrades/upgrade-steps.repository.ts';
import type { FieldCipher } from '../../../src/modules/evidence/field-cipher.models.ts';
import { createEvidenceTestApp, defaultEvidenceSettings } from '../evidence/evidence-fixtures.ts';

type Ctx = Awaited<ReturnType<typeof createEvidenceTestApp>>;

/** Puts the identifiers back as an earlier version stored them: in clear, and with no record of the sealing step. */
function storeIdentifiersInClear(ctx: Ctx): number {
  const sqlite = ctx.app.db.$client;
  sqlite.prepare("update identifiers set value = 'clear value ' || id").run();
  sqlite.prepare('delete from upgrade_steps where name = ?').run(FIELD_ENCRYPTION_STEP.name);
  return clearIdentifiers(ctx);
}

const clearIdentifiers = (ctx: Ctx) => (ctx.app.db.$client.prepare("select count(*) from identifiers where value like 'clear value %'").pluck().get() as number);
const stepVersion = (ctx: Ctx, name: string) => ctx.app.db.$client.prepare('select version from upgrade_steps where name = ?').pluck().get(name) as number | undefined;
const sealWith = async (ctx: Ctx, cipher: FieldCipher = ctx.app.cipher) => await encryptClearFieldsOnce({ db: ctx.app.db, cipher, logger: ctx.app.logger, clock: ctx.app.clock });

/** The app's cipher, except that sealing fails from the `failAt`-th value on: a start interrupted midway. */
function cipherFailingAt(cipher: FieldCipher, failAt: number): FieldCipher {
  let sealed = 0;
  return {
    ...cipher,
    seal: (plain, binding) => {
      if (++sealed >= failAt) throw new Error('interrupted');
      return cipher.seal(plain, binding);
    },
  };
}

describe('start-up upgrade steps', () => {
  it('seal clear values once, record that, and do not read the rows again at later starts', async () => {
    const ctx = await createEvidenceTestApp();
    expect(await hasCompletedStep(ctx.app.db, FIELD_ENCRYPTION_STEP)).toBe(true);
    expect(storeIdentifiersInClear(ctx)).toBeGreaterThan(1);

    expect(await sealWith(ctx)).toBe('completed');
    expect(clearIdentifiers(ctx)).toBe(0);
    expect(stepVersion(ctx, FIELD_ENCRYPTION_STEP.name)).toBe(FIELD_ENCRYPTION_STEP.version);

    // A later start: a clear value written behind the step's back is proof that the rows were not read.
    ctx.app.db.$client.prepare("update identifiers set value = 'clear value ' || id where rowid = (select min(rowid) from identifiers)").run();
    expect(await sealWith(ctx)).toBe('skipped');
    expect(clearIdentifiers(ctx)).toBe(1);
    await ctx.app.close();
  });

  it('run again after a start interrupted midway, which kept none of its work and recorded nothing', async () => {
    const ctx = await createEvidenceTestApp();
    const clear = storeIdentifiersInClear(ctx);

    await expect(sealWith(ctx, cipherFailingAt(ctx.app.cipher, 2))).rejects.toThrow('interrupted');
    expect(clearIdentifiers(ctx)).toBe(clear);
    expect(stepVersion(ctx, FIELD_ENCRYPTION_STEP.name)).toBeUndefined();

    expect(await sealWith(ctx)).toBe('completed');
    expect(clearIdentifiers(ctx)).toBe(0);
    await ctx.app.close();
  });

  it('run again when the step\'s version differs from the one recorded', async () => {
    const ctx = await createEvidenceTestApp();
    storeIdentifiersInClear(ctx);
    ctx.app.db.$client.prepare('insert into upgrade_steps (name, version, completed_at) values (?, ?, 0)').run(FIELD_ENCRYPTION_STEP.name, FIELD_ENCRYPTION_STEP.version - 1);

    expect(await sealWith(ctx)).toBe('completed');
    expect(clearIdentifiers(ctx)).toBe(0);
    expect(stepVersion(ctx, FIELD_ENCRYPTION_STEP.name)).toBe(FIELD_ENCRYPTION_STEP.version);
    await ctx.app.close();
  });

  it('are not recorded when the step reports it stopped short, so the next start runs it again', async () => {
    const ctx = await createEvidenceTestApp();
    const step = { name: 'test.partial', version: 3 };
    const deps = { db: ctx.app.db, clock: ctx.app.clock };
    let runs = 0;
    expect(await runUpgradeStep(deps, step, async () => ++runs > 1)).toBe('incomplete');
    expect(await runUpgradeStep(deps, step, async () => ++runs > 1)).toBe('completed');
    expect(await runUpgradeStep(deps, step, async () => ++runs > 1)).toBe('skipped');
    expect(await runUpgradeStep(deps, { ...step, version: 4 }, async () => ++runs > 1)).toBe('completed');
    expect(runs).toBe(3);
    await ctx.app.close();
  });

  it('skip the keyed-vault upgrade once recorded, and run it again when the vault\'s marker file is gone', async () => {
    const ctx = await createEvidenceTestApp();
    expect(await hasCompletedStep(ctx.app.db, VAULT_UPGRADE_STEP)).toBe(true);
    const { sha256 } = await ctx.vault.put(randomBytes(500), 'image/png');
    const legacy = path.join(ctx.vault.dir, vaultRelativePath(sha256));
    fs.mkdirSync(path.dirname(legacy), { recursive: true });
    fs.renameSync(ctx.vault.pathOf(sha256), legacy);
    const reopen = async () => await openEvidenceVault({ dataDir: ctx.app.config.dataDir, db: ctx.app.db, settings: defaultEvidenceSettings(), logger: ctx.app.logger, clock: ctx.app.clock });

    // Recorded and marked: the start does not look at the files.
    await reopen();
    expect(fs.existsSync(legacy)).toBe(true);

    // A vault put back from before the upgrade has no marker: it is upgraded again, and recorded again.
    fs.rmSync(path.join(ctx.vault.dir, UPGRADE_MARKER));
    const vault = await reopen();
    expect(fs.existsSync(legacy)).toBe(false);
    expect(await vault.read(sha256)).toHaveLength(500);
    expect(fs.existsSync(path.join(ctx.vault.dir, UPGRADE_MARKER))).toBe(true);
    expect(await hasCompletedStep(ctx.app.db, VAULT_UPGRADE_STEP)).toBe(true);
    await ctx.app.close();
  });
});
