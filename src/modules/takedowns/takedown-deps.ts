import dns from 'node:dns/promises';
import net from 'node:net';
import { classifyNonPublicIp } from '../../egress/egress-policy.models.ts';
import type { AppDeps } from '../../deps.types.ts';
import type { TakedownSettings } from '../../config/takedowns.settings.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { createSmtpTransport } from '../../shared/smtp-transport.ts';
import { createUrlGuard, type UrlGuard } from '../../shared/ssrf-guard.ts';
import type { EgressGateway } from '../../egress/egress-gateway.ts';
import type { BootstrapService } from './rdap.parser.ts';
import type { FetchedText, ResolverDeps } from './recipient-resolver.ts';
import { createCasesRepository } from './cases.repository.ts';
import type { SendMail, TakedownDeps } from './cases.usecases.ts';

/** Contact pages and RDAP answers are small; anything larger is not what we are looking for. */
const MAX_LOOKUP_BYTES = 2 * 1024 * 1024;

async function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Text of a hostile URL: every hop passes the URL guard, the body is capped, and any failure is `null`. */
export function createGuardedFetchText(guard: UrlGuard, options: { timeoutMs: number; maxBytes?: number }): ResolverDeps['fetchText'] {
  return async (url) => {
    try {
      const response = await safeFetch(guard, {
        url,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes ?? MAX_LOOKUP_BYTES,
        maxRedirects: 5,
        headers: { accept: 'text/html, application/rdap+json, application/json, text/plain;q=0.8, */*;q=0.1' },
      });
      const text: FetchedText = {
        status: response.status,
        body: new TextDecoder('utf-8', { fatal: false }).decode(response.body),
        contentType: response.headers['content-type'] ?? null,
        // Said, not hidden: an address past the cut was never seen (the resolver's step detail tells).
        ...(response.truncated ? { truncated: true } : {}),
      };
      return text;
    } catch {
      return null;
    }
  };
}

/**
 * The address of a host, for the RDAP lookup of its network. The guard resolves it and refuses private
 * answers (unless the host is allow-listed), so a hostile DNS name cannot point the lookup at the LAN.
 */
export function createGuardedResolveIp(guard: UrlGuard, options: { timeoutMs: number; lookup?: (host: string) => Promise<string | null> }): ResolverDeps['resolveIp'] {
  const lookup = options.lookup ?? (async (host: string) => (await dns.lookup(host, { verbatim: true })).address);
  return (host) =>
    withTimeout(
      (async () => {
        // A private or loopback address has no registry record: asking RDAP about it would only leak the
        // lookup to the bootstrap service. The operator's allow-listed hosts (a test network) are the exception.
        if (net.isIP(host)) return classifyNonPublicIp(host) && !guard.isAllowedHost(host) ? null : host;
        try {
          const checked = await guard.check(`http://${host.includes(':') ? `[${host}]` : host}/`);
          // An allow-listed name is not resolved by the guard; the allow-list is the operator's choice.
          return checked[0] ?? (await lookup(host));
        } catch {
          return null;
        }
      })(),
      options.timeoutMs,
      null,
    );
}

export function createResolverDeps(args: { allowHosts: string[]; egress: EgressGateway; settings: Pick<TakedownSettings, 'rdap' | 'lookupTimeoutMs'>; guard?: UrlGuard; bootstrapCache?: Map<string, BootstrapService[]> }): ResolverDeps {
  const guard = args.guard ?? createUrlGuard({ allowHosts: args.allowHosts, egress: args.egress });
  return {
    fetchText: createGuardedFetchText(guard, { timeoutMs: args.settings.lookupTimeoutMs }),
    resolveIp: createGuardedResolveIp(guard, { timeoutMs: args.settings.lookupTimeoutMs }),
    rdap: args.settings.rdap,
    timeoutMs: args.settings.lookupTimeoutMs,
    bootstrapCache: args.bootstrapCache ?? new Map(),
  };
}

/** Takedown notices over the shared SMTP transport (bounded waits, no file or URL access). */
export function createSmtpSendMail(smtpUrl: string, options: { timeoutMs?: number } = {}): SendMail & { close(): void } {
  const transport = createSmtpTransport({ smtpUrl, ...options });
  const send: SendMail = async (message) => {
    const info = await transport.sendMail(message);
    return { messageId: info.messageId };
  };
  return Object.assign(send, { close: () => transport.close() });
}

/** Builds the takedown dependencies from the application graph; the composition root calls this once. */
export function createTakedownDeps(app: Pick<AppDeps, 'db' | 'clock' | 'logger' | 'hits' | 'profiles' | 'config' | 'egress' | 'demo' | 'cipher'>, extras: { settings: TakedownSettings; sendMail?: SendMail; resolver?: ResolverDeps; knownRecipient?: TakedownDeps['knownRecipient'] }): TakedownDeps {
  // The simulated web's hosts are allowed only in the demo person's own lookups, never in the shared one.
  const demo = app.demo;
  const demoResolver = demo ? createResolverDeps({ allowHosts: [...app.config.net.allowPrivateHosts, ...demo.allowHosts], egress: app.egress, settings: extras.settings }) : null;
  return {
    db: app.db,
    clock: app.clock,
    logger: app.logger.child({ component: 'takedowns' }),
    hits: app.hits,
    profiles: app.profiles,
    cases: createCasesRepository({ db: app.db, clock: app.clock, cipher: app.cipher }),
    settings: extras.settings,
    resolver: extras.resolver ?? createResolverDeps({ allowHosts: app.config.net.allowPrivateHosts, egress: app.egress, settings: extras.settings }),
    ...(demoResolver ? { resolverForPerson: async (personId: string) => ((await app.profiles.getPerson(personId))?.isDemo ? demoResolver : null) } : {}),
    ...(extras.sendMail ? { sendMail: extras.sendMail } : {}),
    ...(extras.knownRecipient ? { knownRecipient: extras.knownRecipient } : {}),
  };
}
