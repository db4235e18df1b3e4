import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../../src/db/transaction.ts';
import { openCaseJobKey } from '../../../src/modules/takedowns/takedowns.job-kinds.ts';
import { startWeb } from '../accounts/web-session.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

/**
 * A new exposure's takedown is drafted by a job. Until it is, the exposure page says it is being prepared;
 * when the job gives up, the page says so (not "not prepared yet", as if nothing had been tried) and offers
 * to try again.
 */
describe("an exposure whose takedown is still being drafted, or whose drafting failed", () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let hitId: string;

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Marie', language: 'en', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    const personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    hitId = (await transaction(w.app.db, async () => await w.app.hits.upsert({
      personId, url: 'https://board.example/t/1', normalizedUrl: 'https://board.example/t/1', finalUrl: null, host: 'board.example', title: 'A thread', pageLanguage: null,
      severity: 'high', categories: ['doxxing'], linkage: false, reasons: ['Your name appears on the page.'], scanRunId: run.id, source: 'page',
      matches: [],
    }))).hit.id;
  });
  afterAll(() => w?.close());

  it('says the takedown is being prepared while its job waits, that it failed once the job gave up, and drafts it when asked again', async () => {
    expect((await browser.get(`/exposures/${hitId}`)).body).toContain('No takedown has been prepared for this page yet.');
    expect((await browser.get('/exposures')).body).not.toContain('Draft failed');

    await w.app.jobs.enqueue({ kind: 'takedowns.open_case', payload: { hitId }, idempotencyKey: openCaseJobKey(hitId) });
    const pending = (await browser.get(`/exposures/${hitId}`)).body;
    expect(pending).toContain('The takedown for this page is being prepared');
    expect(pending).not.toContain('No takedown has been prepared');

    // Every try fails, through the queue itself, until the job is dead.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [job] = await w.app.jobs.claim({ owner: 'test-worker', kind: 'takedowns.open_case', limit: 1, leaseMs: 60_000 });
      expect(job, `attempt ${attempt + 1}`).toBeDefined();
      await w.app.jobs.fail({ id: job!.id, owner: 'test-worker', error: 'rdap.unreachable: <b>the registry</b> did not answer', retryDelayMs: 0 });
    }
    const failed = (await browser.get(`/exposures/${hitId}`)).body;
    expect(failed).toContain('Preparing the takedown for this page failed, three times.');
    expect(failed).toContain('What went wrong: rdap.unreachable: &lt;b&gt;the registry&lt;/b&gt; did not answer');
    expect(failed).toContain('Try preparing it again');
    expect(failed).not.toContain('being prepared');
    expect(failed).not.toContain('<b>the registry');
    // The list says so too, beside the exposure.
    const listed = (await browser.get('/exposures')).body;
    expect(listed).toContain('<span class="badge st-failed">Draft failed</span>');
    const nl = (await browser.get(`/exposures/${hitId}?lang=nl`)).body;
    expect(nl).toContain('Het opstellen van het verwijderverzoek voor deze pagina is drie keer mislukt.');

    const again = await browser.submit(`/exposures/${hitId}`, `/exposures/${hitId}/case`, {});
    expect(again.statusCode).toBe(303);
    expect(await w.app.takedowns.cases.getByHit(hitId)).not.toBeNull();
    const drafted = (await browser.get(`/exposures/${hitId}`)).body;
    expect(drafted).not.toContain('Preparing the takedown for this page failed');
    expect(drafted).not.toContain('Try preparing it again');
    const relisted = (await browser.get('/exposures?lang=en')).body;
    expect(relisted).not.toContain('Draft failed');
    expect(relisted).toContain('Draft ready');
  });
});
