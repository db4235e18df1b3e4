import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPhotosFromFiles } from '../../../src/modules/photos/photos.usecases.ts';
import { demoPhotoFiles } from '../../../src/demo/demo-person.ts';
import { createTestApp, makeTempDir } from '../../helpers/test-app.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';

describe("a profile file's photos, added together", () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let personId: string;
  beforeAll(async () => {
    app = await createTestApp();
    const organisationId = await app.profiles.ensureDefaultOrganisation();
    personId = await app.profiles.createPerson({ organisationId, label: 'p', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: profileOf(demoIdentifiers) });
  });
  afterAll(() => app?.close());

  it('stores none of the new ones when one file is not an image, and says which kind of problem it was', async () => {
    const notAnImage = path.join(makeTempDir(), 'holiday.jpg');
    fs.writeFileSync(notAnImage, 'this is a text file, not a photo');
    await expect(syncPhotosFromFiles(app.photoDeps, personId, [...demoPhotoFiles, notAnImage])).rejects.toMatchObject({ code: expect.stringMatching(/^photos\./) });
    expect(await app.photos.list(personId)).toEqual([]);
  });

  it('stores every one of them, each with its own hashes', async () => {
    expect(await syncPhotosFromFiles(app.photoDeps, personId, [...demoPhotoFiles].reverse())).toEqual({ added: demoPhotoFiles.length, removed: 0 });
    const stored = await app.photos.list(personId);
    expect(stored.map((p) => p.label).sort()).toEqual(demoPhotoFiles.map((f) => path.basename(f)).sort());
    expect(stored.every((p) => /^[0-9a-f]{16,}$/.test(p.pdq))).toBe(true);
    expect(new Set(stored.map((p) => p.sha256)).size).toBe(demoPhotoFiles.length);
  });
});
