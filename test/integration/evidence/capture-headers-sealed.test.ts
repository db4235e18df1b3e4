import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, makeTempDir } from '../../helpers/test-app.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';
import { columnsHolding, rawDatabaseBytes, textsIn } from '../../helpers/raw-file.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { capturesOfHit, recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { loadEvidenceSubject } from '../../../src/modules/evidence/evidence.repository.ts';
import { encryptClearFieldsOnce, FIELD_ENCRYPTION_STEP } from '../../../src/modules/evidence/field-encryption-upgrade.ts';
import { isSealed } from '../../../src/modules/evidence/field-cipher.models.ts';

/** Response headers as an attacker's page can send them: each names the person one way or another. */
const identifyingHeaders = {
  'content-type': 'text/html; charset=utf-8',
  location: 'http://127.0.0.1:9/u/lolavelvet?from=mc.dubois%40example.be',
  'set-cookie': 'last_profile=lolavelvet; Path=/; HttpOnly',
  'content-disposition': 'attachment; filename="Marie-Claire Dubois - Lola Velvet.mp4"',
  link: '<http://127.0.0.1:9/u/lolavelvet>; rel="canonical"',
};
const needles = [...Object.values(demoIdentifiers).flat(), 'lolavelvet', 'mc.dubois', 'Marie-Claire', 'Lola Velvet'];

type FileApp = Awaited<ReturnType<typeof createTestApp>>;
const opened: FileApp[] = [];

/** An app on a real database file (so its bytes can be read as a copy of the file would be), with the demo person and one hit. */
async function appOnFile() {
  const dataDir = makeTempDir();
  const file = path.join(dataDir, 'exposure-scanner.sqlite');
  const app = await createTestApp({ db: openDatabase(file), env: { DATA_DIR: dataDir } });
  opened.push(app);
  const organisationId = await app.profiles.ensureDefaultOrganisation();
  const personId = await app.profiles.createPerson({ organisationId, label: 'p', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: profileOf(demoIdentifiers) });
  const url = 'http://127.0.0.1:9/post/1';
  const { hit } = await transaction(app.db, async () => await app.hits.upsert({
    personId, url, normalizedUrl: url, finalUrl: url, host: '127.0.0.1', title: null, pageLanguage: null, severity: 'high',
    categories: [], linkage: false, reasons: [], scanRunId: 'run_test', matches: [],
  }));
  await recordCapture(app.evidence, {
    captureId: 'cap_1', hitId: hit.id, purpose: 'initial', outcome: 'captured', requestedUrl: url,
    visit: { finalUrl: url, status: 200, serverIp: '127.0.0.1', headers: identifyingHeaders, title: 'A post', lang: 'en' },
    artifacts: {}, capturedAt: app.clock.now(), actor: 'scanner',
  });
  const storedHeaders = () => app.db.$client.prepare("select headers from captures where id = 'cap_1'").pluck().get() as string | null;
  return { app, file, hit, storedHeaders };
}

afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
});

describe('the response headers a capture recorded', () => {
  it('are sealed in the database file and read back as the same object by every reader', async () => {
    const { app, file, hit, storedHeaders } = await appOnFile();
    expect(isSealed(storedHeaders())).toBe(true);

    const [capture] = await capturesOfHit(app.db, app.cipher, hit.id);
    expect(capture?.headers).toEqual(identifyingHeaders);
    const subject = await loadEvidenceSubject(app.db, app.cipher, hit.id);
    expect(subject.captures[0]?.headers).toEqual(identifyingHeaders);

    await app.close();
    opened.length = 0;
    expect(textsIn(rawDatabaseBytes(file), needles), columnsHolding(file, needles).join(', ')).toEqual([]);
  });

  it('stored in clear by an earlier version are sealed by the start-up upgrade and read back identically', async () => {
    const { app, file, hit, storedHeaders } = await appOnFile();
    // What an earlier version wrote: the JSON in clear, and a sealing step completed before headers were sealed.
    app.db.$client.prepare("update captures set headers = ? where id = 'cap_1'").run(JSON.stringify(identifyingHeaders));
    app.db.$client.prepare('update upgrade_steps set version = ? where name = ?').run(FIELD_ENCRYPTION_STEP.version - 1, FIELD_ENCRYPTION_STEP.name);
    expect(storedHeaders()).toBe(JSON.stringify(identifyingHeaders));

    expect(await encryptClearFieldsOnce({ db: app.db, cipher: app.cipher, logger: app.logger, clock: app.clock })).toBe('completed');
    expect(isSealed(storedHeaders())).toBe(true);
    expect((await capturesOfHit(app.db, app.cipher, hit.id))[0]?.headers).toEqual(identifyingHeaders);

    await app.close();
    opened.length = 0;
    expect(textsIn(rawDatabaseBytes(file), needles), columnsHolding(file, needles).join(', ')).toEqual([]);
  });
});
