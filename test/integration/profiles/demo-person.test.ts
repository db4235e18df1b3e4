import { afterEach, describe, expect, it } from 'vitest';
import { addDemoPhotos, ensureDemoPerson } from '../../../src/demo/demo-web.ts';
import { demoPhotoFiles } from '../../../src/demo/demo-person.ts';
import type { DemoWeb } from '../../../src/app.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const demoAt = (url: string): DemoWeb => ({ url, engines: [], allowHosts: [new URL(url).host] });

describe('the demo person at start', () => {
  let app: Awaited<ReturnType<typeof createTestApp>> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is added once, not due until the photos are in, follows the simulated web\'s address, and gets the photos a stopped start left out', async () => {
    app = await createTestApp();
    const first = await ensureDemoPerson(app, demoAt('http://127.0.0.1:4001'));
    expect(first.needsPhotos).toBe(true);
    expect((await app.profiles.listPeople()).find((p) => p.id === first.personId)!.nextScanAt).toBeNull();

    // The start was stopped before the photos were in: the next start, on another port, finds the same person
    // without photos and adds them again.
    const again = await ensureDemoPerson(app, demoAt('http://127.0.0.1:4002'));
    expect(again).toEqual({ personId: first.personId, needsPhotos: true });
    expect((await app.profiles.listPeople()).filter((p) => p.isDemo)).toHaveLength(1);
    expect((await app.profiles.loadProfileFile(first.personId)).ownUrls).toEqual(['http://127.0.0.1:4002/site/lola-official/']);

    await addDemoPhotos(app, first.personId);
    expect((await app.photos.list(first.personId))).toHaveLength(demoPhotoFiles.length);
    expect((await app.profiles.listPeople()).find((p) => p.id === first.personId)!.nextScanAt).toEqual(app.clock.now());
    expect(await ensureDemoPerson(app, demoAt('http://127.0.0.1:4002'))).toEqual({ personId: first.personId, needsPhotos: false });
  });
});
