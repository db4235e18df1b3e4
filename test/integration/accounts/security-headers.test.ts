import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from './web-session.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src/web/security-headers.ts';
import { createTestAdmin } from '../../helpers/test-auth.ts';

describe('security headers and the content security policy', () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
  });
  afterAll(() => w?.close());

  const pages = ['/overview', '/people', '/exposures', '/scans', '/settings', '/account', '/api/docs', '/exposures/hit_missing'];

  it('sends a strict policy, no sniffing, no referrer, no framing and no caching on every page and API answer', async () => {
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    const admin = await createTestAdmin(w.app);
    const responses = [
      ...(await Promise.all(pages.map((url) => browser.get(url)))),
      await w.server.inject({ url: '/api/people', headers: admin.headers }),
      await w.server.inject({ url: '/api/people' }),
      await w.server.inject({ url: '/healthz' }),
    ];
    for (const res of responses) {
      expect(res.headers['content-security-policy'], res.raw.req.url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['permissions-policy']).toContain('geolocation=()');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('has no inline script, inline style or event handler attribute on any page (the policy would block them)', async () => {
    const anonymous = w.browser();
    const bodies = [(await anonymous.get('/login')).body, ...(await Promise.all(pages.map(async (url) => (await browser.get(url)).body)))];
    for (const [i, html] of bodies.entries()) {
      const url = i === 0 ? '/login' : pages[i - 1];
      expect(html, url).toMatch(/<script src="\/static\/app\.js\?v=[0-9a-f]+" defer><\/script>/);
      expect(html.match(/<script\b[^>]*>/g), url).toHaveLength(1);
      expect(html, url).not.toMatch(/<style\b/);
      expect(html, url).not.toMatch(/\sstyle="/);
      expect(html, url).not.toMatch(/\son[a-z]+="/);
    }
  });

  it('serves the stylesheet and script as static, cacheable files', async () => {
    const css = await w.server.inject({ url: '/static/app.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.headers['cache-control']).toContain('max-age');
    const js = await w.server.inject({ url: '/static/app.js' });
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('marks every page with a skip link, a quick exit that leaves without a referrer, and a language', async () => {
    const html = (await browser.get('/overview')).body;
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toMatch(/<a class="quick-exit" id="quick-exit" href="https:\/\/www\.google\.com\/search\?q=weather" rel="noreferrer"/);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<main id="main"');
  });
});
