import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFetch } from '../../../src/shared/safe-fetch.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { parseUpstream, type UpstreamTable } from '../../../src/egress/upstream.models.ts';
import { createTestEgress, directUpstreams } from '../../helpers/egress.ts';
import { startLocalServer } from '../../helpers/local-server.ts';

/** A minimal SOCKS5 proxy (no authentication) on loopback that records the destinations it was asked for. */
async function startSocks5() {
  const asked: string[] = [];
  const server = net.createServer((client) => {
    client.once('data', () => {
      client.write(Buffer.from([5, 0]));
      client.once('data', (req) => {
        const port = req.readUInt16BE(req.length - 2);
        const host = req[3] === 1 ? [...req.subarray(4, 8)].join('.') : req[3] === 3 ? req.subarray(5, 5 + req[4]!).toString() : 'ipv6';
        asked.push(`${req[3] === 1 ? 'ip' : 'name'}:${host}:${port}`);
        const upstream = net.connect(port, host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.destroy());
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `socks5://127.0.0.1:${(server.address() as net.AddressInfo).port}`, asked, close: () => new Promise((r) => server.close(r)) };
}

/** A minimal HTTP CONNECT proxy on loopback that records the tunnels it opened. */
async function startConnectProxy() {
  const asked: string[] = [];
  const server = http.createServer((_q, r) => r.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    asked.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`, asked, close: () => new Promise((r) => server.close(r)) };
}

describe('upstream egress for the person\'s safety', () => {
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let socks: Awaited<ReturnType<typeof startSocks5>>;
  let connectProxy: Awaited<ReturnType<typeof startConnectProxy>>;

  beforeAll(async () => {
    site = await startLocalServer({ '/page': (_q, r) => r.end('page through the proxy') });
    socks = await startSocks5();
    connectProxy = await startConnectProxy();
  });
  afterAll(async () => {
    await site.close();
    await socks.close();
    await connectProxy.close();
  });

  const fetchVia = async (upstreams: UpstreamTable, route: Parameters<typeof createUrlGuard>[0]['route']) => {
    const egress = createTestEgress({ upstreams });
    try {
      const guard = createUrlGuard({ allowHosts: ['127.0.0.1'], egress, route });
      return await safeFetch(guard, { url: `${site.url}/page`, maxBytes: 10_000, timeoutMs: 5000 });
    } finally {
      await egress.close();
    }
  };

  it('sends page visits through a SOCKS5 proxy (Tor) with the checked address, never the name', async () => {
    const res = await fetchVia({ ...directUpstreams, pages: parseUpstream(socks.url)! }, { kind: 'pages' });
    expect(res.body.toString()).toBe('page through the proxy');
    expect(socks.asked).toEqual([`ip:127.0.0.1:${new URL(site.url).port}`]);
  });

  it('sends one engine\'s queries through an HTTP proxy while other routes stay direct', async () => {
    const upstreams = { ...directUpstreams, engines: { bing: parseUpstream(connectProxy.url)! } };
    await fetchVia(upstreams, { kind: 'engine', engine: 'bing' });
    expect(connectProxy.asked).toEqual([`127.0.0.1:${new URL(site.url).port}`]);
    await fetchVia(upstreams, { kind: 'engine', engine: 'brave' });
    await fetchVia(upstreams, { kind: 'pages' });
    expect(connectProxy.asked).toHaveLength(1);
  });

  it('fails the request clearly when the upstream proxy is down, instead of going direct', async () => {
    await expect(fetchVia({ ...directUpstreams, pages: parseUpstream('socks5://127.0.0.1:9')! }, { kind: 'pages' })).rejects.toMatchObject({ code: 'fetch.failed' });
  });
});
