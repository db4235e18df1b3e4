import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { ProxyAgent, type Dispatcher } from 'undici';
import type { Logger } from '../shared/logger.ts';
import { canonicalHost, decideEgress, parseAllowRules, type AllowRule, type EgressDecision } from './egress-policy.models.ts';
import { openConnection } from './upstream-connect.ts';
import { describeUpstream, upstreamFor, type EgressRoute, type UpstreamTable } from './upstream.models.ts';
import { systemResolver, type Resolver } from './resolver.ts';
import { withTimeout } from '../shared/timeout.ts';
import { listensOnEveryAddress, loopbackListen, type EgressListen } from './listen.models.ts';

/** One connection the gateway refused, kept in memory for the page visit that caused it; never logged with its path. */
export interface Refusal {
  host: string;
  port: number;
  reason: string;
  kind: 'tunnel' | 'http' | 'upgrade';
}

/**
 * A scope is one listener of the gateway with its own allow-list and counters: one page visit, one engine
 * query session, one takedown lookup. Chromium contexts get its address as their proxy and Node's fetch
 * gets its dispatcher, so both pass through the same checks and refusals are counted where they happened.
 */
export interface EgressScope {
  readonly label: string;
  readonly route: EgressRoute;
  proxyServer(): Promise<string>;
  /** What a browser must answer the scope's proxy challenge with; null while the gateway listens on 127.0.0.1 only. */
  readonly proxyCredentials: { username: string; password: string } | null;
  dispatcher(): Promise<Dispatcher>;
  refusals(): readonly Refusal[];
  close(): Promise<void>;
}

export interface EgressGateway {
  openScope(args: { allowHosts: readonly string[]; route: EgressRoute; label: string }): EgressScope;
  /** Where each route's connections leave from, for the settings page and /healthz (no credentials). */
  describe(): { pages: string; engines: Record<string, string>; default: string };
  stats(): { scopesOpen: number; refusedTotal: number; allowedTotal: number };
  close(): Promise<void>;
}

export interface EgressGatewayOptions {
  upstreams: UpstreamTable;
  logger: Logger;
  listen?: EgressListen;
  resolve?: Resolver;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  dnsTimeoutMs?: number;
}

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export function createEgressGateway(options: EgressGatewayOptions): EgressGateway {
  const resolve = options.resolve ?? systemResolver;
  const connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const dnsTimeoutMs = options.dnsTimeoutMs ?? 8_000;
  const listen = options.listen ?? loopbackListen;
  // Node's own fetches reach the scope on this machine; browsers (maybe remote) by the advertised name.
  const localHost = listensOnEveryAddress(listen.host) ? loopbackListen.host : listen.host;
  const needsCredentials = listen.host !== loopbackListen.host;
  const urlHost = (host: string) => (net.isIPv6(host) ? `[${host}]` : host);
  const scopes = new Set<EgressScope>();
  let refusedTotal = 0;
  let allowedTotal = 0;

  async function decide(rules: AllowRule[], hostText: string, port: number): Promise<EgressDecision> {
    const host = canonicalHost(hostText);
    if (!host) return { allow: false, reason: 'no host' };
    let addresses: string[];
    if (net.isIP(host)) addresses = [host];
    else {
      try {
        addresses = await withTimeout(resolve(host), dnsTimeoutMs, 'Name resolution', 'egress.dns_timeout');
      } catch {
        return { allow: false, reason: 'host name does not resolve' };
      }
    }
    return decideEgress({ host, port, addresses, rules });
  }

  function openScope({ allowHosts, route, label }: { allowHosts: readonly string[]; route: EgressRoute; label: string }): EgressScope {
    const rules = parseAllowRules(allowHosts);
    const upstream = upstreamFor(options.upstreams, route);
    const refused: Refusal[] = [];
    const sockets = new Set<Duplex>();
    let server: http.Server | null = null;
    let listening: Promise<number> | null = null;
    let agent: ProxyAgent | null = null;
    let closed = false;
    const proxyCredentials = needsCredentials ? { username: 'scope', password: randomBytes(24).toString('base64url') } : null;
    const expectedAuthorization = proxyCredentials ? Buffer.from(`Basic ${Buffer.from(`${proxyCredentials.username}:${proxyCredentials.password}`).toString('base64')}`) : null;
    /** A request that does not carry this scope's credentials (when it has any) is answered with the proxy challenge. */
    const authorised = (req: http.IncomingMessage): boolean => {
      if (!expectedAuthorization) return true;
      const given = Buffer.from(req.headers['proxy-authorization'] ?? '');
      return given.length === expectedAuthorization.length && timingSafeEqual(given, expectedAuthorization);
    };

    const track = (socket: Duplex) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    };
    const refuse = (entry: Refusal) => {
      refusedTotal++;
      if (refused.length < 500) refused.push(entry);
      // Which kind of work was refused and why, never the host: a page's host can say whom a scan is about.
      options.logger.debug({ scope: label, reason: entry.reason, port: entry.port, kind: entry.kind }, 'egress refused a connection');
    };
    const connectChecked = async (host: string, port: number, kind: Refusal['kind']): Promise<{ socket: net.Socket } | { refusal: Refusal }> => {
      const decision = await decide(rules, host, port);
      if (!decision.allow) {
        const refusal: Refusal = { host: canonicalHost(host), port, reason: decision.reason, kind };
        refuse(refusal);
        return { refusal };
      }
      const socket = await openConnection({ address: decision.address, port, upstream, timeoutMs: connectTimeoutMs });
      allowedTotal++;
      socket.setTimeout(idleTimeoutMs, () => socket.destroy());
      track(socket);
      return { socket };
    };

    const onConnect = (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
      track(client);
      client.on('error', () => undefined);
      if (!authorised(req)) return void client.end(PROXY_CHALLENGE);
      const target = parseAuthority(req.url ?? '');
      if (!target) return void client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      connectChecked(target.host, target.port, 'tunnel').then(
        (result) => {
          if ('refusal' in result) return void client.end(refusedHead(result.refusal.reason));
          const upstreamSocket = result.socket;
          if (client.destroyed) return void upstreamSocket.destroy();
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length) upstreamSocket.write(head);
          splice(client, upstreamSocket);
        },
        () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
      );
    };

    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (!authorised(req)) {
        res.writeHead(407, { 'proxy-authenticate': 'Basic realm="egress"', 'content-length': '0', connection: 'close' }).end();
        req.resume();
        return;
      }
      const url = parseAbsolute(req.url ?? '');
      if (!url || url.protocol !== 'http:') {
        res.writeHead(400, { 'content-length': '0', connection: 'close' }).end();
        return;
      }
      const port = Number(url.port || 80);
      connectChecked(url.hostname, port, 'http').then(
        (result) => {
          if ('refusal' in result) {
            res.writeHead(403, { 'x-egress-refused': result.refusal.reason, 'content-length': '0', connection: 'close' }).end();
            req.resume();
            return;
          }
          const socket = result.socket;
          const headers: http.OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(req.headers)) if (!hopByHop.has(name)) headers[name] = value;
          const upstreamReq = http.request({
            method: req.method,
            path: `${url.pathname}${url.search}`,
            headers,
            setHost: false,
            // No agent: the request runs on the one connection the gateway opened to the checked address.
            createConnection: () => socket,
          });
          upstreamReq.on('response', (upstreamRes) => {
            const responseHeaders: http.OutgoingHttpHeaders = {};
            for (const [name, value] of Object.entries(upstreamRes.headers)) if (!hopByHop.has(name)) responseHeaders[name] = value;
            res.writeHead(upstreamRes.statusCode ?? 502, responseHeaders);
            upstreamRes.pipe(res);
            upstreamRes.on('error', () => res.destroy());
          });
          upstreamReq.on('error', () => {
            if (!res.headersSent) res.writeHead(502, { 'content-length': '0', connection: 'close' }).end();
            else res.destroy();
          });
          req.pipe(upstreamReq);
        },
        () => {
          if (!res.headersSent) res.writeHead(502, { 'content-length': '0', connection: 'close' }).end();
        },
      );
    };

    // A WebSocket asked of the proxy without a tunnel: checked like any request, then spliced as raw bytes.
    const onUpgrade = (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
      track(client);
      client.on('error', () => undefined);
      if (!authorised(req)) return void client.end(PROXY_CHALLENGE);
      const url = parseAbsolute(req.url ?? '');
      if (!url) return void client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      const port = Number(url.port || (url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80));
      connectChecked(url.hostname, port, 'upgrade').then(
        (result) => {
          if ('refusal' in result) return void client.end(refusedHead(result.refusal.reason));
          const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`];
          for (let i = 0; i < req.rawHeaders.length; i += 2) {
            if (!/^proxy-/i.test(req.rawHeaders[i]!)) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
          }
          result.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
          if (head.length) result.socket.write(head);
          splice(client, result.socket);
        },
        () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
      );
    };

    /** Starts the scope's listener once; resolves to its port. */
    async function listeningPort(): Promise<number> {
      if (closed) throw new Error('egress scope is closed');
      listening ??= new Promise<number>((resolveListen, rejectListen) => {
        server = http.createServer(onRequest);
        server.on('connect', onConnect);
        server.on('upgrade', onUpgrade);
        server.on('connection', (socket: net.Socket) => track(socket));
        server.on('clientError', (_error, socket) => socket.destroy());
        server.once('error', rejectListen);
        server.listen(0, listen.host, () => {
          const address = server!.address() as net.AddressInfo;
          resolveListen(address.port);
        });
      });
      return listening;
    }

    async function proxyServer(): Promise<string> {
      return `http://${urlHost(listen.advertiseHost)}:${await listeningPort()}`;
    }

    const scope: EgressScope = {
      label,
      route,
      proxyServer,
      proxyCredentials,
      async dispatcher() {
        const uri = `http://${urlHost(localHost)}:${await listeningPort()}`;
        agent ??= new ProxyAgent(expectedAuthorization ? { uri, token: expectedAuthorization.toString() } : { uri });
        return agent;
      },
      refusals: () => refused,
      async close() {
        if (closed) return;
        closed = true;
        scopes.delete(scope);
        const closingAgent = agent?.destroy().catch(() => undefined);
        for (const socket of sockets) socket.destroy();
        if (server) await new Promise<void>((done) => server!.close(() => done()));
        await closingAgent;
      },
    };
    scopes.add(scope);
    return scope;
  }

  return {
    openScope,
    describe: () => ({
      pages: describeUpstream(options.upstreams.pages),
      default: describeUpstream(options.upstreams.default),
      engines: Object.fromEntries(Object.entries(options.upstreams.engines).map(([id, u]) => [id, describeUpstream(u)])),
    }),
    stats: () => ({ scopesOpen: scopes.size, refusedTotal, allowedTotal }),
    async close() {
      await Promise.all([...scopes].map((s) => s.close()));
      options.logger.debug('egress gateway closed');
    },
  };
}

const PROXY_CHALLENGE = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="egress"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

function refusedHead(reason: string): string {
  return `HTTP/1.1 403 Forbidden\r\nX-Egress-Refused: ${reason.replace(/[^\x20-\x7e]/g, '')}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
}

function splice(a: Duplex, b: Duplex): void {
  const end = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', end).on('close', end);
  b.on('error', end).on('close', end);
  a.pipe(b);
  b.pipe(a);
}

/** `host:port` of a CONNECT line (IPv6 in brackets); a port is required. */
export function parseAuthority(text: string): { host: string; port: number } | null {
  const match = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:[\]\s/]+):(\d{1,5})$/.exec(text);
  if (!match) return null;
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { host: match[1]!, port } : null;
}

function parseAbsolute(text: string): URL | null {
  try {
    const url = new URL(text);
    return /^(https?|wss?):$/.test(url.protocol) && url.hostname ? url : null;
  } catch {
    return null;
  }
}
