import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/web/server.ts';
import { createTestApp } from '../../helpers/test-app.ts';

describe('/healthz says which connection the sites being checked see', () => {
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function egressHealth(env: Record<string, string> = {}) {
    const app = await createTestApp({ env });
    const server = await buildServer(app);
    closers.push(() => server.close(), () => app.close());
    return (await server.inject({ url: '/healthz' })).json().egress;
  }

  it('warns when pages are visited from this machine\'s own connection', async () => {
    expect(await egressHealth()).toEqual({ pages: 'direct', direct: true, refused: 0, warning: expect.stringMatching(/own connection.*EGRESS_PROXY/) });
  });

  it('names the proxy pages go through, without its credentials', async () => {
    const egress = await egressHealth({ EGRESS_PROXY: 'socks5://tor-user:secret@127.0.0.1:9050' });
    expect(egress).toEqual({ pages: 'socks5://127.0.0.1:9050', direct: false, refused: 0 });
    expect(JSON.stringify(egress)).not.toContain('secret');
  });
});
