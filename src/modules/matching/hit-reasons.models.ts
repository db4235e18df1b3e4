/**
 * Why a page was kept as an exposure, one sentence each. A hit stores these sentences in English, as they are:
 * the API, the command line's JSON and the evidence export carry that text, and people script against it.
 * The dashboard and the report show them in the reader's language (hit-reason-words.models.ts); they know a
 * stored sentence by its text (`readHitReason`), so every sentence is written here, once, from its parts.
 */
import type { UncheckedReason } from '../scans/page-check.models.ts';
import { UNCHECKED_REASONS } from '../scans/page-check.models.ts';

export const REASON_CATEGORIES = ['home_address', 'phone', 'email', 'identity_document', 'financial', 'live_location', 'intimate_media'] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

/** The identifier a sentence says the detail appeared with: the legal name first, then the alias, then the handle. */
export type Who = 'name' | 'alias' | 'handle';
/** Where it was seen: on the page itself, or only in a search engine's result for it. */
export type Where = 'page' | 'result';
export type Linked = 'name' | 'phone' | 'address';
export type SeenInResultsCause = UncheckedReason | 'not_on_page';

export type HitReason =
  | { kind: 'nothing' }
  /** `who` null: the detail appeared without any name, alias or handle near it. */
  | { kind: 'category'; category: ReasonCategory; who: Who | null; where: Where }
  | { kind: 'intimatePhoto' }
  | { kind: 'linkage'; separated: 'alias' | 'handle'; linked: Linked[]; where: Where }
  | { kind: 'photo'; where: Where }
  | { kind: 'mentioned'; who: Who; where: Where }
  | { kind: 'seenInResults'; cause: SeenInResultsCause }
  /** `shows`: the lower-case labels of what the frame showed ("name", "phone number", "photo"). */
  | { kind: 'frame'; host: string; shows: string[] }
  | { kind: 'unusableImages'; count: number }
  | { kind: 'impersonation'; site: string; source: 'alias' | 'handle' }
  | { kind: 'impersonationUnverified'; site: string };

const WHO: Record<Who, string> = { name: 'your name', alias: 'your alias', handle: 'your handle' };
const LINKED: Record<Linked, string> = { name: 'your legal name', phone: 'your phone number', address: 'your home address' };

const CATEGORY_SENTENCE: Record<ReasonCategory, { withWho?: (who: string) => string; alone: string }> = {
  home_address: { withWho: (who) => `Your home address appears together with ${who}.`, alone: 'Your home address appears on this page.' },
  phone: { withWho: (who) => `Your phone number appears together with ${who}.`, alone: 'Your phone number appears on this page.' },
  email: { withWho: (who) => `Your email address appears together with ${who}.`, alone: 'Your email address appears on this page.' },
  identity_document: { withWho: (who) => `An identity document or national number is mentioned near ${who}.`, alone: 'This page shows what looks like a national register number.' },
  financial: { alone: 'This page shows bank or card details.' },
  live_location: { withWho: (who) => `This page says where you are right now, or gives map coordinates, near ${who}.`, alone: 'This page gives a live location or map coordinates.' },
  intimate_media: { withWho: (who) => `This page describes intimate or leaked images and mentions ${who}.`, alone: 'This page describes intimate or leaked images.' },
};

const SEEN_IN_RESULTS_CAUSE: Record<SeenInResultsCause, string> = {
  not_on_page: 'the page itself no longer shows it (it may have been edited or removed)',
  http_401: 'the page itself asks for a login (HTTP 401)',
  http_403: 'the page itself refused access (HTTP 403)',
  http_429: 'the site refused too many requests (HTTP 429)',
  http_451: 'the page itself is blocked for legal reasons (HTTP 451)',
  http_5xx: 'the site answered with a server error',
  login_wall: 'the page itself is behind a login',
  challenge: 'the site showed a bot check instead of the page',
  paywall: 'the page itself is behind a paywall',
  timeout: 'the page did not load in time',
  refused: 'the page leads to an address the scanner does not visit',
  too_large: 'the page is too large to check',
  error: 'the page could not be loaded',
};

/** The category sentences speak of "this page"; when only a search result showed the details, of that result. */
function inResult(sentence: string, where: Where): string {
  if (where === 'page') return sentence;
  return sentence.replace(/\bon this page\b/g, 'in this search result').replace(/\bThis page\b/g, 'This search result').replace(/\bthis page\b/g, 'this search result');
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "a", "a and b", "a, b and c", with the language's own word for "and". */
export function listWith(and: string, items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}` : (items[0] ?? '');
}

/** The stored sentence. */
export function englishReason(reason: HitReason): string {
  switch (reason.kind) {
    case 'nothing': return 'Nothing on this page matched your profile.';
    case 'category': {
      const sentence = CATEGORY_SENTENCE[reason.category];
      return inResult(reason.who && sentence.withWho ? sentence.withWho(WHO[reason.who]) : sentence.alone, reason.where);
    }
    case 'intimatePhoto': return 'One of your photos appears on a page that describes intimate or leaked images.';
    case 'linkage': return inResult(`This page connects ${WHO[reason.separated]} with ${listWith('and', reason.linked.map((l) => LINKED[l]))}.`, reason.where);
    case 'photo': return inResult('One of your photos appears on this page.', reason.where);
    case 'mentioned': return inResult(`${capitalise(WHO[reason.who])} is mentioned on this page; no private details were found with it.`, reason.where);
    case 'seenInResults': return `Seen in search results: a search engine shows these details for this page, but ${SEEN_IN_RESULTS_CAUSE[reason.cause]}. The page will be checked again.`;
    case 'frame': return `Shown in a frame from ${reason.host} that this page embeds: ${reason.shows.join(', ')}. That site holds it and can remove it at the source; it is checked as a page of its own.`;
    case 'unusableImages': return `${reason.count} image(s) on this page could not be compared with your photos (too small, too plain, too large or unreadable); check them yourself.`;
    case 'impersonation': return `A profile on ${reason.site} uses your ${reason.source === 'alias' ? 'alias as its user name' : 'handle'}: someone may be pretending to be you. If it is your own account, add its address to your own URLs and dismiss this exposure.`;
    case 'impersonationUnverified': return `How ${reason.site} shows a missing profile was not confirmed; open the profile to check it is there.`;
  }
}

const WHOS: Who[] = ['name', 'alias', 'handle'];
const WHERES: Where[] = ['page', 'result'];
const LINKED_ORDER: Linked[] = ['name', 'phone', 'address'];

/** Every sentence without free parts (names of sites, hosts, counts), by its text. */
function fixedSentences(): Map<string, HitReason> {
  const all: HitReason[] = [{ kind: 'nothing' }, { kind: 'intimatePhoto' }];
  for (const where of WHERES) {
    for (const category of REASON_CATEGORIES) for (const who of [null, ...WHOS]) all.push({ kind: 'category', category, who, where });
    for (const separated of ['alias', 'handle'] as const) {
      for (let mask = 1; mask < 8; mask++) all.push({ kind: 'linkage', separated, linked: LINKED_ORDER.filter((_, i) => mask & (1 << i)), where });
    }
    all.push({ kind: 'photo', where });
    for (const who of WHOS) all.push({ kind: 'mentioned', who, where });
  }
  for (const cause of ['not_on_page', ...UNCHECKED_REASONS] as const) all.push({ kind: 'seenInResults', cause });
  const byText = new Map<string, HitReason>();
  // The first of two reasons that read the same wins: a category without a "who" sentence reads as its sentence alone.
  for (const reason of all) if (!byText.has(englishReason(reason))) byText.set(englishReason(reason), reason);
  return byText;
}

let fixed: Map<string, HitReason> | null = null;

const FRAME = /^Shown in a frame from (\S+) that this page embeds: (.+)\. That site holds it and can remove it at the source; it is checked as a page of its own\.$/s;
const UNUSABLE = /^(\d+) image\(s\) on this page could not be compared with your photos \(too small, too plain, too large or unreadable\); check them yourself\.$/;
const IMPERSONATION = /^A profile on (.+) uses your (alias as its user name|handle): someone may be pretending to be you\. If it is your own account, add its address to your own URLs and dismiss this exposure\.$/s;
const UNVERIFIED = /^How (.+) shows a missing profile was not confirmed; open the profile to check it is there\.$/s;

/**
 * A stored sentence, told apart; null for one this version does not write (an older or newer wording), which is
 * shown as it is. Whatever the result, `englishReason` of it gives back the same text.
 */
export function readHitReason(text: string): HitReason | null {
  const known = (fixed ??= fixedSentences()).get(text);
  if (known) return known;
  let m = FRAME.exec(text);
  if (m) return { kind: 'frame', host: m[1]!, shows: m[2]!.split(', ') };
  m = UNUSABLE.exec(text);
  if (m) return { kind: 'unusableImages', count: Number(m[1]) };
  m = IMPERSONATION.exec(text);
  if (m) return { kind: 'impersonation', site: m[1]!, source: m[2] === 'handle' ? 'handle' : 'alias' };
  m = UNVERIFIED.exec(text);
  if (m) return { kind: 'impersonationUnverified', site: m[1]! };
  return null;
}
