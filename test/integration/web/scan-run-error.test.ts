import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../accounts/web-session.ts';
import { runErrors, scanStoppedError } from '../../../src/modules/scans/run-errors.models.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

describe("a scan's failure, in the reader's language", () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let nothingSearched: string;
  let stopped: string;

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Marie', language: 'nl', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    const personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    const newRun = async () => (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['google-lens'], allowHosts: [], rotationCursor: 0 })).run.id;
    // A run whose engines searched nothing, ended by the repository itself.
    nothingSearched = await newRun();
    await w.app.scans.markRunning(nothingSearched, 0);
    await w.app.scans.markSearchesFinished(nothingSearched);
    expect(await w.app.scans.finishIfComplete(nothingSearched)).toMatchObject({ status: 'failed', error: runErrors.nothingSearched });
    // A run whose job gave up: the job's own error stays as it was written.
    stopped = await newRun();
    await w.app.scans.failRun(stopped, scanStoppedError('lease expired (the worker stopped)'));
  });
  afterAll(() => w?.close());

  it('shows the reason in Dutch on the scan page, with the technical detail kept', async () => {
    const none = (await browser.get(`/scans/${nothingSearched}?lang=nl`)).body;
    expect(none).toContain('Er is niets gezocht: de gekozen zoekmachines hadden niets om naar te zoeken');
    expect(none).not.toContain('Nothing was searched');
    const gaveUp = (await browser.get(`/scans/${stopped}?lang=nl`)).body;
    expect(gaveUp).toContain('De scan is gestopt: lease expired (the worker stopped)');
    expect(gaveUp).not.toContain('The scan stopped');
  });

  it('shows it in English to an English reader, and the API keeps the English text people script against', async () => {
    expect((await browser.get(`/scans/${nothingSearched}?lang=en`)).body).toContain(runErrors.nothingSearched);
    const api = await browser.get(`/api/scans/${stopped}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ error: 'The scan stopped: lease expired (the worker stopped)' });
  });
});
