import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/web/server.ts';
import type { BrowserLocation } from '../../../src/browser/browser-locator.ts';
import { createMemoryLogger, createTestApp } from '../../helpers/test-app.ts';

const local: BrowserLocation = { kind: 'local', executablePath: '/usr/bin/chromium', source: 'system' };
const remote: BrowserLocation = { kind: 'remote', wsEndpoints: ['ws://127.0.0.1:9/browser'], source: 'BROWSER_WS_ENDPOINT' };

describe('/healthz and the start-up log tell whether the browser is sandboxed', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function healthOf(options: { env?: Record<string, string>; location: BrowserLocation }) {
    const { logger, lines } = createMemoryLogger('info');
    const app = await createTestApp({ env: options.env, browserLocation: options.location, logger });
    const server = await buildServer(app);
    closers.push(() => server.close(), () => app.close());
    const response = await server.inject({ url: '/healthz' });
    return { body: response.json(), lines };
  }

  it('says "on" without a warning by default', async () => {
    const { body, lines } = await healthOf({ location: local });
    expect(body.browser).toEqual({ found: true, source: 'system', sandbox: 'on' });
    expect(lines.join('\n')).not.toMatch(/sandbox/i);
  });

  it('says "off" with a warning, and warns in the log at start, when BROWSER_SANDBOX=off', async () => {
    const { body, lines } = await healthOf({ env: { BROWSER_SANDBOX: 'off' }, location: local });
    expect(body.browser).toMatchObject({ found: true, sandbox: 'off', warning: expect.stringMatching(/sandbox is off/) });
    const warning = lines.map((l) => JSON.parse(l)).find((l) => l.browserSandbox === 'off');
    expect(warning).toMatchObject({ level: 40, msg: expect.stringMatching(/BROWSER_SANDBOX=off/) });
  });

  it('does not claim to know the sandbox of a remote browser', async () => {
    const { body } = await healthOf({ env: { BROWSER_SANDBOX: 'off' }, location: remote });
    expect(body.browser).toMatchObject({ sandbox: 'remote (not known)', warning: expect.stringMatching(/BROWSER_WS_ENDPOINT/) });
  });

  it.skipIf(process.getuid?.() !== 0)('reports a root service whose BROWSER_RUN_AS_USER does not exist as degraded, naming the user', async () => {
    const { body } = await healthOf({ env: { BROWSER_RUN_AS_USER: 'no-such-user-here' }, location: local });
    expect(body.status).toBe('degraded');
    expect(body.browser).toMatchObject({ sandbox: 'unavailable', warning: expect.stringMatching(/no-such-user-here/) });
  });
});
