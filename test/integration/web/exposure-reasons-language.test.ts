import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transaction } from '../../../src/db/transaction.ts';
import { classifyPage } from '../../../src/modules/matching/classify.models.ts';
import { matchText } from '../../../src/modules/matching/text-match.models.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { snippetReason } from '../../../src/modules/hits/snippet-match.models.ts';
import { startWeb } from '../accounts/web-session.ts';

const profile = { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'], phones: ['+32 470 12 34 56'], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };

describe("an exposure's reasons, in the reader's language", () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  let hitId: string;
  let stored: string[];

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const created = await browser.submit('/people', '/people', { label: 'Lola', language: 'nl', schedule: '0 4 * * *', profile: JSON.stringify(profile) });
    const personId = /\/people\/(person_[a-z0-9]+)/.exec(created.headers.location!)![1]!;
    // The reasons as the matcher writes them for a real page text.
    const parsed = parseProfile(profile, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('profile');
    const pageText = 'Lola Velvet is really Marie-Claire Dubois, call her on 0470 12 34 56.';
    const classification = classifyPage({ textMatches: matchText(pageText, parsed.profile), photoMatches: [], pageText, url: 'https://board.example/t/1' });
    stored = [...classification.reasons, snippetReason('login_wall'), 'A reason written by another version.'];
    const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
    hitId = (await transaction(w.app.db, async () => await w.app.hits.upsert({
      personId, url: 'https://board.example/t/1', normalizedUrl: 'https://board.example/t/1', finalUrl: null, host: 'board.example', title: 'Lola', pageLanguage: null,
      severity: classification.severity, categories: classification.categories, linkage: classification.linkage, reasons: stored, scanRunId: run.id, source: 'page',
      matches: matchText(pageText, parsed.profile).map((m) => ({ kind: m.kind, value: m.value, found: m.found, reason: m.reason })),
    }))).hit.id;
  });
  afterAll(() => w?.close());

  it('shows them in Dutch on the exposure page, and one it does not know as stored', async () => {
    expect(stored.slice(0, 2)).toEqual(['This page connects your alias with your legal name and your phone number.', 'Your phone number appears together with your name.']);
    const nl = (await browser.get(`/exposures/${hitId}?lang=nl`)).body;
    expect(nl).toContain('Deze pagina verbindt je alias met je officiële naam en je telefoonnummer.');
    expect(nl).toContain('Je telefoonnummer wordt samen met je naam vermeld.');
    expect(nl).toContain('Gezien in zoekresultaten: een zoekmachine toont deze gegevens voor deze pagina, maar de pagina zelf zit achter een login.');
    expect(nl).toContain('A reason written by another version.');
    expect(nl).not.toContain('Your phone number appears');
    // Each match's own reason too, with the person's value and what the page wrote kept as they are.
    expect(nl).toContain('Alias Lola Velvet staat op de pagina');
    expect(nl).toContain('Telefoonnummer +32 470 12 34 56 geschreven als 0470 12 34 56');
    expect(nl).not.toContain('appears on the page');
  });

  it('keeps them in English for an English reader and in the API', async () => {
    const en = (await browser.get(`/exposures/${hitId}?lang=en`)).body;
    expect(en).toContain('Your phone number appears together with your name.');
    expect(en).toContain('Alias Lola Velvet appears on the page');
    const api = await browser.get(`/api/hits/${hitId}`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ reasons: stored });
  });
});
