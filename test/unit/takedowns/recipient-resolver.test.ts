import { describe, expect, it } from 'vitest';
import { resolveRecipient, type FetchedText, type ResolverDeps } from '../../../src/modules/takedowns/recipient-resolver.ts';

const NOW = new Date('2026-11-01T00:00:00Z');

/** Dependencies answering from a table; anything not listed is unreachable. */
function fakeDeps(pages: Record<string, FetchedText | 'throw' | 'hang'>, ips: Record<string, string> = {}, extra: Partial<ResolverDeps> = {}): ResolverDeps & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    fetchText: async (url) => {
      fetched.push(url);
      const p = pages[url];
      if (p === 'throw') throw new Error('socket hang up');
      if (p === 'hang') return new Promise<FetchedText | null>(() => {});
      return p ?? null;
    },
    resolveIp: async (host) => ips[host] ?? null,
    rdap: { ipBaseUrl: 'https://rdap.test/', domainBaseUrl: 'https://rdap.test/' },
    timeoutMs: 200,
    ...extra,
  };
}

const html = (body: string): FetchedText => ({ status: 200, body, contentType: 'text/html' });
const json = (value: unknown): FetchedText => ({ status: 200, body: JSON.stringify(value), contentType: 'application/rdap+json' });

describe('resolveRecipient', () => {
  it('sends intimate images on Facebook to the NCII form and fetches nothing', async () => {
    const deps = fakeDeps({});
    const r = await resolveRecipient({ url: 'https://m.facebook.com/photo.php?fbid=1', categories: ['intimate_media', 'home_address'], now: NOW }, deps);
    expect(r.recipient).toEqual({ kind: 'form', formUrl: 'https://www.facebook.com/help/contact/634636250523119', confidence: 'high', source: 'platform:facebook/facebook-ncii' });
    // Only channels for what is exposed: the privacy form, not the copyright or impersonation ones.
    expect(r.alternatives.map((a) => a.source)).toEqual(['platform:facebook/facebook-privacy']);
    expect(r.steps[0]).toEqual({ step: 'platform', outcome: 'found', detail: 'facebook' });
    expect(r.steps.slice(1).every((s) => s.outcome === 'skipped')).toBe(true);
    expect(deps.fetched).toEqual([]);
  });

  it('uses an email channel when that is what the platform offers', async () => {
    const r = await resolveRecipient({ url: 'https://t.me/somechannel/42', categories: ['phone'], bases: ['dmca_512c3'], now: NOW }, fakeDeps({}));
    // Telegram's abuse address is unverified, so the chain goes on and the verified DMCA address wins.
    expect(r.recipient).toMatchObject({ kind: 'email', address: 'dmca@telegram.org', confidence: 'high' });
  });

  it('keeps looking when the platform channel is unverified', async () => {
    const deps = fakeDeps({ 'https://xhamster.com/videos/x': html('<a href="mailto:abuse@xhamster.com">Abuse</a>') });
    const r = await resolveRecipient({ url: 'https://xhamster.com/videos/x', categories: ['intimate_media'], now: NOW }, deps);
    expect(r.recipient).toMatchObject({ kind: 'email', address: 'abuse@xhamster.com', confidence: 'high', source: 'page:mailto' });
    expect(r.alternatives[0]).toMatchObject({ source: 'platform:xhamster/xhamster-site', confidence: 'medium', verify: true });
  });

  it('uses the captured page without fetching it again', async () => {
    const deps = fakeDeps({});
    const r = await resolveRecipient({ url: 'https://blog.example/p/1', html: '<a href="mailto:dmca@blog.example">DMCA</a>', bases: ['dmca_512c3'], now: NOW }, deps);
    expect(r.recipient).toMatchObject({ address: 'dmca@blog.example', confidence: 'high' });
    expect(deps.fetched).not.toContain('https://blog.example/p/1');
  });

  it('prefers the abuse mailbox over the copyright one unless the notice is about copyright', async () => {
    const page = '<footer><a href="mailto:dmca@blog.example">DMCA</a> <a href="mailto:abuse@blog.example">Abuse</a></footer>';
    const privacy = await resolveRecipient({ url: 'https://blog.example/p/1', html: page, categories: ['home_address'], bases: ['gdpr_art17'], now: NOW }, fakeDeps({}));
    expect(privacy.recipient).toMatchObject({ address: 'abuse@blog.example', confidence: 'high' });
    const copyright = await resolveRecipient({ url: 'https://blog.example/p/1', html: '<a href="mailto:dmca@blog.example">DMCA</a>', bases: ['dmca_512c3'], now: NOW }, fakeDeps({}));
    expect(copyright.recipient).toMatchObject({ address: 'dmca@blog.example', confidence: 'high' });
  });

  it('follows the site\'s contact page before its legal notice, which names the hosting company', async () => {
    const deps = fakeDeps({
      'https://forum.example/t/1': html('<footer><a href="/mentions-legales">Mentions légales</a> <a href="/contact">Contact</a></footer>'),
      'https://forum.example/mentions-legales': html('<p>Hébergeur : ExampleHost, <a href="mailto:abuse@examplehost.example">abuse@examplehost.example</a></p>'),
      'https://forum.example/contact': html('<p>Pour signaler un message : <a href="mailto:moderation@forum.example">moderation@forum.example</a></p>'),
    });
    const r = await resolveRecipient({ url: 'https://forum.example/t/1', categories: ['home_address'], now: NOW }, deps);
    expect(r.recipient).toMatchObject({ address: 'moderation@forum.example', confidence: 'high' });
  });

  it('opens the imprint page to find the address behind a footer link', async () => {
    const deps = fakeDeps({
      'https://shop.example/item': html('<footer><a href="/impressum">Impressum</a></footer>'),
      'https://shop.example/impressum': html('<p>E-Mail: <a href="mailto:kontakt@shop.example">kontakt@shop.example</a></p>'),
    });
    const r = await resolveRecipient({ url: 'https://shop.example/item', now: NOW }, deps);
    expect(r.recipient).toMatchObject({ kind: 'email', address: 'kontakt@shop.example', confidence: 'medium', source: 'contact_page:mailto' });
    expect(r.steps.find((s) => s.step === 'contact_page')).toEqual({ step: 'contact_page', outcome: 'found' });
  });

  it('does not follow links to other sites', async () => {
    const deps = fakeDeps({ 'https://shop.example/item': html('<a href="https://other.example/contact">Contact</a>') });
    await resolveRecipient({ url: 'https://shop.example/item', now: NOW }, deps);
    expect(deps.fetched).not.toContain('https://other.example/contact');
  });

  it('records failures and timeouts instead of throwing, and still answers with abuse@domain', async () => {
    const deps = fakeDeps(
      { 'https://down.example/p': 'throw', 'https://down.example/.well-known/security.txt': 'hang', 'https://rdap.test/ip/192.0.2.5': 'hang' },
      { 'down.example': '192.0.2.5' },
    );
    const r = await resolveRecipient({ url: 'https://down.example/p', now: NOW }, deps);
    expect(r.recipient).toEqual({ kind: 'email', address: 'abuse@down.example', confidence: 'low', source: 'fallback:rfc2142' });
    const outcome = Object.fromEntries(r.steps.map((s) => [s.step, `${s.outcome}:${s.detail ?? ''}`]));
    expect(outcome).toMatchObject({
      platform: 'none:',
      page: 'failed:error',
      security_txt: 'failed:timeout',
      rdap_ip: 'failed:timeout',
      cdn: 'skipped:',
      rdap_domain: 'failed:unreachable',
      fallback: 'found:',
    });
  });

  it('reports a DNS failure for the hosting step', async () => {
    const r = await resolveRecipient({ url: 'https://nodns.example/', html: '', now: NOW }, fakeDeps({}));
    expect(r.steps.find((s) => s.step === 'rdap_ip')).toEqual({ step: 'rdap_ip', outcome: 'failed', detail: 'dns_no_answer' });
  });

  it('prefers the host abuse desk (medium) over security.txt (low)', async () => {
    const deps = fakeDeps(
      {
        'https://s.example/.well-known/security.txt': { status: 200, body: 'Contact: mailto:sec@s.example\nExpires: 2027-01-01T00:00:00Z', contentType: 'text/plain' },
        'https://rdap.test/ip/192.0.2.7': json({ entities: [{ roles: ['abuse'], vcardArray: ['vcard', [['email', {}, 'text', 'abuse@host.example']]] }] }),
      },
      { 's.example': '192.0.2.7' },
    );
    const r = await resolveRecipient({ url: 'https://s.example/x', html: '<p>nothing</p>', now: NOW }, deps);
    expect(r.recipient).toMatchObject({ address: 'abuse@host.example', confidence: 'medium', source: 'rdap_ip:abuse_role' });
    expect(r.alternatives.map((a) => a.address)).toEqual(['sec@s.example', 'abuse@s.example']);
  });

  it('ignores bad JSON from an RDAP server', async () => {
    const deps = fakeDeps({ 'https://rdap.test/ip/192.0.2.8': { status: 200, body: '<html>', contentType: 'text/html' } }, { 'j.example': '192.0.2.8' });
    const r = await resolveRecipient({ url: 'https://j.example/', html: '', now: NOW }, deps);
    expect(r.steps.find((s) => s.step === 'rdap_ip')).toEqual({ step: 'rdap_ip', outcome: 'failed', detail: 'bad_json' });
  });

  it('skips the registrar and abuse@ steps for an IP-address URL', async () => {
    const r = await resolveRecipient({ url: 'http://192.0.2.9/x', html: '', now: NOW }, fakeDeps({}));
    expect(r.recipient).toBeNull();
    expect(r.steps.find((s) => s.step === 'fallback')).toEqual({ step: 'fallback', outcome: 'skipped', detail: 'ip_literal' });
  });

  it('answers an invalid URL with a failed step', async () => {
    const r = await resolveRecipient({ url: 'nonsense', now: NOW }, fakeDeps({}));
    expect(r).toEqual({ recipient: null, alternatives: [], steps: [{ step: 'page', outcome: 'failed', detail: 'invalid_url' }] });
  });
});

describe('resolveRecipient with misbehaving dependencies', () => {
  it('records a dependency that throws synchronously as a failed step', async () => {
    const deps = fakeDeps({});
    deps.fetchText = () => {
      throw new Error('boom');
    };
    deps.resolveIp = () => {
      throw new Error('boom');
    };
    const r = await resolveRecipient({ url: 'https://sync.example/x', now: NOW }, deps);
    expect(r.steps.find((s) => s.step === 'page')).toEqual({ step: 'page', outcome: 'failed', detail: 'error' });
    expect(r.steps.find((s) => s.step === 'rdap_ip')).toEqual({ step: 'rdap_ip', outcome: 'failed', detail: 'dns_error' });
    expect(r.recipient?.address).toBe('abuse@sync.example');
  });
});

describe('resolveRecipient with pages longer than it reads', () => {
  const filler = `<p>${'Every visitor agrees to the terms. '.repeat(70_000)}</p>`; // ~2.4 million characters

  it('says the captured page was cut, and how much of it was not read, when the address past the cut is missed', async () => {
    const page = `<h1>Gallery</h1>${filler}<a href="mailto:abuse@long.example">Abuse</a>`;
    const r = await resolveRecipient({ url: 'https://long.example/g/1', html: page, now: NOW }, fakeDeps({}));
    const dropped = page.length - 2 * 1024 * 1024;
    expect(r.steps.find((s) => s.step === 'page')).toEqual({ step: 'page', outcome: 'none', detail: `page too long: the last ${dropped} characters were not read` });
    expect(r.recipient?.address).toBe('abuse@long.example');
    expect(r.recipient?.source).toBe('fallback:rfc2142');
  });

  it('says which contact page fetch stopped at its limit, beside the addresses it found before the cut', async () => {
    const start = '<a href="mailto:support@long.example">Support</a><p>Terms';
    const deps = fakeDeps({
      'https://long.example/g/2': html('<footer><a href="/contact">Contact</a> <a href="/impressum">Imprint</a></footer>'),
      'https://long.example/contact': { status: 200, body: start, contentType: 'text/html', truncated: true },
      'https://long.example/impressum': { status: 200, body: '', contentType: 'text/html', truncated: true },
    });
    const r = await resolveRecipient({ url: 'https://long.example/g/2', now: NOW }, deps);
    // The page itself was read whole: its step says nothing about a cut.
    expect(r.steps.find((s) => s.step === 'page')).toEqual({ step: 'page', outcome: 'found' });
    expect(r.steps.find((s) => s.step === 'contact_page')).toEqual({
      step: 'contact_page', outcome: 'found',
      detail: `contact page too long: only the first ${start.length} characters were read; contact page too long: too large to read`,
    });
    expect(r.recipient).toMatchObject({ address: 'support@long.example', source: 'contact_page:mailto' });
  });
});
