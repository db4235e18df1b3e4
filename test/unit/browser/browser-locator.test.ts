import { describe, expect, it } from 'vitest';
import { locateBrowser, chromiumLaunchArgs } from '../../../src/browser/browser-locator.ts';

const existing = (...paths: string[]) => (p: string) => paths.includes(p);

describe('finding a browser', () => {
  it('prefers a remote browser endpoint over everything else', () => {
    expect(locateBrowser({ wsEndpoint: 'ws://10.0.0.2:3000/x', chromiumPath: '/opt/c', playwrightExecutablePath: () => '/pw', exists: existing('/opt/c', '/pw') }))
      .toEqual({ kind: 'remote', wsEndpoints: ['ws://10.0.0.2:3000/x'], source: 'BROWSER_WS_ENDPOINT' });
  });

  it('keeps several remote endpoints in the order given, and an empty list means a local browser', () => {
    expect(locateBrowser({ wsEndpoint: ['ws://10.0.0.2:3000/a', 'ws://10.0.0.3:3000/b'], chromiumPath: undefined, playwrightExecutablePath: () => undefined, exists: () => false }))
      .toEqual({ kind: 'remote', wsEndpoints: ['ws://10.0.0.2:3000/a', 'ws://10.0.0.3:3000/b'], source: 'BROWSER_WS_ENDPOINT' });
    expect(locateBrowser({ wsEndpoint: [], chromiumPath: '/opt/c', playwrightExecutablePath: () => undefined, exists: existing('/opt/c') }).kind).toBe('local');
  });

  it('uses CHROMIUM_PATH, then Playwright\'s browser, then the system Chromium', () => {
    const args = { wsEndpoint: undefined, playwrightExecutablePath: () => '/pw/chrome', systemPaths: ['/usr/bin/chromium'] };
    expect(locateBrowser({ ...args, chromiumPath: '/opt/c', exists: existing('/opt/c', '/pw/chrome', '/usr/bin/chromium') })).toMatchObject({ source: 'CHROMIUM_PATH' });
    expect(locateBrowser({ ...args, chromiumPath: undefined, exists: existing('/pw/chrome', '/usr/bin/chromium') })).toMatchObject({ source: 'playwright', executablePath: '/pw/chrome' });
    expect(locateBrowser({ ...args, chromiumPath: undefined, exists: existing('/usr/bin/chromium') })).toMatchObject({ source: 'system', executablePath: '/usr/bin/chromium' });
  });

  it('says exactly what to install when no browser exists', () => {
    const found = locateBrowser({ wsEndpoint: undefined, chromiumPath: undefined, playwrightExecutablePath: () => { throw new Error('no registry'); }, exists: () => false, systemPaths: ['/usr/bin/chromium'] });
    expect(found.kind).toBe('missing');
    if (found.kind !== 'missing') return;
    expect(found.instruction).toContain('apt-get install chromium');
    expect(found.instruction).toContain('npx playwright install chromium');
    expect(found.tried).toEqual(['/usr/bin/chromium']);
  });

  it('reports a configured path that does not exist instead of silently using another browser', () => {
    const found = locateBrowser({ wsEndpoint: undefined, chromiumPath: '/nope/chrome', playwrightExecutablePath: () => '/pw', exists: existing('/pw') });
    expect(found).toMatchObject({ kind: 'missing', tried: ['/nope/chrome'] });
  });

  it('keeps Chromium off the network on its own and drops the sandbox only when asked to', () => {
    expect(chromiumLaunchArgs(true)).toEqual(expect.arrayContaining(['--no-sandbox', '--disable-background-networking', '--disable-quic', '--disable-sync', '--disable-component-update', '--no-first-run', '--disable-gpu']));
    expect(chromiumLaunchArgs(false)).not.toContain('--no-sandbox');
  });

  it('keeps WebRTC on the proxied path, so its UDP cannot go around the egress gateway', () => {
    for (const withoutSandbox of [true, false]) {
      expect(chromiumLaunchArgs(withoutSandbox)).toEqual(expect.arrayContaining(['--force-webrtc-ip-handling-policy=disable_non_proxied_udp', '--webrtc-ip-handling-policy=disable_non_proxied_udp']));
    }
  });
});
