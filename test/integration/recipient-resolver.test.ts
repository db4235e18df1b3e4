import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRecipient, type FetchedText, type ResolverDeps } from '../../src/modules/takedowns/recipient-resolver.ts';
import type { BootstrapService } from '../../src/modules/takedowns/rdap.parser.ts';

const NOW = new Date('2026-11-01T00:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/rdap/${name}`, import.meta.url), 'utf8');

/** Serves recorded RDAP answers; `{{BASE}}` in a fixture becomes this server's address. */
function startRdapServer(requests: string[]) {
  const routes: Record<string, string> = {
    '/bootstrap/ipv4.json': 'ipv4-bootstrap.json',
    '/bootstrap/ipv6.json': 'ipv6-bootstrap.json',
    '/bootstrap/dns.json': 'dns-bootstrap.json',
    '/rdap/rir/ip/192.0.2.10': 'ip-network-nested-abuse.json',
    '/rdap/rir/ip/2001:db8::10': 'ip-network-ripe-style.json',
    '/rdap/rir/ip/203.0.113.7': 'ip-network-cdn.json',
    '/rdap/registry/domain/site.example': 'domain-registrar-abuse.json',
    '/rdap/registry/domain/thin.example': 'domain-thin.json',
    '/rdap/registrar/domain/thin.example': 'registrar-domain-thin.json',
  };
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '');
    requests.push(path);
    // An RDAP server that accepts the connection and never answers.
    if (path === '/rdap/rir/ip/192.0.2.99') return;
    const file = routes[path];
    if (!file) {
      res.writeHead(404, { 'content-type': 'application/rdap+json' }).end('{"errorCode":404}');
      return;
    }
    const { port } = server.address() as AddressInfo;
    res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(fixture(file).replaceAll('{{BASE}}', `http://127.0.0.1:${port}`));
  });
  return server;
}

/** One server playing several websites, told apart by the Host header. */
function startSiteServer() {
  const sites: Record<string, Record<string, { status: number; type: string; body: string }>> = {
    'site.example': {
      '/gallery/123': {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="de"><body><main><img src="/i/1.jpg"></main>
          <footer><a href="/contact">Kontakt</a> · <a href="/impressum">Impressum</a> · <a href="/agb">AGB</a>
          <a href="https://twitter.example/share?u=x">Teilen</a></footer></body></html>`,
      },
      '/impressum': { status: 200, type: 'text/html', body: '<h1>Impressum</h1><p>Verantwortlich: Example Media GmbH</p><a href="mailto:legal@site.example">legal@site.example</a>' },
      '/contact': { status: 200, type: 'text/html', body: '<form action="/send"><textarea></textarea></form>' },
      '/.well-known/security.txt': { status: 200, type: 'text/plain', body: 'Contact: mailto:security@site.example\nExpires: 2027-06-01T00:00:00Z\nPreferred-Languages: de, en\n' },
    },
    'thin.example': {
      '/.well-known/security.txt': { status: 200, type: 'text/plain', body: 'Contact: mailto:security@thin.example\nExpires: 2024-01-01T00:00:00Z\n' },
    },
    'v6.example': {
      '/p': { status: 200, type: 'text/html', body: '<p>Nothing to see.</p>' },
    },
  };
  return http.createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0] ?? '';
    const page = sites[host]?.[req.url ?? ''];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    res.writeHead(page.status, { 'content-type': page.type }).end(page.body);
  });
}

/** A fetcher for the test web: named hosts go to the local site server, 127.0.0.1 URLs go where they say. */
function localFetchText(sitePort: number, knownHosts: string[]): ResolverDeps['fetchText'] {
  return (url) =>
    new Promise<FetchedText | null>((resolve) => {
      const u = new URL(url);
      const port = u.hostname === '127.0.0.1' ? Number(u.port) : knownHosts.includes(u.hostname) ? sitePort : null;
      if (!port) return resolve(null);
      const req = http.get({ host: '127.0.0.1', port, path: u.pathname + u.search, headers: { host: u.host }, timeout: 3000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          if (body.length > 1_000_000) req.destroy();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, contentType: res.headers['content-type'] ?? null }));
        res.on('error', () => resolve(null));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(null));
    });
}

const IPS: Record<string, string> = {
  'site.example': '192.0.2.10',
  'thin.example': '203.0.113.7',
  'slow.example': '192.0.2.99',
  'v6.example': '2001:db8::10',
};

describe('resolveRecipient against a local RDAP server and a local site', () => {
  const rdapRequests: string[] = [];
  const rdapServer = startRdapServer(rdapRequests);
  const siteServer = startSiteServer();
  let rdapBase = '';
  let sitePort = 0;

  beforeAll(async () => {
    await new Promise<void>((r) => rdapServer.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => siteServer.listen(0, '127.0.0.1', r));
    rdapBase = `http://127.0.0.1:${(rdapServer.address() as AddressInfo).port}`;
    sitePort = (siteServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    rdapServer.closeAllConnections();
    siteServer.closeAllConnections();
    await new Promise((r) => rdapServer.close(r));
    await new Promise((r) => siteServer.close(r));
  });

  function deps(overrides: Partial<ResolverDeps> = {}): ResolverDeps {
    return {
      // slow.example resolves but has no web server: its page and security.txt cannot be fetched.
      fetchText: localFetchText(sitePort, ['site.example', 'thin.example', 'v6.example']),
      resolveIp: async (host) => IPS[host] ?? null,
      rdap: { ipv4Url: `${rdapBase}/bootstrap/ipv4.json`, ipv6Url: `${rdapBase}/bootstrap/ipv6.json`, dnsUrl: `${rdapBase}/bootstrap/dns.json` },
      timeoutMs: 1500,
      ...overrides,
    };
  }

  it("finds the site's own legal address on its imprint page, with host and registrar as alternatives", async () => {
    rdapRequests.length = 0;
    const url = `http://site.example:${sitePort}/gallery/123`;
    const r = await resolveRecipient({ url, now: NOW }, deps());

    expect(r.recipient).toEqual({ kind: 'email', address: 'legal@site.example', confidence: 'high', source: 'contact_page:mailto' });
    const alt = r.alternatives.map((a) => `${a.confidence} ${a.source} ${a.address ?? a.formUrl}`);
    expect(alt).toEqual([
      'medium rdap_ip:abuse_role abuse@hosting.example',
      'medium rdap_domain:registrar_abuse abuse@registrar.example',
      // The imprint and contact pages are not forms: the address found behind them replaces them.
      'low security_txt security@site.example',
      'low fallback:rfc2142 abuse@site.example',
    ]);
    expect(r.steps).toEqual([
      { step: 'platform', outcome: 'none' },
      { step: 'page', outcome: 'found' },
      { step: 'contact_page', outcome: 'found' },
      { step: 'security_txt', outcome: 'found' },
      { step: 'rdap_ip', outcome: 'found' },
      { step: 'cdn', outcome: 'none' },
      { step: 'rdap_domain', outcome: 'found' },
      { step: 'fallback', outcome: 'found' },
    ]);
    expect(rdapRequests).toEqual(expect.arrayContaining(['/bootstrap/ipv4.json', '/rdap/rir/ip/192.0.2.10', '/bootstrap/dns.json', '/rdap/registry/domain/site.example']));
    expect(rdapRequests).not.toContain('/rdap/wrong-rir/ip/192.0.2.10');
  });

  it('sends a CDN-fronted site to the CDN abuse form and follows a thin registry to the registrar', async () => {
    const r = await resolveRecipient({ url: `http://thin.example:${sitePort}/post/9`, now: NOW }, deps());
    expect(r.recipient).toEqual({ kind: 'form', formUrl: 'https://www.cloudflare.com/abuse', confidence: 'medium', source: 'cdn:cloudflare' });
    expect(r.alternatives).toEqual(
      expect.arrayContaining([
        { kind: 'email', address: 'abuse@thin-registrar.example', confidence: 'medium', source: 'rdap_domain:registrar_abuse' },
        { kind: 'email', address: 'abuse@cdn.example', confidence: 'low', source: 'rdap_ip:abuse_role' },
      ]),
    );
    expect(r.alternatives.some((a) => a.address === 'security@thin.example')).toBe(false);
    expect(r.steps).toEqual(
      expect.arrayContaining([
        { step: 'page', outcome: 'failed', detail: 'http_404' },
        { step: 'security_txt', outcome: 'none', detail: 'stale' },
        { step: 'cdn', outcome: 'found' },
      ]),
    );
  });

  it('looks up an IPv6 host through the IPv6 bootstrap', async () => {
    const r = await resolveRecipient({ url: `http://v6.example:${sitePort}/p`, now: NOW }, deps());
    expect(r.recipient).toMatchObject({ address: 'abuse@voorbeeld.example', confidence: 'medium', source: 'rdap_ip:abuse_role' });
  });

  it('survives an RDAP server that never answers and a site that cannot be reached', async () => {
    const r = await resolveRecipient({ url: 'https://slow.example/x', now: NOW }, deps({ timeoutMs: 300 }));
    expect(r.recipient).toEqual({ kind: 'email', address: 'abuse@slow.example', confidence: 'low', source: 'fallback:rfc2142' });
    expect(r.steps).toEqual(
      expect.arrayContaining([
        { step: 'page', outcome: 'failed', detail: 'unreachable' },
        { step: 'rdap_ip', outcome: 'failed', detail: 'timeout' },
        { step: 'rdap_domain', outcome: 'failed', detail: 'http_404' },
      ]),
    );
  });

  it('records an unreachable bootstrap file as a failed step', async () => {
    const r = await resolveRecipient(
      { url: `http://site.example:${sitePort}/gallery/123`, now: NOW },
      deps({ rdap: { ipv4Url: `${rdapBase}/missing/ipv4.json`, ipv6Url: `${rdapBase}/missing/ipv6.json`, dnsUrl: `${rdapBase}/missing/dns.json` } }),
    );
    expect(r.steps).toEqual(
      expect.arrayContaining([
        { step: 'rdap_ip', outcome: 'failed', detail: 'bootstrap_http_404' },
        { step: 'rdap_domain', outcome: 'failed', detail: 'bootstrap_http_404' },
      ]),
    );
    expect(r.recipient?.address).toBe('legal@site.example');
  });

  it('uses fixed RDAP base URLs when configured so', async () => {
    rdapRequests.length = 0;
    const r = await resolveRecipient(
      { url: `http://site.example:${sitePort}/gallery/123`, html: '<p>no links</p>', now: NOW },
      deps({ rdap: { ipBaseUrl: `${rdapBase}/rdap/rir`, domainBaseUrl: `${rdapBase}/rdap/registry/` } }),
    );
    expect(r.recipient).toMatchObject({ address: 'abuse@hosting.example', confidence: 'medium' });
    expect(rdapRequests.some((p) => p.startsWith('/bootstrap/'))).toBe(false);
  });

  it('fetches each bootstrap file once when given a shared cache', async () => {
    rdapRequests.length = 0;
    const bootstrapCache = new Map<string, BootstrapService[]>();
    const url = `http://site.example:${sitePort}/gallery/123`;
    await resolveRecipient({ url, html: '', now: NOW }, deps({ bootstrapCache }));
    await resolveRecipient({ url, html: '', now: NOW }, deps({ bootstrapCache }));
    expect(rdapRequests.filter((p) => p === '/bootstrap/ipv4.json')).toHaveLength(1);
    expect(rdapRequests.filter((p) => p === '/bootstrap/dns.json')).toHaveLength(1);
    expect(rdapRequests.filter((p) => p === '/rdap/rir/ip/192.0.2.10')).toHaveLength(2);
  });
});
