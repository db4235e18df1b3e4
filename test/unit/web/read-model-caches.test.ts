import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { createFieldCipher, fieldBinding } from '../../../src/modules/evidence/field-cipher.models.ts';
import { createDataVersion } from '../../../src/db/data-version.ts';
import { createOpeningCipher, createVersionedCache } from '../../../src/web/read-models/kept-reads.ts';
import { makeTempDir } from '../../helpers/temp-dirs.ts';

const cipher = createFieldCipher({ fieldEncryption: crypto.randomBytes(32), blindIndex: crypto.randomBytes(32) });

describe('the dashboard read models\' caches', () => {
  it('still refuse a sealed value moved to another row after it was opened in its own row', () => {
    const opening = createOpeningCipher(cipher);
    const sealed = cipher.seal('https://forum.example/t/1-robin', fieldBinding('hits', 'url', 'hit_a'));
    expect(opening.open(sealed, fieldBinding('hits', 'url', 'hit_a'))).toBe('https://forum.example/t/1-robin');
    expect(() => opening.open(sealed, fieldBinding('hits', 'url', 'hit_b'))).toThrow();
  });

  it('recompute a kept result after this connection writes and after another connection commits, and not otherwise', async () => {
    const file = path.join(makeTempDir('es-cache-'), 'db.sqlite');
    const reader = new Database(file);
    reader.pragma('journal_mode = WAL');
    reader.exec('create table t (n integer)');
    const other = new Database(file);
    const kept = createVersionedCache<number>(createDataVersion({ $client: reader } as unknown as Db));
    let computed = 0;
    const count = () => kept('all', async () => (computed++, (reader.prepare('select count(*) n from t').get() as { n: number }).n));
    expect(await count()).toBe(0);
    expect(await count()).toBe(0);
    expect(computed).toBe(1);
    reader.prepare('insert into t values (1)').run();
    expect(await count()).toBe(1);
    other.prepare('insert into t values (2)').run();
    expect(await count()).toBe(2);
    expect(computed).toBe(3);
    reader.close();
    other.close();
  });
});
