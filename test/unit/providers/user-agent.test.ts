import { describe, expect, it } from 'vitest';
import { asBrowserHeaders, browserIdentity, chromeUserAgent, chromiumSecChUa, parseBrowserMajor } from '../../../src/providers/shared/user-agent.models.ts';
import { browserHeaders } from '../../../src/providers/shared/request.models.ts';

describe('the browser engines see', () => {
  it('reads the major version from what Chromium, Chrome and Playwright report', () => {
    expect(parseBrowserMajor('Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)')).toBe(156);
    expect(parseBrowserMajor('Google Chrome 130.0.6723.58 ')).toBe(130);
    expect(parseBrowserMajor('159.0.8154.6')).toBe(159);
    expect(parseBrowserMajor('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36')).toBe(156);
    expect(parseBrowserMajor('no version here')).toBeNull();
  });

  it('is a normal desktop Chrome user agent in the reduced form, never HeadlessChrome', () => {
    expect(chromeUserAgent(156)).toBe('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36');
    expect(chromeUserAgent(156)).not.toMatch(/Headless/);
  });

  it('sends the client-hint brands Chromium itself sends for that version', () => {
    // Observed from Chromium 156 on this machine: "Not:A-Brand";v="8", "Chromium";v="156".
    expect(chromiumSecChUa(156)).toBe('"Not:A-Brand";v="8", "Chromium";v="156"');
    expect(chromiumSecChUa(157)).toBe('"Chromium";v="157", "Not-A.Brand";v="99"');
  });

  it('turns an engine\'s headers into that browser\'s, keeping what the engine chose on purpose', () => {
    const identity = browserIdentity(156);
    const headers = asBrowserHeaders(browserHeaders('fr-BE', { Cookie: 'a=b', 'Sec-Fetch-Mode': 'navigate' }), identity);
    expect(headers['User-Agent']).toBe(identity.userAgent);
    expect(headers['sec-ch-ua']).toBe(identity.secChUa);
    expect(headers['sec-ch-ua-platform']).toBe('"Linux"');
    expect(headers.Accept).toMatch(/^text\/html,application\/xhtml\+xml,application\/xml;q=0\.9,image\/avif/);
    expect(headers).toMatchObject({ Cookie: 'a=b', 'Sec-Fetch-Mode': 'navigate', 'Accept-Language': 'fr-BE,fr;q=0.9,en;q=0.5' });
    expect(asBrowserHeaders({ Accept: 'application/json' }, identity).Accept).toBe('application/json');
  });
});
