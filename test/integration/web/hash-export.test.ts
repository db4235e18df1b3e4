import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp } from '../../helpers/test-app.ts';
import { createTestAccount, type TestAccount } from '../../helpers/test-auth.ts';
import { buildServer } from '../../../src/web/server.ts';
import { organisations } from '../../../src/db/schema/index.ts';
import { createId } from '../../../src/shared/ids.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { messages, type MessageKey } from '../../../src/web/views/i18n/index.ts';
import { html } from '../../../src/web/views/html.ts';
import { expectedRows, readFixture } from '../../unit/photos/photo-fixtures.ts';

// Two reference images whose hash and quality python-threatexchange publishes (exact asserts).
const VECTORS = expectedRows().filter((r) => ['pte/LA.png', 'pte/rgb.jpeg'].includes(r.file) && r.quality !== null);
const LABELS = ['Lola holiday LA.png', 'Lola bedroom rgb.jpeg'];
const GUIDANCE: MessageKey[] = ['person.hashExport', 'person.hashExportLead', 'person.hashExportFor', 'person.hashExportStopNcii', 'person.hashExportTakeItDown', 'person.hashExportLimit'];
const escaped = (text: string) => String(html`${text}`);

describe('the photo hash export', async () => {
  const app = await createTestApp({ env: { PHOTO_CROP_REGIONS: 'off' } });
  let server: FastifyInstance;
  let personId: string;
  let emptyPersonId: string;
  let owner: TestAccount;
  let otherOrgAdmin: TestAccount;
  let unassignedCaseworker: TestAccount;
  const url = (id: string) => `/api/people/${id}/photos/pdq.txt`;

  const newPerson = async (organisationId: string, label: string) => {
    const parsed = parseProfile({ names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('bad profile');
    return await app.profiles.createPerson({ organisationId, label, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
  };

  beforeAll(async () => {
    server = await buildServer(app);
    const orgA = await app.profiles.ensureDefaultOrganisation();
    const orgB = createId('org');
    app.db.insert(organisations).values({ id: orgB, name: 'Other organisation', createdAt: app.clock.now() }).run();
    personId = await newPerson(orgA, 'Lola');
    emptyPersonId = await newPerson(orgA, 'No photos');
    owner = await createTestAccount(app, { role: 'caseworker', organisationId: orgA, assign: [personId, emptyPersonId] });
    unassignedCaseworker = await createTestAccount(app, { role: 'caseworker', organisationId: orgA });
    otherOrgAdmin = await createTestAccount(app, { role: 'admin', organisationId: orgB });
    // The photos arrive the way the dashboard sends them, so the export reads what an upload stores.
    for (const [i, row] of VECTORS.entries()) {
      const res = await server.inject({
        method: 'POST', url: `/api/people/${personId}/photos?label=${encodeURIComponent(LABELS[i]!)}`,
        headers: { ...owner.headers, 'content-type': row.file.endsWith('.png') ? 'image/png' : 'image/jpeg' }, payload: readFixture(row.file),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await app.close();
  });

  const exportsLogged = () => app.db.$client.prepare("select subject_id as subjectId, account_id as accountId, detail from audit_log where action = 'exported' and subject_type = 'photo-hashes'").all() as { subjectId: string; accountId: string; detail: string | null }[];

  it('gives the owner one hash,quality line per photo, exactly the reference hashes, as a download with a fixed file name', async () => {
    const res = await server.inject({ url: url(personId), headers: owner.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="pdq-hashes.txt"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(VECTORS).toHaveLength(2);
    expect(res.body).toBe(VECTORS.map((r) => `${r.hash},${r.quality}\n`).join(''));
  });

  it('holds no photo label, file name or name of the person', async () => {
    const body = (await server.inject({ url: url(personId), headers: owner.headers })).body;
    for (const text of [...LABELS, 'Lola', 'Dubois', 'Velvet', '.png', '.jpeg', 'LA', 'rgb']) expect(body).not.toContain(text);
    for (const line of body.trimEnd().split('\n')) expect(line).toMatch(/^[0-9a-f]{64},(100|[1-9]?[0-9])$/);
  });

  it('answers another organisation\'s administrator exactly as for a person that does not exist', async () => {
    const refused = await server.inject({ url: url(personId), headers: otherOrgAdmin.headers });
    const missing = await server.inject({ url: url('person_doesnotexist'), headers: otherOrgAdmin.headers });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual(missing.json());
    expect(refused.json().error.code).toBe('people.not_found');
    expect(refused.body).not.toContain(VECTORS[0]!.hash);
  });

  it('refuses a caseworker of the same organisation who is not assigned to the person', async () => {
    const res = await server.inject({ url: url(personId), headers: unassignedCaseworker.headers });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a request without an account', async () => {
    expect((await server.inject({ url: url(personId) })).statusCode).toBe(401);
  });

  it('records each download in the audit log by person id, and no refusal', async () => {
    const before = exportsLogged().length;
    await server.inject({ url: url(personId), headers: owner.headers });
    await server.inject({ url: url(personId), headers: otherOrgAdmin.headers });
    const after = exportsLogged();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ subjectId: personId, accountId: owner.accountId });
  });

  it('gives an empty file for a person without photos', async () => {
    const res = await server.inject({ url: url(emptyPersonId), headers: owner.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it.each(['en', 'nl', 'fr', 'de'] as const)('shows the download and the StopNCII and Take It Down guidance on the person page in %s', async (lang) => {
    const page = await server.inject({ url: `/people/${personId}?lang=${lang}`, headers: owner.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="${url(personId)}" download="pdq-hashes.txt"`);
    expect(page.body).toContain(escaped(messages[lang]['person.hashExportDownload']));
    for (const key of GUIDANCE) expect(page.body, key).toContain(escaped(messages[lang][key]));
    expect(page.body).toContain('href="https://stopncii.org/');
    expect(page.body).toContain('href="https://takeitdown.ncmec.org/');
  });

  it('keeps the guidance but offers no download while the person has no photos', async () => {
    const page = await server.inject({ url: `/people/${emptyPersonId}?lang=en`, headers: owner.headers });
    expect(page.body).not.toContain(url(emptyPersonId));
    expect(page.body).toContain(escaped(messages.en['person.hashExportEmpty']));
    expect(page.body).toContain(escaped(messages.en['person.hashExportStopNcii']));
  });
});
