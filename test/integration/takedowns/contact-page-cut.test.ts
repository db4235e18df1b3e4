import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEgress } from '../../helpers/egress.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { createGuardedFetchText } from '../../../src/modules/takedowns/takedown-deps.ts';
import { resolveRecipient, type ResolverDeps } from '../../../src/modules/takedowns/recipient-resolver.ts';

// Contact pages are read up to 2 MiB. A site whose contact page is longer has its address past the cut unseen,
// so the resolver's answer says the page was cut instead of passing "none found" off as the site giving none.

const NOW = new Date('2026-11-01T00:00:00Z');
const FILLER = `<p>${'Terms and conditions apply to every visitor of this site. '.repeat(60_000)}</p>`; // ~3.5 MB

const PAGES: Record<string, string> = {
  '/gallery/1': '<main><img src="/i/1.jpg"></main><footer><a href="/contact">Contact</a></footer>',
  '/gallery/2': '<main><img src="/i/2.jpg"></main><footer><a href="/report-abuse">Report abuse</a></footer>',
  // The address comes after 3.5 MB of text: a reader that stops at 2 MiB never sees it.
  '/contact': `<h1>Contact</h1>${FILLER}<a href="mailto:abuse@long-site.example">abuse@long-site.example</a>`,
  // The address comes first, then the same text: found, and the cut is still said.
  '/report-abuse': `<h1>Report abuse</h1><a href="mailto:abuse@long-site.example">Abuse desk</a>${FILLER}`,
};

describe('a contact page longer than the lookup reads', () => {
  const egress = createTestEgress();
  const server = http.createServer((req, res) => {
    const body = PAGES[req.url ?? ''];
    if (body === undefined) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    // Streamed without a length, as a page rendered on the fly is: the fetch stops reading at its limit.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  });
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await egress.close();
  });

  function deps(): ResolverDeps {
    const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], egress });
    return {
      fetchText: createGuardedFetchText(guard, { timeoutMs: 10_000 }),
      resolveIp: async () => null,
      // No RDAP server answers here; the hosting and registrar steps fail, which is not what is looked at.
      rdap: { ipBaseUrl: `${base}/rdap/`, domainBaseUrl: `${base}/rdap/` },
      timeoutMs: 10_000,
    };
  }

  it('says the contact page was cut when the address past the cut was not found', async () => {
    const r = await resolveRecipient({ url: `${base}/gallery/1`, now: NOW }, deps());
    const step = r.steps.find((s) => s.step === 'contact_page');
    expect(step?.outcome).toBe('none');
    expect(step?.detail).toMatch(/^contact page too long: only the first \d+ characters were read$/);
    const read = Number(/first (\d+) characters/.exec(step?.detail ?? '')?.[1]);
    expect(read).toBeGreaterThan(2_000_000);
    expect(read).toBeLessThanOrEqual(2 * 1024 * 1024 + 65_536);
    expect([r.recipient, ...r.alternatives].some((c) => c?.address === 'abuse@long-site.example')).toBe(false);
  });

  it('says the contact page was cut even when the address before the cut was found', async () => {
    const r = await resolveRecipient({ url: `${base}/gallery/2`, now: NOW }, deps());
    expect(r.recipient).toMatchObject({ kind: 'email', address: 'abuse@long-site.example', source: 'contact_page:mailto' });
    expect(r.steps.find((s) => s.step === 'contact_page')).toEqual({
      step: 'contact_page', outcome: 'found', detail: expect.stringMatching(/^contact page too long: only the first \d+ characters were read$/),
    });
  });
});
