import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { createApp } from '../../../src/app.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { addPhoto } from '../../../src/modules/photos/photos.usecases.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { expectedRows, readFixture } from '../../unit/photos/photo-fixtures.ts';

const VECTORS = expectedRows().filter((r) => ['pte/LA.png', 'pte/rgb.jpeg'].includes(r.file) && r.quality !== null);
const EXPECTED_TEXT = VECTORS.map((r) => `${r.hash},${r.quality}\n`).join('');

describe('exposure-scanner photos export-hashes', () => {
  const dataDir = makeTempDir();
  const env = { DATA_DIR: dataDir, PHOTO_CROP_REGIONS: 'off' };
  let personId: string;

  beforeAll(async () => {
    // The person and photos are stored by the service's own graph on the same DATA_DIR the command reads.
    const app = await createApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing', instruction: 'none', tried: [] } });
    try {
      const parsed = parseProfile({ names: ['Marie-Claire Dubois'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
      if (!parsed.ok) throw new Error('bad profile');
      personId = await app.profiles.createPerson({ organisationId: await app.profiles.ensureDefaultOrganisation(), label: 'Lola', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
      for (const row of VECTORS) await addPhoto(app.photoDeps, { personId, label: `Lola private ${row.file.split('/').pop()}`, bytes: readFixture(row.file) });
    } finally {
      await app.close();
    }
  }, 60_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints only the hash,quality lines on stdout, so redirecting it gives the same file as the dashboard', async () => {
    const io = captureIo(env);
    expect(await runCli(['photos', 'export-hashes', '--person', personId], io)).toBe(0);
    expect(VECTORS).toHaveLength(2);
    expect(io.out()).toBe(EXPECTED_TEXT);
    expect(io.out()).not.toMatch(/Lola|private|\.png|\.jpeg/);
  });

  it('shows the guidance on stderr: StopNCII.org, Take It Down, and that nothing is uploaded', async () => {
    const io = captureIo(env);
    await runCli(['photos', 'export-hashes', '--person', personId], io);
    expect(io.err()).toContain('StopNCII.org, when the person was 18 or older');
    expect(io.err()).toContain('Take It Down (NCMEC), when the person was under 18');
    expect(io.err()).toContain('This service never uploads hashes anywhere');
  });

  it('prints the person id and the hashes as one JSON object with --json', async () => {
    const io = captureIo(env);
    expect(await runCli(['photos', 'export-hashes', '--person', personId, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ personId, hashes: VECTORS.map((r) => ({ pdq: r.hash, quality: r.quality })) });
  });

  it('records the export in the audit log as done from the command line, with the person id only', async () => {
    await runCli(['photos', 'export-hashes', '--person', personId, '--json'], captureIo(env));
    const app = await createApp(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing', instruction: 'none', tried: [] } });
    try {
      const rows = app.db.$client.prepare("select account_id as accountId, subject_id as subjectId, detail from audit_log where action = 'exported' and subject_type = 'photo-hashes'").all() as { accountId: string | null; subjectId: string; detail: string }[];
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.at(-1)).toMatchObject({ accountId: null, subjectId: personId });
      expect(JSON.parse(rows.at(-1)!.detail)).toEqual({ via: 'cli', hashes: 2 });
    } finally {
      await app.close();
    }
  });

  it('names an unknown person with its stable error code and exits 65', async () => {
    const io = captureIo(env);
    expect(await runCli(['photos', 'export-hashes', '--person', 'person_nobody'], io)).toBe(65);
    expect(io.err()).toContain('people.not_found');
    expect(io.out()).toBe('');
  });

  it('shows the usage and exits 64 without --person', async () => {
    const io = captureIo(env);
    expect(await runCli(['photos', 'export-hashes'], io)).toBe(64);
    expect(io.err()).toContain('photos export-hashes --person <id>');
  });
});
