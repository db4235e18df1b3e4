import { transaction } from '../../../src/db/transaction.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../accounts/web-session.ts';
import { createTestAccount } from '../../helpers/test-auth.ts';
import { GUIDANCE_TEXT, GUIDANCE_TOPICS, HELPLINES, SOURCES } from '../../../src/web/views/guidance/index.ts';
import { en as enMessages } from '../../../src/web/views/i18n/en.ts';

const LANGS = ['en', 'nl', 'fr', 'de'] as const;
const PAGES = ['/guidance', ...GUIDANCE_TOPICS.map((t) => `/guidance/${t}`)];
const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

/** Visible text: tags removed and the entities the escaper writes turned back. */
const textOf = (html: string) =>
  html.replace(/<[^>]*>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('"What to do now" guidance pages', () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let personId = '';
  let hitId = '';
  let intimateHitId = '';

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Lola', language: 'fr', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    const upsert = async (url: string, categories: string[]) =>
      await transaction(w.app.db, async () => await w.app.hits.upsert({
        personId, url, normalizedUrl: url, finalUrl: null, host: new URL(url).host, title: 'Lola Velvet', pageLanguage: 'en', severity: 'high',
        categories, linkage: false, reasons: [], scanRunId: run.id, matches: [{ kind: 'alias', value: 'Lola Velvet' }],
      }));
    await upsert('https://paste.example/p/1', ['home_address']);
    await upsert('https://tube.example/v/1', ['intimate_media']);
    const hits = await w.app.hits.listForPerson(personId);
    hitId = hits.find((h) => h.url.includes('paste'))!.id;
    intimateHitId = hits.find((h) => h.url.includes('tube'))!.id;
  });
  afterAll(() => w?.close());

  it.each(LANGS)('renders every guidance page in %s with every helpline of every country, its number and its source', async (lang) => {
    for (const path of PAGES) {
      const res = await browser.get(`${path}?lang=${lang}`);
      expect(res.statusCode, path).toBe(200);
      const text = textOf(res.body);
      for (const country of Object.values(GUIDANCE_TEXT[lang].countries)) expect(text, `${path} ${country}`).toContain(country);
      for (const h of HELPLINES) {
        expect(text, `${path} ${h.name}`).toContain(h.name);
        for (const c of h.contacts) expect(text, `${path} ${h.name} ${c.text}`).toContain(c.text);
        expect(text, `${path} ${h.id}`).toContain(GUIDANCE_TEXT[lang].helps[h.id]!);
        for (const s of h.sources) expect(res.body, `${path} source ${s}`).toContain(`id="src-${s}"`);
      }
      expect(res.body).toContain(`<html lang="${lang}">`);
    }
  });

  it.each(LANGS)('shows no placeholder, untranslated key or English step text on the %s pages', async (lang) => {
    const keys = Object.keys(enMessages).filter((k) => k.includes('.'));
    for (const path of PAGES) {
      const text = textOf((await browser.get(`${path}?lang=${lang}`)).body);
      expect(text, path).not.toMatch(/\{[a-z]+\}|undefined|null|TODO|XXX|lorem/i);
      for (const key of keys) expect(text, `${path} ${key}`).not.toContain(key);
      if (lang !== 'en') for (const topic of GUIDANCE_TOPICS) for (const step of GUIDANCE_TEXT.en.topics[topic].steps) expect(text, `${path} ${step.title}`).not.toContain(step.title);
    }
  });

  it('cites, under each step, sources that are listed with their links at the foot of the page', async () => {
    const body = (await browser.get('/guidance/intimate-images?lang=en')).body;
    expect(body).toContain('href="#src-p3"');
    expect(body).toContain(`href="${SOURCES.p3.url}"`);
    expect(body).toContain('href="https://takeitdown.ncmec.org/faq/"');
    // The contacts carry the date they were listed from the sources.
    expect(textOf(body)).toContain("Contacts as the sources listed them on Dec 4, 2026.");
    expect(textOf(body)).toContain("Listed Dec 4, 2026 · Source: Knack");
    // The advice never to send the images is ours, and says so.
    expect(textOf(body)).toContain('Our advice');
  });

  it('offers "What to do now" on the overview and on every exposure page, with the matching topic', async () => {
    const overview = (await browser.get('/overview?lang=en')).body;
    expect(overview).toContain('href="/guidance"');
    expect(overview).toContain('What to do now');
    const dox = (await browser.get(`/exposures/${hitId}?lang=de`)).body;
    expect(dox).toContain(`href="/guidance/doxxing?exposure=${hitId}"`);
    expect(dox).toContain('Was jetzt tun?');
    const intimate = (await browser.get(`/exposures/${intimateHitId}?lang=en`)).body;
    expect(intimate).toContain(`href="/guidance/intimate-images?exposure=${intimateHitId}"`);
  });

  it('links back to the exposure’s evidence pack and takedown when reached from one', async () => {
    const body = (await browser.get(`/guidance/doxxing?exposure=${hitId}&lang=en`)).body;
    expect(body).toContain(`href="/exposures/${hitId}#evidence"`);
    expect(body).toContain(`href="/exposures/${hitId}#takedown"`);
    expect(body).toContain(`href="/guidance/sextortion?exposure=${hitId}"`);
    const plain = (await browser.get('/guidance/doxxing?lang=en')).body;
    expect(plain).toContain('href="/exposures"');
    expect(plain).not.toContain('#takedown');
  });

  it('lets a person account read the guidance but not use another person’s exposure in its links', async () => {
    const other = await browser.submit('/people', '/people', { label: 'Sam', language: 'en', schedule: '0 4 * * *', profile: JSON.stringify({ ...profile, names: ['Sam Example'], aliases: ['samx'] }) });
    const otherId = /\/people\/(person_[a-z0-9]+)/.exec(other.headers.location!)![1]!;
    const person = await createTestAccount(w.app, { role: 'person', personId: otherId });
    const session = await w.server.accountsDeps.sessions.create(person.accountId, 3_600_000);
    const as = (url: string) => w.server.inject({ url, headers: { cookie: `es_session=${session.token}` } });
    expect((await as('/guidance/sextortion?lang=nl')).statusCode).toBe(200);
    expect((await as(`/guidance/doxxing?exposure=${hitId}`)).statusCode).toBe(404);
  });

  it('answers an unknown topic with the not-found page', async () => {
    expect((await browser.get('/guidance/unknown-topic')).statusCode).toBe(404);
  });
});
