import { transaction } from '../../../src/db/transaction.ts';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { identifierIndexScope } from '../../../src/modules/profiles/profiles.repository.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { encryptClearFields } from '../../../src/modules/evidence/field-encryption-upgrade.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

const key = randomBytes(32).toString('base64');
const label = 'Marie-Claire Dubois';

/** Every way the demo person's identifiers could sit in the file: as written, E.164, and the normalised forms. */
const needles = [
  ...Object.values(demoIdentifiers).flat(),
  '+32470123456', 'marie-claire dubois', 'lola velvet', 'rue des tanneurs 14 1000 bruxelles',
];

async function start(dataDir: string): Promise<App> {
  return await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', EVIDENCE_KEY: key }), {
    db: openDatabase(path.join(dataDir, 'exposure-scanner.sqlite')),
    logger: createLogger({ level: 'silent' }),
    browserLocation: { kind: 'missing', instruction: 'none', tried: [] },
  });
}

/** Closes nothing itself: checkpoints the WAL into the main file the way a clean shutdown does, then reads both. */
function rawBytes(dataDir: string): Buffer {
  const file = path.join(dataDir, 'exposure-scanner.sqlite');
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

function leaks(bytes: Buffer): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${needle} (UTF-8)`);
    if (bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${needle} (UTF-16LE)`);
    if (bytes.includes(Buffer.from(needle, 'utf16le').swap16())) found.push(`${needle} (UTF-16BE)`);
  }
  return found;
}

async function storePerson(app: App): Promise<{ personId: string; hitId: string }> {
  const profile = profileOf({ ...demoIdentifiers, ownUrls: ['https://lola.example/lolavelvet'] });
  const personId = await app.profiles.createPerson({ organisationId: await app.profiles.ensureDefaultOrganisation(), label, language: 'fr', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile });
  const { hit } = await transaction(app.db, async () => await app.hits.upsert({
    personId, url: 'https://paste.example/p/1', normalizedUrl: 'https://paste.example/p/1', finalUrl: null, host: 'paste.example', title: 'paste', pageLanguage: 'en',
    severity: 'critical', categories: ['phone'], linkage: true, reasons: ['Your phone number is on this page.'], scanRunId: 'run_1',
    matches: [
      { kind: 'phone', value: '+32 470 12 34 56', found: '0470 12 34 56', reason: 'Phone number +32 470 12 34 56 written as 0470 12 34 56' },
      { kind: 'name', value: 'Marie-Claire Dubois', found: 'MARIE-CLAIRE DUBOIS', reason: 'Name Marie-Claire Dubois written as MARIE-CLAIRE DUBOIS' },
      { kind: 'email', value: 'mc.dubois@example.be', found: 'mc.dubois [at] example [dot] be', reason: 'Email address mc.dubois@example.be' },
    ],
  }));
  return { personId, hitId: hit.id };
}

describe('people\'s identifiers at rest', () => {
  it('never appear in the SQLite file, in UTF-8 or UTF-16, while the repositories still return them', async () => {
    const dataDir = makeTempDir();
    const app = await start(dataDir);
    const { personId, hitId } = await storePerson(app);
    // Equality lookups and de-duplication use the blind index of the normalised value (E.164 for phones).
    const normalized = (kind: string) => (app.db.$client.prepare('select normalized from identifiers where kind = ?').get(kind) as { normalized: string }).normalized;
    expect(normalized('phone')).toBe(app.cipher.index(identifierIndexScope('phone'), '+32470123456'));
    expect(() => app.db.$client.prepare("insert into identifiers (id, person_id, kind, value, normalized, position, created_at) values ('idf_x', ?, 'phone', 'x', ?, 9, 0)").run(personId, normalized('phone'))).toThrow(/UNIQUE/);
    await app.close();

    expect(leaks(rawBytes(dataDir))).toEqual([]);

    const again = await start(dataDir);
    expect(await again.profiles.loadProfileFile(personId)).toMatchObject({ ...demoIdentifiers, ownUrls: ['https://lola.example/lolavelvet'] });
    expect((await again.profiles.getPerson(personId))?.label).toBe(label);
    expect((await again.profiles.findPersonByLabel(await again.profiles.ensureDefaultOrganisation(), label))?.id).toBe(personId);
    expect((await again.hits.matchesOf(hitId)).map((m) => [m.value, m.found])).toContainEqual(['+32 470 12 34 56', '0470 12 34 56']);
    await again.close();
  });

  it('are encrypted at start-up when an earlier version stored them in clear, once, without losing any', async () => {
    const dataDir = makeTempDir();
    const app = await start(dataDir);
    const { personId, hitId } = await storePerson(app);
    const sqlite = app.db.$client;
    // What an earlier version left: clear values and clear normalised forms.
    const clear = await app.profiles.loadProfileFile(personId);
    sqlite.prepare('update people set label = ? where id = ?').run(label, personId);
    sqlite.prepare("update identifiers set value = 'Lola Velvet', normalized = 'lola velvet' where kind = 'alias'").run();
    sqlite.prepare("update own_urls set url = 'https://lola.example/lolavelvet', normalized_url = 'https://lola.example/lolavelvet'").run();
    sqlite.prepare("update matches set value = '+32 470 12 34 56', found = '0470 12 34 56', reason = null where kind = 'phone'").run();
    // An earlier version's database has no record of the sealing step either.
    sqlite.prepare('delete from upgrade_steps').run();
    await app.close();
    expect(leaks(rawBytes(dataDir)).length).toBeGreaterThan(0);

    const upgraded = await start(dataDir);
    expect(await upgraded.profiles.loadProfileFile(personId)).toEqual(clear);
    expect((await upgraded.profiles.getPerson(personId))?.label).toBe(label);
    expect((await upgraded.hits.matchesOf(hitId)).find((m) => m.kind === 'phone')).toMatchObject({ value: '+32 470 12 34 56', found: '0470 12 34 56', reason: null });
    // The migrated alias carries the same blind index a fresh write would, so lookups and de-duplication still find it.
    const alias = upgraded.db.$client.prepare("select normalized from identifiers where kind = 'alias'").get() as { normalized: string };
    expect(alias.normalized).toBe(upgraded.cipher.index(identifierIndexScope('alias'), 'lola velvet'));
    expect(await encryptClearFields({ db: upgraded.db, cipher: upgraded.cipher, logger: upgraded.logger })).toBe(0);
    await upgraded.close();
    expect(leaks(rawBytes(dataDir))).toEqual([]);
  });
});
