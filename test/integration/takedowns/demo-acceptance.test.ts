import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED_PAGES } from '../../../src/simweb/planted.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { parseMail, personalData, startSmtpServer } from '../alerts/alerts-setup.ts';

/**
 * Issue 6 on the simulated web: every planted exposure gets an alert and a drafted takedown to the
 * recipient the site itself names, on a legal basis, in the site's language; the email that arrives has
 * no personal data in its subject.
 */
describe('alerts and drafts for a demo scan', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const { createSimulatedWeb } = await import('../../../src/simweb/server.ts');
    const web = await createSimulatedWeb({ port: 0 });
    const host = new URL(web.url).host;
    harness = await startScanHarness({
      web,
      photos: true,
      env: {
        ALLOW_PRIVATE_HOSTS: host,
        SMTP_URL: smtp.url(),
        ALERT_EMAIL_TO: 'inbox@example.org',
        ALERT_EMAIL_FROM: 'Scanner <scanner@example.org>',
        TAKEDOWN_SENDER_EMAIL: 'helper@support.example',
        TAKEDOWN_SENDER_NAME: 'L. V.',
        RDAP_IP_URL: 'http://127.0.0.1:9/',
        RDAP_DOMAIN_URL: 'http://127.0.0.1:9/',
      },
    });
    await harness.startWorker();
    await harness.waitForRun((await harness.startScan()).id);
    const until = Date.now() + 90_000;
    const pending = () => (harness.app.db.$client.prepare("select count(*) n from jobs where status in ('queued','running') and kind in ('takedowns.open_case','alerts.deliver')").get() as { n: number }).n;
    while (pending() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  }, 240_000);
  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
  });

  const planted = PLANTED_PAGES.filter((p) => p.expect === 'hit');
  const hitAt = async (path: string) => (await harness.app.hits.listForPerson(harness.personId)).find((h) => harness.path(h.url) === path)!;

  it.each(planted.map((p) => [p.path, p] as const))('alerts and drafts a takedown for %s', async (path, page) => {
    const hit = await hitAt(path);
    const alerts = harness.app.db.$client.prepare("select kind from alerts where hit_id = ?").all(hit.id) as { kind: string }[];
    expect(alerts).toEqual([{ kind: 'exposure' }]);

    const c = (await harness.app.takedowns.cases.getByHit(hit.id))!;
    expect(c, `no case for ${path}`).toBeTruthy();
    expect(c.language).toBe(page.lang);
    expect(c.bases.length).toBeGreaterThan(0);
    const recipient = c.recipient as { kind: string; address?: string; formUrl?: string };
    const expected = page.recipients.map((r) => (r.kind === 'email' ? r.address : new URL(r.formUrl, harness.web.url).href));
    expect(expected, `${path} recipient ${JSON.stringify(recipient)}`).toContain(recipient.address ?? recipient.formUrl);
    expect(c.draftSubject).toBeTruthy();
    expect(c.draftBody).toContain(hit.url);
    // The draft carries only what the person chose to say: no legal name, no phone, no address.
    expect(c.draftBody).not.toMatch(/Marie-Claire|Dubois|470 12|Tanneurs/);
  });

  it('sends email alerts whose subjects carry no personal data', () => {
    expect(smtp.received.length).toBeGreaterThan(0);
    for (const mail of smtp.received) {
      const parsed = parseMail(mail.raw);
      const subject = parsed.headers.get('subject') ?? '';
      for (const secret of personalData) expect(subject).not.toContain(secret);
      // Nothing about the person, and not the address of the page that exposes them.
      for (const secret of ['Marie', 'Lola', '470 12', 'Tanneurs', new URL(harness.web.url).host, '/site/']) expect(parsed.decoded).not.toContain(secret);
      expect(parsed.decoded).toContain('http://127.0.0.1:8080/');
    }
  });
});
