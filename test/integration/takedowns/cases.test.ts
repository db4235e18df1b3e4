import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { transaction } from '../../../src/db/transaction.ts';
import { buildServer } from '../../../src/web/server.ts';
import { asAdmin } from '../../helpers/test-auth.ts';
import { hits } from '../../../src/db/schema/index.ts';
import { registerTakedownRoutes } from '../../../src/modules/takedowns/takedowns.routes.ts';
import { remindUpcomingDeadlines } from '../../../src/modules/takedowns/cases.deadlines.usecases.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createTakedownEscalateJob, createTakedownSweepJob } from '../../../workers/takedowns.job.ts';
import type { JobContext } from '../../../workers/job-registry.ts';
import { PLACEHOLDER_TEXT, placeholdersIn } from '../../../src/modules/takedowns/draft-placeholders.models.ts';
import { SENDER_EMAIL, createTakedownWorld, parseMail, startRdapServer, startSite, startSmtpServer } from './takedowns-setup.ts';

const DAY = 86_400_000;

describe('a takedown case for a hit on a local page', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  let rdap: Awaited<ReturnType<typeof startRdapServer>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: Awaited<ReturnType<typeof createTakedownWorld>>;
  let server: FastifyInstance;
  let hitId = '';
  let caseId = '';

  const jobContext = (): JobContext => ({
    jobId: 1,
    attempt: 1,
    maxAttempts: 3,
    signal: new AbortController().signal,
    logger: createLogger({ level: 'silent' }),
    complete: (effects) => transaction(world.app.db, effects),
  });

  beforeAll(async () => {
    site = await startSite();
    rdap = await startRdapServer();
    smtp = await startSmtpServer();
    world = await createTakedownWorld({ rdapBase: rdap.base, smtpUrl: smtp.url });
    server = await asAdmin(await buildServer({ ...world.app, routeModules: [(f) => registerTakedownRoutes(f, world.takedowns)] }), world.app);
    hitId = (await world.addHit(`${site.url}/leak`)).id;
  });

  afterAll(async () => {
    await server?.close();
    await world?.close();
    await Promise.all([site?.close(), rdap?.close(), smtp?.close()]);
  });

  it('opens the case with the footer abuse address, EU bases for a person in Belgium, and the page’s language', async () => {
    const res = await server.inject({ method: 'POST', url: `/api/hits/${hitId}/case`, payload: {} });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    caseId = body.id;
    expect(body.status).toBe('new');
    expect(body.recipient).toMatchObject({ kind: 'email', address: 'abuse@leaks.example', confidence: 'high' });
    expect(body.bases).toEqual(['dsa_art16', 'gdpr_art17']);
    expect(body.language).toBe('nl');
    expect(body.subject).toContain('DSA');
    expect(body.body).toContain(`${site.url}/leak`);
    expect(body.copyText.startsWith(body.subject)).toBe(true);
    expect(body.events.map((e: { kind: string }) => e.kind)).toEqual(['opened']);
  });

  it('never offers the person’s own address, exposed on the page, as a recipient', async () => {
    const body = (await server.inject({ method: 'GET', url: `/api/hits/${hitId}/case` })).json();
    const opened = body.events[0].detail;
    const addresses = [opened.recipient, ...opened.alternatives].map((r: { address?: string }) => r.address);
    expect(addresses).toContain('abuse@hosting.example');
    expect(addresses).not.toContain('mc.dubois@example.be');
  });

  it('returns the existing case when it is opened a second time', async () => {
    const res = await server.inject({ method: 'POST', url: `/api/hits/${hitId}/case`, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(caseId);
  });

  it('offers the draft as a mailto: link to the recipient', async () => {
    const res = await server.inject({ method: 'GET', url: `/api/cases/${caseId}/mailto` });
    expect(res.statusCode).toBe(200);
    expect(res.json().mailto).toMatch(/^mailto:abuse@leaks\.example\?subject=[^&]+&body=/);
  });

  it('refuses to send without the person’s confirmation', async () => {
    const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/send`, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('takedowns.confirmation_required');
    expect(smtp.received).toHaveLength(0);
  });

  it('sends through SMTP from the configured sender, with no image and no legal name, and starts the deadline', async () => {
    const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/send`, payload: { confirm: true } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('takedown_sent');
    expect(body.deadlineAt).toBe(new Date(world.app.clock.now().getTime() + 7 * DAY).toISOString());
    expect(body.nextRecheckAt).toBe(new Date(world.app.clock.now().getTime() + DAY).toISOString());
    expect(body.events.at(-1)).toMatchObject({ kind: 'sent', detail: { channel: 'smtp', to: 'abuse@leaks.example', deadlineBasis: 'dsa_art16' } });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['abuse@leaks.example']);
    expect(mail.envelopeFrom).toBe(SENDER_EMAIL);
    const parsed = parseMail(mail.raw);
    expect(parsed.headers.get('from')).toBe(`Lola Velvet <${SENDER_EMAIL}>`);
    expect(parsed.headers.get('reply-to')).toBe(SENDER_EMAIL);
    expect(parsed.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(parsed.body).toContain(`${site.url}/leak`);
    expect(parsed.body).toContain('Lola Velvet');
    for (const forbidden of ['Marie-Claire', 'Dubois', '<img', 'data:image', '.jpg', 'Tanneurs', '470 12 34 56']) expect(parsed.body).not.toContain(forbidden);
  });

  it('records one reminder when the deadline is within a day', async () => {
    world.app.clock.advance(6 * DAY + 12 * 3_600_000);
    const first = await remindUpcomingDeadlines(world.takedowns, world.app.clock.now());
    expect(first.map((r) => r.caseId)).toEqual([caseId]);
    expect(await remindUpcomingDeadlines(world.takedowns, world.app.clock.now())).toEqual([]);
  });

  it('marks the case no_response when the deadline passes and drafts the escalation to the hosting provider from RDAP', async () => {
    world.app.clock.advance(DAY);
    await createTakedownSweepJob(world.app, world.takedowns).handle({} as never, jobContext());
    let body = (await server.inject({ method: 'GET', url: `/api/hits/${hitId}/case` })).json();
    expect(body.status).toBe('no_response');

    const [job] = await world.app.jobs.claim({ owner: 'test', kind: 'takedowns.escalate', limit: 5, leaseMs: 60_000 });
    expect(job?.payload).toEqual({ caseId, fromLevel: 0 });
    await createTakedownEscalateJob(world.takedowns).handle(job!.payload as never, jobContext());
    // A retried job finds the case already escalated and does nothing.
    await createTakedownEscalateJob(world.takedowns).handle(job!.payload as never, jobContext());

    body = (await server.inject({ method: 'GET', url: `/api/hits/${hitId}/case` })).json();
    expect(body.escalationLevel).toBe(1);
    expect(body.audience).toBe('hosting_provider');
    expect(body.recipient).toMatchObject({ kind: 'email', address: 'abuse@hosting.example', source: 'rdap_ip:abuse_role' });
    expect(body.language).toBe('en');
    expect(body.body).toContain('hosting provider');
    expect(body.body).toContain('It is still online');
    expect(body.events.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(1);
    expect(rdap.requests).toContain('/rdap/ip/127.0.0.1');
  });

  it('skips the registrar of an IP address and drafts search-engine delisting through the catalogue’s form', async () => {
    const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/escalate` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.escalation.audience).toBe('search_engine');
    expect(body.escalation.skipped).toEqual([{ audience: 'registrar_cdn', reason: 'rdap_domain_skipped:ip_literal' }]);
    expect(body.recipient).toMatchObject({ kind: 'form', formUrl: 'https://support.google.com/websearch/answer/9673730' });
    expect(body.form.steps.length).toBeGreaterThan(0);
  });

  it('says a form cannot be emailed and offers its address and steps instead', async () => {
    const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/send`, payload: { confirm: true } });
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('takedowns.recipient_is_form');
    expect(error.details.form.formUrl).toBe('https://support.google.com/websearch/answer/9673730');
    expect(error.details.form.steps.length).toBeGreaterThan(0);
  });

  it('drafts the helpline and then a police complaint that references the evidence pack, then stops', async () => {
    const helpline = (await server.inject({ method: 'POST', url: `/api/cases/${caseId}/escalate` })).json();
    expect(helpline.recipient).toMatchObject({ kind: 'named', name: 'IGVM / IEFH (Institute for the Equality of Women and Men)' });
    const police = (await server.inject({ method: 'POST', url: `/api/cases/${caseId}/escalate` })).json();
    expect(police.audience).toBe('police');
    expect(police.body).toContain(`Evidence pack (reference ${caseId})`);
    // Each rung starts again from the site notice's bases, not the search engine's, and a complaint carries no DSA notice.
    expect(helpline.bases).toEqual(['dsa_art16', 'gdpr_art17']);
    expect(police.bases).toEqual(['gdpr_art17']);
    const done = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/escalate` });
    expect(done.statusCode).toBe(409);
    expect(done.json().error.code).toBe('takedowns.escalation_exhausted');
  });

  it('marks the case removed only with confirmation, resolves the hit, and counts it in the host figures', async () => {
    const refused = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/status`, payload: { status: 'removed' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('takedowns.removal_unconfirmed');
    const res = await server.inject({ method: 'POST', url: `/api/cases/${caseId}/status`, payload: { status: 'removed', confirm: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('removed');
    expect(world.app.db.select().from(hits).where(eq(hits.id, hitId)).get()!.status).toBe('resolved');

    const stats = (await server.inject({ method: 'GET', url: '/api/takedowns/stats' })).json();
    expect(stats.hosts).toEqual([{ host: '127.0.0.1', cases: 1, noticesSent: 1, removed: 1, medianHoursToRemoval: 7.5 * 24, ignoredShare: 1 }]);
  });
});

describe('takedown case errors and dismissals', () => {
  let rdap: Awaited<ReturnType<typeof startRdapServer>>;
  let site: Awaited<ReturnType<typeof startSite>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: Awaited<ReturnType<typeof createTakedownWorld>>;
  let server: FastifyInstance;

  beforeAll(async () => {
    rdap = await startRdapServer();
    site = await startSite();
    smtp = await startSmtpServer();
    world = await createTakedownWorld({ rdapBase: rdap.base, smtpUrl: smtp.url, env: { TAKEDOWN_SENDER_EMAIL: '' } });
    server = await asAdmin(await buildServer({ ...world.app, routeModules: [(f) => registerTakedownRoutes(f, world.takedowns)] }), world.app);
  });

  afterAll(async () => {
    await server?.close();
    await world?.close();
    await Promise.all([site?.close(), rdap?.close(), smtp?.close()]);
  });

  it('answers with stable codes for unknown hits and cases', async () => {
    expect((await server.inject({ method: 'POST', url: '/api/hits/hit_nope/case', payload: {} })).json().error.code).toBe('hits.not_found');
    expect((await server.inject({ method: 'GET', url: '/api/cases/case_nope/mailto' })).json().error.code).toBe('takedowns.case_not_found');
    const hitId = (await world.addHit(`${site.url}/leak?other`)).id;
    expect((await server.inject({ method: 'GET', url: `/api/hits/${hitId}/case` })).json().error.code).toBe('takedowns.case_not_found');
  });

  it('drafts the notice at once without a sender address, marking the reply address as a placeholder', async () => {
    const hitId = (await world.addHit(`${site.url}/leak?a`)).id;
    const body = (await server.inject({ method: 'POST', url: `/api/hits/${hitId}/case`, payload: {} })).json();
    expect(body.recipient.address).toBe('abuse@leaks.example');
    expect(body.draftProblem).toBeNull();
    expect(body.placeholders).toEqual(['replyAddress']);
    expect(body.body).toContain(PLACEHOLDER_TEXT[body.language as 'en'].replyAddress);
    expect(body.body).toContain('Lola Velvet');
  });

  it('asks for the reply address on sending, then sends the text with the address filled in', async () => {
    const hitId = (await world.addHit(`${site.url}/leak?send`)).id;
    const opened = (await server.inject({ method: 'POST', url: `/api/hits/${hitId}/case`, payload: {} })).json();
    const missing = await server.inject({ method: 'POST', url: `/api/cases/${opened.id}/send`, payload: { confirm: true } });
    expect(missing.json().error.code).toBe('takedowns.sender_not_configured');
    const invalid = await server.inject({ method: 'POST', url: `/api/cases/${opened.id}/send`, payload: { confirm: true, replyAddress: 'not an address' } });
    expect(invalid.json().error.code).toBe('takedowns.invalid_reply_address');
    expect(smtp.received).toHaveLength(0);

    const sent = await server.inject({ method: 'POST', url: `/api/cases/${opened.id}/send`, payload: { confirm: true, replyAddress: 'Replies@Support.example' } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().status).toBe('takedown_sent');
    expect(sent.json().placeholders).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    const mail = parseMail(smtp.received[0]!.raw);
    expect(mail.headers.get('reply-to')).toBe('replies@support.example');
    expect(mail.body).toContain('replies@support.example');
    expect(placeholdersIn(mail.body)).toEqual([]);
    // The case keeps the text as it went out.
    expect(sent.json().body).toContain('replies@support.example');
  });

  it('dismisses a false positive on the hit too, and can undo it', async () => {
    const hitId = (await world.addHit(`${site.url}/leak?b`)).id;
    const opened = (await server.inject({ method: 'POST', url: `/api/hits/${hitId}/case`, payload: {} })).json();
    const res = await server.inject({ method: 'POST', url: `/api/cases/${opened.id}/status`, payload: { status: 'false_positive' } });
    expect(res.json().status).toBe('false_positive');
    expect((await world.app.hits.get(hitId))!.status).toBe('false_positive');
    const invalid = await server.inject({ method: 'POST', url: `/api/cases/${opened.id}/status`, payload: { status: 'no_response' } });
    expect(invalid.statusCode).toBe(409);
    expect(invalid.json().error.code).toBe('takedowns.invalid_transition');
    await server.inject({ method: 'POST', url: `/api/cases/${opened.id}/status`, payload: { status: 'reviewing' } });
    expect((await world.app.hits.get(hitId))!.status).toBe('seen');
  });

  it('proposes a separate DMCA notice with the Lumen warning when the person owns the copyright', async () => {
    const hitId = (await world.addHit(`${site.url}/leak?c`)).id;
    // Proposed at once, with the reply address still a placeholder; drafted again once it is configured.
    const opened = (await server.inject({ method: 'POST', url: `/api/hits/${hitId}/case`, payload: { ownsCopyright: true } })).json();
    expect(placeholdersIn(opened.dmca.body)).toEqual(['replyAddress']);
    world.takedowns.settings.sender.email = 'agent@org.example';
    const redrafted = (await server.inject({ method: 'POST', url: `/api/hits/${hitId}/case`, payload: { ownsCopyright: true, redraft: true } })).json();
    expect(redrafted.bases).not.toContain('dmca_512c3');
    expect(redrafted.dmca.bases).toEqual(['dmca_512c3']);
    expect(redrafted.dmca.warning).toContain('Lumen');
    expect(redrafted.dmca.body).not.toContain('phone');
    expect(redrafted.dmca.body).toContain('agent@org.example');
    world.takedowns.settings.sender.email = null;
  });

  it('rejects a status that does not exist', async () => {
    // A real case: an unknown case id is refused as not found before its body is looked at.
    const opened = (await server.inject({ method: 'POST', url: `/api/hits/${(await world.addHit(`${site.url}/leak?d`)).id}/case`, payload: {} })).json();
    const res = await server.inject({ method: 'POST', url: `/api/cases/${opened.id}/status`, payload: { status: 'deleted' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
  });
});
