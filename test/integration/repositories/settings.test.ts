import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { tablesOf } from '../../../src/db/tables.ts';
import { createFieldCipher, SEALED_PREFIX, type FieldCipher } from '../../../src/modules/evidence/field-cipher.models.ts';
import { createSettingsRepository } from '../../../src/modules/settings/settings.repository.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';

const cipher = createFieldCipher({ fieldEncryption: crypto.randomBytes(32), blindIndex: crypto.randomBytes(32) });
const clock = createFixedClock('2026-11-22T10:00:00Z');
const WEBHOOK_SECRET = 'sixteen-chars-or-more';

describe('saved settings', () => {
  let testDb: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    testDb = await openTestDatabase();
    db = testDb.db;
  });
  afterAll(() => testDb?.dispose());

  const storedRows = async () => (await db.select().from(tablesOf(db).serviceSettings)).sort((a, b) => a.key.localeCompare(b.key));

  it('reads back what was saved, with secrets sealed at rest and opened again on reading', async () => {
    const settings = createSettingsRepository({ db, clock, cipher });
    expect(await settings.all()).toEqual({});
    await settings.replace({ TAKEDOWN_SENDER_NAME: 'Support line', WEBHOOK_SECRET }, ['TAKEDOWN_SENDER_NAME', 'WEBHOOK_SECRET'], 'acct_admin');
    expect(await settings.all()).toEqual({ TAKEDOWN_SENDER_NAME: 'Support line', WEBHOOK_SECRET });
    const rows = await storedRows();
    expect(rows.map((r) => [r.key, r.updatedBy])).toEqual([['TAKEDOWN_SENDER_NAME', 'acct_admin'], ['WEBHOOK_SECRET', 'acct_admin']]);
    expect(rows[0]!.value).toBe('Support line');
    expect(rows[1]!.value.startsWith(SEALED_PREFIX)).toBe(true);
    expect(rows[1]!.value).not.toContain(WEBHOOK_SECRET);
  });

  it('overwrites a saved setting in place and removes one that is no longer set', async () => {
    const settings = createSettingsRepository({ db, clock, cipher });
    clock.advance(1000);
    await settings.replace({ TAKEDOWN_SENDER_NAME: 'Night line', UI_DEFAULT_LANGUAGE: 'fr' }, ['TAKEDOWN_SENDER_NAME', 'UI_DEFAULT_LANGUAGE', 'WEBHOOK_SECRET'], null);
    expect(await settings.all()).toEqual({ TAKEDOWN_SENDER_NAME: 'Night line', UI_DEFAULT_LANGUAGE: 'fr' });
    const rows = await storedRows();
    expect(rows.map((r) => r.key)).toEqual(['TAKEDOWN_SENDER_NAME', 'UI_DEFAULT_LANGUAGE']);
    expect(rows[0]).toMatchObject({ updatedBy: null });
    expect(rows[0]!.updatedAt.getTime()).toBe(clock.now().getTime());
  });

  it('applies a change to several settings together or not at all', async () => {
    const failing: FieldCipher = { ...cipher, seal: () => { throw new Error('sealing failed'); } };
    const settings = createSettingsRepository({ db, clock, cipher: failing });
    const before = await settings.all();
    // The plain setting is written first, then sealing the secret fails: the plain one must not stay.
    await expect(settings.replace({ TAKEDOWN_SENDER_NAME: 'Half saved', WEBHOOK_SECRET }, ['TAKEDOWN_SENDER_NAME', 'WEBHOOK_SECRET'], null)).rejects.toThrow('sealing failed');
    expect(await settings.all()).toEqual(before);
  });

  it('gives a fingerprint that stays while nothing changes and moves when a setting is saved or removed', async () => {
    const settings = createSettingsRepository({ db, clock, cipher });
    const first = await settings.fingerprint();
    expect(first).toMatch(/^\d+:\d+$/);
    expect(await settings.fingerprint()).toBe(first);
    clock.advance(1000);
    await settings.replace({ UI_DEFAULT_LANGUAGE: 'de' }, ['UI_DEFAULT_LANGUAGE'], null);
    const second = await settings.fingerprint();
    expect(second).not.toBe(first);
    expect(second).toBe(`2:${clock.now().getTime()}`);
    await settings.replace({}, ['UI_DEFAULT_LANGUAGE'], null);
    expect(await settings.fingerprint()).not.toBe(second);
  });
});
