import net from 'node:net';
import { AppError } from './errors.ts';
import { canonicalHost, decideEgress, defaultPort, isAllowedName, parseAllowRules, precheckUrl } from '../egress/egress-policy.models.ts';
import type { EgressGateway, EgressScope } from '../egress/egress-gateway.ts';
import type { EgressRoute } from '../egress/upstream.models.ts';
import { systemResolver, type Resolver } from '../egress/resolver.ts';

export type { Resolver } from '../egress/resolver.ts';

export const createUrlRefusedError = (reason: string) =>
  new AppError({ code: 'fetch.url_refused', message: `Refused to fetch: ${reason}.`, statusCode: 400 });

/**
 * What a caller holds to fetch on a hostile page's say-so: the policy (for an early, clear refusal before a
 * browser context is even opened) and the egress gateway scopes through which every byte actually flows.
 * The pre-check is a courtesy; the gateway's own check at connect time is the guard.
 */
export interface UrlGuard {
  /** Resolves to the checked IP addresses, or throws `fetch.url_refused`. */
  check(url: string | URL): Promise<string[]>;
  /** Whether `host` (every port of it) or `host:port` is allow-listed. */
  isAllowedHost(host: string): boolean;
  /** A new gateway listener with this guard's allow-list; the caller closes it. */
  openScope(label: string): EgressScope;
  readonly allowHosts: readonly string[];
  readonly route: EgressRoute;
}

/**
 * Only http(s) on public addresses is allowed; allow-list entries (the local simulated web, an operator's
 * webhook) are the only exceptions, scoped to the host (and port) they name.
 */
export function createUrlGuard({ allowHosts, egress, route = { kind: 'pages' }, resolve = systemResolver }: { allowHosts: readonly string[]; egress: EgressGateway; route?: EgressRoute; resolve?: Resolver }): UrlGuard {
  const rules = parseAllowRules(allowHosts);
  // Read with the allow-list's own parser, so `127.0.0.1:8090` (the simulated web) names a host and its port;
  // a bare host is allowed only by an entry that covers every port of it.
  const isAllowedHost = (hostAndPort: string) => {
    const [asked] = parseAllowRules([hostAndPort]);
    return asked !== undefined && rules.some((r) => r.host === asked.host && (r.port === null || r.port === asked.port));
  };
  return {
    allowHosts,
    route,
    isAllowedHost,
    openScope: (label) => egress.openScope({ allowHosts, route, label }),
    async check(input) {
      let url: URL;
      try {
        url = typeof input === 'string' ? new URL(input) : input;
      } catch {
        throw createUrlRefusedError('not a valid URL');
      }
      const early = precheckUrl(url);
      if (early) throw createUrlRefusedError(early);
      const host = canonicalHost(url.hostname);
      const port = url.port ? Number(url.port) : defaultPort(url.protocol);
      if (!isAllowedName(rules, host, port) && (host === 'localhost' || host.endsWith('.localhost'))) throw createUrlRefusedError('loopback host');
      const addresses = net.isIP(host) ? [host] : isAllowedName(rules, host, port) ? [] : await resolve(host).catch(() => {
        throw createUrlRefusedError('host name does not resolve');
      });
      if (addresses.length === 0 && isAllowedName(rules, host, port)) return [];
      const decision = decideEgress({ host, port, addresses, rules });
      if (!decision.allow) throw createUrlRefusedError(decision.reason);
      return addresses;
    },
  };
}
