import dns from 'node:dns/promises';
import net from 'node:net';
import { AppError } from './errors.ts';
import { classifyNonPublicIp } from './ip-ranges.models.ts';

export const createUrlRefusedError = (reason: string) =>
  new AppError({ code: 'fetch.url_refused', message: `Refused to fetch: ${reason}.`, statusCode: 400 });

export interface UrlGuard {
  /** Resolves to the checked IP addresses, or throws `fetch.url_refused`. */
  check(url: string | URL): Promise<string[]>;
  isAllowedHost(host: string): boolean;
}

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * Every URL the scanner fetches, from an engine result, a page's image or a redirect, passes here first.
 * Only http(s) on public addresses is allowed; hosts in the allow-list (the local simulated web) are the
 * only exception. Every address a name resolves to must be public: one private answer refuses the URL.
 */
export function createUrlGuard({ allowHosts, resolve = systemResolver }: { allowHosts: string[]; resolve?: Resolver }): UrlGuard {
  const allowed = new Set(allowHosts.map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  const isAllowedHost = (host: string) => allowed.has(host.toLowerCase().replace(/^\[|\]$/g, ''));
  return {
    isAllowedHost,
    async check(input) {
      let url: URL;
      try {
        url = typeof input === 'string' ? new URL(input) : input;
      } catch {
        throw createUrlRefusedError('not a valid URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw createUrlRefusedError(`scheme ${url.protocol} is not http(s)`);
      if (url.username || url.password) throw createUrlRefusedError('URLs with credentials are not fetched');
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const hostWithPort = url.port ? `${host}:${url.port}` : host;
      if (isAllowedHost(host) || isAllowedHost(hostWithPort)) return net.isIP(host) ? [host] : [];
      if (host === 'localhost' || host.endsWith('.localhost')) throw createUrlRefusedError('loopback host');
      const addresses = net.isIP(host) ? [host] : await resolve(host).catch(() => {
        throw createUrlRefusedError('host name does not resolve');
      });
      if (addresses.length === 0) throw createUrlRefusedError('host name does not resolve');
      for (const address of addresses) {
        const reason = classifyNonPublicIp(address);
        if (reason) throw createUrlRefusedError(`${reason} address`);
      }
      return addresses;
    },
  };
}
