import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFetch } from '../../../src/shared/safe-fetch.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { createTestEgress } from '../../helpers/egress.ts';

describe('fetching attacker-controlled URLs', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  const egress = createTestEgress();
  const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], egress });

  beforeAll(async () => {
    server = await startLocalServer({
      '/ok': (_q, r) => r.end('hello'),
      '/to-metadata': (_q, r) => { r.statusCode = 302; r.setHeader('location', 'http://169.254.169.254/latest/meta-data/'); r.end(); },
      '/chain': (_q, r) => { r.statusCode = 301; r.setHeader('location', '/ok'); r.end(); },
      '/big': (_q, r) => { r.write(Buffer.alloc(50_000, 97)); r.end(Buffer.alloc(50_000, 97)); },
      '/hang': () => undefined,
    });
  });
  afterAll(async () => {
    await egress.close();
    await server.close();
  });

  it('follows redirects and records the chain', async () => {
    const res = await safeFetch(guard, { url: `${server.url}/chain`, maxBytes: 1000, timeoutMs: 5000 });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello');
    expect(res.finalUrl).toBe(`${server.url}/ok`);
    expect(res.redirectChain).toEqual([`${server.url}/chain`]);
  });

  it('refuses a redirect into a link-local address', async () => {
    await expect(safeFetch(guard, { url: `${server.url}/to-metadata`, maxBytes: 1000, timeoutMs: 5000 })).rejects.toMatchObject({ code: 'fetch.url_refused' });
  });

  it('stops reading at the byte cap and says the body was truncated', async () => {
    const res = await safeFetch(guard, { url: `${server.url}/big`, maxBytes: 20_000, timeoutMs: 5000 });
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBeLessThanOrEqual(20_000 + 65_536);
  });

  it('gives up on a server that never answers', async () => {
    await expect(safeFetch(guard, { url: `${server.url}/hang`, maxBytes: 1000, timeoutMs: 300 })).rejects.toMatchObject({ code: 'fetch.timeout' });
  });
});
