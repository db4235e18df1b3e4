import { parseSecurityTxt, securityTxtChannels } from './contact-discovery.parser.ts';
import { pageStep } from './recipient-page-step.ts';
import { RANK } from './recipient-ranking.models.ts';
import { topicsFor, type BasisId, type Category } from './legal-basis.models.ts';
import {
  bundledPlatformCatalogue,
  matchPlatform,
  matchPlatformByOrgName,
  rankChannels,
  type PlatformCatalogue,
  type PlatformChannel,
} from './platforms.models.ts';
import { hostOf, isIpLiteral, registrableDomain } from '../../shared/url.models.ts';
import { findRdapBaseForDomain, findRdapBaseForIp, isIpv6, parseBootstrap, parseRdapAbuse, type BootstrapService, type RdapAbuseContact } from './rdap.parser.ts';

/**
 * Who should receive a takedown for a URL, with how sure we are. The chain follows the reference (§3.1):
 * known platform → the page's own contacts → hosting provider (IP RDAP, CDN) → registrar (domain RDAP) →
 * security.txt → abuse@domain. All I/O goes through injected functions; any failure or timeout is recorded
 * as a step outcome and never thrown.
 */

export interface FetchedText {
  status: number;
  body: string;
  contentType: string | null;
  /** The body is only the start of what was served: the fetch stopped at its size limit. */
  truncated?: boolean;
}

export type RdapConfig = { ipv4Url: string; ipv6Url: string; dnsUrl: string } | { ipBaseUrl: string; domainBaseUrl: string };

export const IANA_RDAP_BOOTSTRAP = {
  ipv4Url: 'https://data.iana.org/rdap/ipv4.json',
  ipv6Url: 'https://data.iana.org/rdap/ipv6.json',
  dnsUrl: 'https://data.iana.org/rdap/dns.json',
} as const;

export interface ResolverDeps {
  /** Must apply the SSRF guard and size caps; null when nothing could be fetched. */
  fetchText(url: string): Promise<FetchedText | null>;
  resolveIp(host: string): Promise<string | null>;
  rdap: RdapConfig;
  /** Per call; the injected functions should have their own timeouts too. */
  timeoutMs?: number;
  catalogue?: PlatformCatalogue;
  /** Bootstrap files change rarely; pass a shared map to fetch them once per process. */
  bootstrapCache?: Map<string, BootstrapService[]>;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface RecipientCandidate {
  kind: 'form' | 'email';
  address?: string;
  formUrl?: string;
  confidence: Confidence;
  source: string;
  /** The channel comes from an unverified catalogue entry. */
  verify?: boolean;
}

export type StepName = 'platform' | 'page' | 'contact_page' | 'rdap_ip' | 'cdn' | 'rdap_domain' | 'security_txt' | 'fallback';

export interface StepRecord {
  step: StepName;
  outcome: 'found' | 'none' | 'failed' | 'skipped';
  /**
   * A reason code (`timeout`, `http_404`, `stale`...), or what limited a step that ran (a page cut at its size
   * limit: `page too long: the last 1048576 characters were not read`); never page content.
   */
  detail?: string;
}

export interface Resolution {
  recipient: RecipientCandidate | null;
  alternatives: RecipientCandidate[];
  steps: StepRecord[];
}

export interface ResolveInput {
  url: string;
  /** The already captured page; fetched when absent. */
  html?: string | null;
  categories?: readonly Category[];
  bases?: readonly BasisId[];
  now: Date;
  /** Same-site contact/imprint pages to open in search of an address (default 2). */
  followContactPages?: number;
}

const DEFAULT_TIMEOUT_MS = 8000;

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

async function attempt<T>(fn: () => Promise<T>, timeoutMs: number): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs);
  });
  try {
    // Starting inside a promise turns a dependency that throws synchronously into a recorded failure too.
    const run = Promise.resolve().then(fn).then(
      (value): Outcome<T> => ({ ok: true, value }),
      (): Outcome<T> => ({ ok: false, reason: 'error' }),
    );
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class Context {
  readonly steps: StepRecord[] = [];
  readonly timeoutMs: number;
  constructor(readonly deps: ResolverDeps) {
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** A successful (2xx) text body, or the reason there is none. */
  async get(url: string): Promise<Outcome<FetchedText>> {
    const r = await attempt(() => this.deps.fetchText(url), this.timeoutMs);
    if (!r.ok) return r;
    if (r.value === null) return { ok: false, reason: 'unreachable' };
    if (r.value.status < 200 || r.value.status >= 300) return { ok: false, reason: `http_${r.value.status}` };
    return { ok: true, value: r.value };
  }

  async getJson(url: string): Promise<Outcome<unknown>> {
    const r = await this.get(url);
    if (!r.ok) return r;
    try {
      return { ok: true, value: JSON.parse(r.value.body) as unknown };
    } catch {
      return { ok: false, reason: 'bad_json' };
    }
  }

  async bootstrap(url: string): Promise<Outcome<BootstrapService[]>> {
    const cached = this.deps.bootstrapCache?.get(url);
    if (cached) return { ok: true, value: cached };
    const r = await this.getJson(url);
    if (!r.ok) return { ok: false, reason: `bootstrap_${r.reason}` };
    const services = parseBootstrap(r.value);
    if (services.length === 0) return { ok: false, reason: 'bootstrap_empty' };
    this.deps.bootstrapCache?.set(url, services);
    return { ok: true, value: services };
  }
}

function channelCandidate(channel: PlatformChannel, platformId: string, unverifiedPlatform: boolean): RecipientCandidate {
  const verify = channel.verify === true || unverifiedPlatform;
  const base = { confidence: (verify ? 'medium' : 'high') as Confidence, source: `platform:${platformId}/${channel.id}`, ...(verify ? { verify: true } : {}) };
  return channel.kind === 'form' ? { kind: 'form', formUrl: channel.formUrl, ...base } : { kind: 'email', address: channel.address, ...base };
}

async function securityTxtStep(ctx: Context, input: ResolveInput): Promise<RecipientCandidate[]> {
  const url = new URL('/.well-known/security.txt', input.url).toString();
  const r = await ctx.get(url);
  if (!r.ok) {
    ctx.steps.push({ step: 'security_txt', outcome: r.reason === 'http_404' ? 'none' : 'failed', detail: r.reason });
    return [];
  }
  const parsed = parseSecurityTxt(r.value.body, input.now);
  if (parsed.stale) {
    ctx.steps.push({ step: 'security_txt', outcome: 'none', detail: 'stale' });
    return [];
  }
  const { emails, urls } = securityTxtChannels(parsed.contacts);
  const out: RecipientCandidate[] = [
    ...emails.map((address): RecipientCandidate => ({ kind: 'email', address, confidence: 'low', source: 'security_txt' })),
    ...urls.map((formUrl): RecipientCandidate => ({ kind: 'form', formUrl, confidence: 'low', source: 'security_txt' })),
  ];
  ctx.steps.push({ step: 'security_txt', outcome: out.length > 0 ? 'found' : 'none' });
  return out;
}

async function rdapBaseFor(ctx: Context, kind: 'ip' | 'domain', key: string): Promise<Outcome<string>> {
  const cfg = ctx.deps.rdap;
  if ('ipBaseUrl' in cfg) {
    const base = kind === 'ip' ? cfg.ipBaseUrl : cfg.domainBaseUrl;
    return { ok: true, value: base.endsWith('/') ? base : `${base}/` };
  }
  const file = kind === 'domain' ? cfg.dnsUrl : isIpv6(key) ? cfg.ipv6Url : cfg.ipv4Url;
  const services = await ctx.bootstrap(file);
  if (!services.ok) return services;
  const base = kind === 'ip' ? findRdapBaseForIp(services.value, key) : findRdapBaseForDomain(services.value, key);
  return base ? { ok: true, value: base } : { ok: false, reason: 'no_rdap_server' };
}

async function rdapLookup(ctx: Context, kind: 'ip' | 'domain', key: string): Promise<Outcome<RdapAbuseContact>> {
  const base = await rdapBaseFor(ctx, kind, key);
  if (!base.ok) return base;
  // Addresses and LDH names pass as they are (RDAP servers expect `ip/2001:db8::1`); anything else is escaped.
  const path = key.replace(/[^a-zA-Z0-9.:-]/g, (c) => encodeURIComponent(c));
  const r = await ctx.getJson(`${base.value}${kind}/${path}`);
  return r.ok ? { ok: true, value: parseRdapAbuse(r.value) } : r;
}

async function hostingStep(ctx: Context, host: string, catalogue: PlatformCatalogue): Promise<RecipientCandidate[]> {
  let ip: string | null = isIpLiteral(host) ? host : null;
  if (ip === null) {
    const r = await attempt(() => ctx.deps.resolveIp(host), ctx.timeoutMs);
    if (!r.ok || r.value === null) {
      ctx.steps.push({ step: 'rdap_ip', outcome: 'failed', detail: r.ok ? 'dns_no_answer' : `dns_${r.reason}` });
      ctx.steps.push({ step: 'cdn', outcome: 'skipped' });
      return [];
    }
    ip = r.value;
  }
  const rdap = await rdapLookup(ctx, 'ip', ip);
  if (!rdap.ok) {
    ctx.steps.push({ step: 'rdap_ip', outcome: 'failed', detail: rdap.reason });
    ctx.steps.push({ step: 'cdn', outcome: 'skipped' });
    return [];
  }
  const out: RecipientCandidate[] = [];
  const cdn = rdap.value.orgName ? matchPlatformByOrgName(rdap.value.orgName, catalogue) : null;
  const cdnChannel = cdn?.channels[0];
  if (cdn && cdnChannel) {
    // A CDN hides the real host; its abuse form forwards the report to the host and names it.
    out.push({ ...channelCandidate(cdnChannel, cdn.id, cdn.verify === true), confidence: 'medium', source: `cdn:${cdn.id}` });
  }
  ctx.steps.push({ step: 'cdn', outcome: cdn ? 'found' : 'none' });
  if (rdap.value.abuseEmail) {
    const confidence: Confidence = cdn ? 'low' : rdap.value.emailSource === 'abuse_role' ? 'medium' : 'low';
    out.push({ kind: 'email', address: rdap.value.abuseEmail, confidence, source: `rdap_ip:${rdap.value.emailSource ?? 'abuse_role'}` });
  }
  ctx.steps.push({ step: 'rdap_ip', outcome: rdap.value.abuseEmail ? 'found' : 'none' });
  return out;
}

async function registrarStep(ctx: Context, domain: string): Promise<RecipientCandidate[]> {
  const rdap = await rdapLookup(ctx, 'domain', domain);
  if (!rdap.ok) {
    ctx.steps.push({ step: 'rdap_domain', outcome: 'failed', detail: rdap.reason });
    return [];
  }
  let registrarAbuse = rdap.value.registrar?.abuseEmail;
  // A thin registry answer points to the registrar's own RDAP server, which holds the abuse contact.
  const related = rdap.value.relatedRdapUrls[0];
  if (!registrarAbuse && related) {
    const r = await ctx.getJson(related);
    if (r.ok) registrarAbuse = parseRdapAbuse(r.value).registrar?.abuseEmail ?? parseRdapAbuse(r.value).abuseEmail;
  }
  const out: RecipientCandidate[] = [];
  if (registrarAbuse) out.push({ kind: 'email', address: registrarAbuse, confidence: 'medium', source: 'rdap_domain:registrar_abuse' });
  else if (rdap.value.abuseEmail) out.push({ kind: 'email', address: rdap.value.abuseEmail, confidence: 'low', source: `rdap_domain:${rdap.value.emailSource ?? 'other_role'}` });
  ctx.steps.push({ step: 'rdap_domain', outcome: out.length > 0 ? 'found' : 'none' });
  return out;
}

function dedupe(candidates: RecipientCandidate[]): RecipientCandidate[] {
  const seen = new Map<string, RecipientCandidate>();
  for (const c of candidates) {
    const key = (c.address ?? c.formUrl ?? '').toLowerCase();
    const prev = seen.get(key);
    if (!prev || RANK[c.confidence] > RANK[prev.confidence]) seen.set(key, c);
  }
  return [...seen.values()];
}

const STEP_ORDER: StepName[] = ['platform', 'page', 'contact_page', 'security_txt', 'rdap_ip', 'cdn', 'rdap_domain', 'fallback'];

export async function resolveRecipient(input: ResolveInput, deps: ResolverDeps): Promise<Resolution> {
  const ctx = new Context(deps);
  const catalogue = deps.catalogue ?? bundledPlatformCatalogue();
  const host = hostOf(input.url);
  if (!host) return { recipient: null, alternatives: [], steps: [{ step: 'page', outcome: 'failed', detail: 'invalid_url' }] };

  const candidates: RecipientCandidate[] = [];
  const platform = matchPlatform(input.url, catalogue);
  if (platform) {
    const ranked = rankChannels(platform, topicsFor(input.categories ?? [], input.bases ?? []));
    candidates.push(...ranked.map((c) => channelCandidate(c, platform.id, platform.verify === true)));
    ctx.steps.push({ step: 'platform', outcome: 'found', detail: platform.id });
    if (candidates[0]?.confidence === 'high') {
      for (const step of STEP_ORDER.slice(1)) ctx.steps.push({ step, outcome: 'skipped', detail: 'known_platform' });
      return { recipient: candidates[0], alternatives: candidates.slice(1), steps: ctx.steps };
    }
  } else {
    ctx.steps.push({ step: 'platform', outcome: 'none' });
  }

  const domain = registrableDomain(host);
  const [page, security, hosting, registrar] = await Promise.all([
    pageStep(ctx, input),
    securityTxtStep(ctx, input),
    hostingStep(ctx, host, catalogue),
    domain ? registrarStep(ctx, domain) : Promise.resolve<RecipientCandidate[]>([]),
  ]);
  if (!domain) ctx.steps.push({ step: 'rdap_domain', outcome: 'skipped', detail: 'ip_literal' });
  candidates.push(...page, ...security, ...hosting, ...registrar);

  if (domain) {
    candidates.push({ kind: 'email', address: `abuse@${domain}`, confidence: 'low', source: 'fallback:rfc2142' });
    ctx.steps.push({ step: 'fallback', outcome: 'found' });
  } else {
    ctx.steps.push({ step: 'fallback', outcome: 'skipped', detail: 'ip_literal' });
  }

  // Stable sort: equal confidence keeps chain order, so the site's own contacts beat its host's.
  const ordered = dedupe(candidates).sort((a, b) => RANK[b.confidence] - RANK[a.confidence]);
  const steps = [...ctx.steps].sort((a, b) => STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step));
  return { recipient: ordered[0] ?? null, alternatives: ordered.slice(1), steps };
}
