import type { ImpersonationSite, ImpersonationSiteList, SiteSignal } from './sites.models.ts';
import { escapeRegExp } from '../../shared/regexp.models.ts';
import { englishReason } from '../matching/hit-reasons.models.ts';
import { englishMatchReason } from '../matching/match-reasons.models.ts';

/**
 * Impersonation watch, the pure part: which profile addresses to ask for a person, what an answer means, and
 * whether the account a page shows is the person's handle or only looks like it. No I/O here.
 */

export interface PersonHandle {
  /** The form asked for on the sites, as the person wrote it (a handle) or as derived from an alias. */
  handle: string;
  source: 'handle' | 'alias';
  /** The person's own identifier this form comes from (the alias as written, or the handle). */
  identifier: string;
}

export interface Probe extends PersonHandle {
  siteId: string;
  url: string;
}

export type ProbeOutcome = 'present' | 'absent' | 'unknown' | 'lookalike';

export interface ProbeAnswer {
  status: number;
  body: string;
  finalUrl: string;
}

export interface ProbeVerdict {
  outcome: ProbeOutcome;
  /** A stable reason code (`present_signal`, `absent_signal`, `http_429`, `no_signal`...), never page text. */
  reason: string;
  /** The account the page shows, when it names one. */
  shownHandle: string | null;
}

/** Most handle forms one alias turns into; more would multiply the requests for little. */
const MAX_FORMS_PER_ALIAS = 4;

/** Accents dropped and letters lower-cased, as sign-up forms do with a name typed into a user-name field. */
function foldWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** "Lola Velvet" → lolavelvet, lola_velvet, lola.velvet, lola-velvet: the forms people pick for an alias. */
export function aliasHandleForms(alias: string): string[] {
  const words = foldWords(alias);
  if (words.length === 0) return [];
  if (words.length === 1) return [words[0]!];
  return [...new Set(['', '_', '.', '-'].map((sep) => words.join(sep)))].slice(0, MAX_FORMS_PER_ALIAS);
}

/** The person's handles as written (without a leading @) and their aliases in handle form, without repeats. */
export function personHandles(profile: { handles: readonly { original: string }[]; aliases: readonly { original: string }[] }): PersonHandle[] {
  const out: PersonHandle[] = [];
  const seen = new Set<string>();
  const add = (h: PersonHandle) => {
    if (h.handle.length < 2 || seen.has(h.handle)) return;
    seen.add(h.handle);
    out.push(h);
  };
  for (const h of profile.handles) {
    const handle = h.original.trim().replace(/^@/, '').normalize('NFC');
    add({ handle, source: 'handle', identifier: handle });
  }
  for (const a of profile.aliases) for (const form of aliasHandleForms(a.original)) add({ handle: form, source: 'alias', identifier: a.original.trim() });
  return out;
}

/** Whether two handles name the same account under the site's case rule; anything else is another account. */
export function sameHandle(site: Pick<ImpersonationSite, 'handle'>, a: string, b: string): boolean {
  const x = a.normalize('NFC');
  const y = b.normalize('NFC');
  return site.handle.caseSensitive ? x === y : x.toLowerCase() === y.toLowerCase();
}

/** The handle a profile address names under the site's template, or null when it is not a profile address. */
export function handleFromUrl(template: string, url: string): string | null {
  const [before, after] = template.split('{handle}') as [string, string];
  const trimmed = after.replace(/\/$/, '');
  const pattern = new RegExp(`^${escapeRegExp(before)}([^/?#]+)${escapeRegExp(trimmed)}/?(?:[?#].*)?$`, 'i');
  const match = pattern.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

export const profileUrl = (site: Pick<ImpersonationSite, 'profileUrl'>, handle: string): string => site.profileUrl.replace('{handle}', encodeURIComponent(handle));

/**
 * Every profile address to ask for: each site, each form it accepts. On a site that ignores case, forms that
 * differ only in case are asked once; an address that is one of the person's own accounts is never asked.
 */
export function planProbes(list: ImpersonationSiteList, handles: readonly PersonHandle[], ownUrls: readonly string[] = []): Probe[] {
  const probes: Probe[] = [];
  for (const site of list.sites) {
    const accepts = new RegExp(site.handle.pattern, 'u');
    const own = ownUrls.map((u) => handleFromUrl(site.profileUrl, u)).filter((h): h is string => h !== null);
    const asked: string[] = [];
    for (const h of handles) {
      if (!accepts.test(h.handle)) continue;
      if (asked.some((a) => sameHandle(site, a, h.handle))) continue;
      if (own.some((o) => sameHandle(site, o, h.handle))) continue;
      asked.push(h.handle);
      probes.push({ ...h, siteId: site.id, url: profileUrl(site, h.handle) });
    }
  }
  return probes;
}

/** A signal holds when its status list (if any) has the status and each of its texts (if any) is in the body. */
export function signalHolds(signal: SiteSignal, answer: Pick<ProbeAnswer, 'status' | 'body'>, handle: string): boolean {
  if (signal.status && !signal.status.includes(answer.status)) return false;
  if (signal.text && !signal.text.every((t) => answer.body.includes(t.replaceAll('{handle}', handle)))) return false;
  return true;
}

/** The account a present page shows: named in the page where the site says so, else read from the final URL. */
export function shownHandleOf(site: Pick<ImpersonationSite, 'profileUrl' | 'shownHandle'>, answer: Pick<ProbeAnswer, 'body' | 'finalUrl'>): string | null {
  if (site.shownHandle) {
    const match = new RegExp(site.shownHandle, 'u').exec(answer.body);
    if (match?.[1]) return match[1];
  }
  return handleFromUrl(site.profileUrl, answer.finalUrl);
}

/**
 * What one answer says about one handle. A refusal or a server error is `unknown` (never "no profile"); an
 * answer that fits neither signal, or both, is `unknown` too. A present page that shows another account (a
 * redirect to the nearest name, a "did you mean" profile) is a `lookalike`: not the person's handle.
 */
export function classifyAnswer(site: ImpersonationSite, answer: ProbeAnswer, handle: string): ProbeVerdict {
  if (answer.status === 429) return { outcome: 'unknown', reason: 'http_429', shownHandle: null };
  if (answer.status >= 500) return { outcome: 'unknown', reason: `http_${answer.status}`, shownHandle: null };
  const present = signalHolds(site.present, answer, handle);
  const absent = signalHolds(site.absent, answer, handle);
  if (present && absent) return { outcome: 'unknown', reason: 'both_signals', shownHandle: null };
  if (absent) return { outcome: 'absent', reason: 'absent_signal', shownHandle: null };
  if (!present) return { outcome: 'unknown', reason: answer.status === 200 ? 'no_signal' : `http_${answer.status}`, shownHandle: null };
  const shown = shownHandleOf(site, answer);
  if (shown === null) return { outcome: 'unknown', reason: 'account_not_named', shownHandle: null };
  if (!sameHandle(site, shown, handle)) return { outcome: 'lookalike', reason: 'other_account', shownHandle: shown };
  return { outcome: 'present', reason: 'present_signal', shownHandle: shown };
}

/** The site whose profile addresses `url` belongs to, among the given lists. */
export function siteForProfileUrl(lists: readonly ImpersonationSiteList[], url: string): ImpersonationSite | null {
  for (const list of lists) for (const site of list.sites) if (handleFromUrl(site.profileUrl, url) !== null) return site;
  return null;
}

/** The report channel as a takedown recipient; an unconfirmed channel is offered with less confidence. */
export function reportRecipient(site: ImpersonationSite): { kind: 'form' | 'email'; formUrl?: string; address?: string; confidence: 'high' | 'medium'; source: string; verify?: boolean } {
  const r = site.report;
  const verify = r.verify === true;
  const base = { confidence: verify ? ('medium' as const) : ('high' as const), source: `impersonation:${site.id}`, ...(verify ? { verify: true } : {}) };
  return r.kind === 'form' ? { kind: 'form', formUrl: r.formUrl, ...base } : { kind: 'email', address: r.address, ...base };
}

/** A fake profile on an adult or dating site is used for sextortion and scams: it is told at once. */
export const impersonationSeverity = (site: Pick<ImpersonationSite, 'category'>): 'high' | 'medium' => (site.category === 'adult' || site.category === 'dating' ? 'high' : 'medium');

/** The hit's reasons are stored in clear: they name the site, never the handle (the match's sealed reason does). */
export function impersonationReasons(site: Pick<ImpersonationSite, 'name' | 'verify'>, source: PersonHandle['source']): string[] {
  return [
    englishReason({ kind: 'impersonation', site: site.name, source }),
    ...(site.verify ? [englishReason({ kind: 'impersonationUnverified', site: site.name })] : []),
  ];
}

export function matchReason(site: Pick<ImpersonationSite, 'name'>, probe: Pick<PersonHandle, 'handle' | 'source' | 'identifier'>): string {
  return englishMatchReason(probe.source === 'alias'
    ? { kind: 'impersonationAlias', site: site.name, handle: probe.handle, identifier: probe.identifier }
    : { kind: 'impersonationHandle', site: site.name, handle: probe.handle });
}

/** The takedown recipient of an impersonation exposure: the report channel of the site its profile is on. */
export function impersonationRecipient(lists: readonly ImpersonationSiteList[], hit: { categories: readonly string[]; url: string }): ReturnType<typeof reportRecipient> | null {
  if (!hit.categories.includes('impersonation')) return null;
  const site = siteForProfileUrl(lists, hit.url);
  return site ? reportRecipient(site) : null;
}
