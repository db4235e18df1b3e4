import { findEmailsInText, isPlausibleEmail } from './email-text.parser.ts';
import { attr, decodeEntities, selectAll, textOf, type HtmlPage } from '../../shared/html-dom.ts';
import { registrableDomain, hostOf } from '../../shared/url.models.ts';
import { classifyLocalPart, UNLABELLED_TEXT_PENALTY, withRole } from './address-scoring.models.ts';
import { parseContactPage, readWrittenContacts, type WrittenContacts } from './written-contacts.parser.ts';

export { findEmailsInText, isPlausibleEmail };

/**
 * Finds where a site wants complaints sent: footer links (contact, abuse, DMCA, imprint, DSA report...)
 * and mailto: addresses, in en/nl/fr/de. Pages are hostile, so the input is capped before parsing, and
 * links, the text read per link and results are capped too.
 */

export type ContactCategory = 'abuse' | 'report' | 'copyright' | 'legal' | 'privacy' | 'contact' | 'terms' | 'other';

export interface ContactCandidate {
  kind: 'email' | 'link';
  /** An email address or an absolute http(s) URL. */
  value: string;
  category: ContactCategory;
  /** 0–100; higher is a better place to send a takedown. */
  score: number;
  /** The link points into the same registrable domain as the page (mailto: counts as same site). */
  sameSite: boolean;
  /** Set for addresses written as text (`text`) or given in a German/Austrian Impressum (`imprint`). */
  foundAs?: 'text' | 'imprint';
}

export const CONTACT_LIMITS = { maxLinkText: 2048, maxAnchors: 5000, maxResults: 25 };

interface Rule {
  category: ContactCategory;
  score: number;
  words?: readonly string[];
  phrases?: readonly string[];
}

// Phrases are written the way `normalise` leaves text: lower case, words separated by one space, & as "and".
const RULES: readonly Rule[] = [
  { category: 'abuse', score: 100, words: ['abuse', 'abus', 'misbruik', 'missbrauch'] },
  {
    category: 'report',
    score: 95,
    words: ['dsa', 'takedown'],
    phrases: [
      'illegal content', 'notice and action', 'content removal', 'remove content', 'take down', 'trust and safety',
      'contenu illicite', 'contenus illicites', 'illegale inhoud', 'rechtswidrige inhalte', 'inhalt melden', 'inhalte melden',
      'verwijderverzoek', 'signaler un contenu',
    ],
  },
  { category: 'copyright', score: 90, words: ['dmca', 'copyright', 'auteursrecht', 'urheberrecht'], phrases: ['droit d auteur', 'droits d auteur'] },
  {
    category: 'report',
    score: 80,
    words: ['report', 'melden', 'signaler', 'signalement', 'klacht', 'plainte', 'beschwerde', 'complaint', '2257', 'removal', 'verwijderen', 'suppression'],
  },
  {
    category: 'legal',
    score: 60,
    words: ['impressum', 'imprint', 'colofon', 'legal', 'juridique', 'juridisch', 'rechtliches', 'disclaimer'],
    phrases: ['mentions legales', 'mentions légales', 'legal notice'],
  },
  { category: 'privacy', score: 55, words: ['privacy', 'confidentialité', 'confidentialite', 'datenschutz', 'dpo', 'gdpr', 'avg', 'rgpd', 'dsgvo', 'privacybeleid'] },
  { category: 'contact', score: 40, words: ['contact', 'kontakt', 'contacteer', 'contactez', 'support', 'help', 'hilfe', 'aide', 'helpdesk'] },
  { category: 'terms', score: 20, words: ['terms', 'tos', 'voorwaarden', 'conditions', 'agb', 'nutzungsbedingungen', 'cgu'] },
];

const OFF_SITE_PENALTY = 30;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .join(' ');
}

function tokenMatches(token: string, word: string): boolean {
  // Long words also match their inflections ("reporting", "kontaktformular"); short ones must be exact.
  return token === word || (word.length >= 5 && token.startsWith(word));
}

export function classifyText(text: string): { category: ContactCategory; score: number } {
  const norm = normalise(text);
  if (norm.length === 0) return { category: 'other', score: 0 };
  const tokens = norm.split(' ');
  const padded = ` ${norm} `;
  for (const rule of RULES) {
    const byWord = rule.words?.some((w) => tokens.some((t) => tokenMatches(t, w))) ?? false;
    const byPhrase = rule.phrases?.some((p) => padded.includes(` ${p} `)) ?? false;
    // Rules are ordered by score, so the first hit is the best.
    if (byWord || byPhrase) return { category: rule.category, score: rule.score };
  }
  return { category: 'other', score: 0 };
}

interface RawAnchor {
  href: string;
  text: string;
}

/**
 * Links with their href and visible text (plus title/aria-label). An unclosed link can hold the rest of the
 * page, so the text read per link is bounded.
 */
function readAnchors(page: HtmlPage): RawAnchor[] {
  return selectAll(page, 'a[href]')
    .slice(0, CONTACT_LIMITS.maxAnchors)
    .map((a) => {
      const text = textOf(a, { maxNodes: CONTACT_LIMITS.maxLinkText }).slice(0, CONTACT_LIMITS.maxLinkText);
      const extra = [attr(a, 'title'), attr(a, 'aria-label')].filter((v): v is string => !!v).join(' ');
      return { href: (attr(a, 'href') ?? '').trim(), text: `${text} ${extra}`.replace(/\s+/g, ' ').trim().slice(0, 200) };
    });
}

function mailtoAddresses(href: string): string[] {
  const body = href.slice('mailto:'.length).split('?')[0] ?? '';
  let decoded = body;
  try {
    decoded = decodeURIComponent(body);
  } catch {
    // Keep the raw text: a broken escape just means the address will fail validation below.
  }
  return decoded
    .split(/[,;]/)
    .map((a) => a.trim().toLowerCase())
    .filter(isPlausibleEmail);
}

/**
 * Ranks the contact points a page offers. Off-site links lose points (share buttons, "DMCA protected"
 * badges); mailto: addresses keep their score wherever they point, because sites often use a mail provider.
 * A caller that reads the page for more than this passes it parsed (`parseContactPage`), with what
 * `readWrittenContacts` found in it, so the page is parsed and read once.
 */
export function extractContactCandidates(html: string | HtmlPage, pageUrl: string, options: { text?: string; written?: WrittenContacts } = {}): ContactCandidate[] {
  const page = typeof html === 'string' ? parseContactPage(html) : html;
  const pageSite = registrableDomain(hostOf(pageUrl) ?? '') ?? hostOf(pageUrl);
  const best = new Map<string, ContactCandidate & { order: number }>();
  let order = 0;
  const add = (c: ContactCandidate) => {
    const existing = best.get(c.value);
    if (!existing || existing.score < c.score) best.set(c.value, { ...c, order: existing?.order ?? order++ });
  };

  // Addresses the page writes (and where its mailto: links sit), each with the role its label gives it.
  const written = options.written ?? readWrittenContacts(page, pageUrl);
  const roles = new Map(written.addresses.map((a) => [a.address, a]));

  for (const anchor of readAnchors(page)) {
    if (/^mailto:/i.test(anchor.href)) {
      const byText = classifyText(anchor.text);
      for (const address of mailtoAddresses(anchor.href)) {
        const byLocal = classifyLocalPart(address.split('@')[0] ?? '');
        const pick = byLocal.score >= byText.score ? byLocal : byText;
        const scored = withRole(pick, roles.get(address), written.requiredImprint, true);
        if (scored) add({ kind: 'email', value: address, ...scored, sameSite: true });
      }
      continue;
    }
    let url: URL;
    try {
      url = new URL(anchor.href, pageUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    const byText = classifyText(anchor.text);
    const byHref = classifyText(decodeURIComponentSafe(url.pathname + ' ' + url.search));
    const pick = byText.score >= byHref.score ? byText : { ...byHref, score: Math.max(0, byHref.score - 5) };
    if (pick.score === 0) continue;
    const linkSite = registrableDomain(url.hostname) ?? url.hostname;
    const sameSite = pageSite !== null && linkSite === pageSite;
    add({ kind: 'link', value: url.toString(), category: pick.category, score: sameSite ? pick.score : Math.max(1, pick.score - OFF_SITE_PENALTY), sameSite });
  }

  for (const w of written.addresses) {
    const scored = withRole(classifyLocalPart(w.address.split('@')[0] ?? ''), w, written.requiredImprint, false);
    if (scored) add({ kind: 'email', value: w.address, ...scored, sameSite: true });
  }
  if (options.text !== undefined) {
    for (const address of findEmailsInText(decodeEntities(options.text.slice(0, 200_000)))) {
      if (roles.has(address)) continue;
      const byLocal = classifyLocalPart(address.split('@')[0] ?? '');
      add({ kind: 'email', value: address, category: byLocal.category, score: Math.max(1, byLocal.score - UNLABELLED_TEXT_PENALTY), sameSite: true, foundAs: 'text' });
    }
  }

  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, CONTACT_LIMITS.maxResults)
    .map(({ order: _order, ...c }) => c);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export interface SecurityTxt {
  contacts: string[];
  expires: Date | null;
  /** True when Expires is missing, unreadable or in the past (RFC 9116 says stale files should not be trusted). */
  stale: boolean;
  preferredLanguages: string[];
  policy: string[];
  canonical: string[];
}

/** RFC 9116 security.txt. The OpenPGP signature block is ignored; only the signed text is read. */
export function parseSecurityTxt(text: string, now: Date): SecurityTxt {
  let body = text.slice(0, 64 * 1024).replace(/\r\n?/g, '\n');
  if (body.trimStart().startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) {
    const afterArmor = body.indexOf('\n\n');
    const sigStart = body.indexOf('-----BEGIN PGP SIGNATURE-----');
    body = body.slice(afterArmor < 0 ? 0 : afterArmor + 2, sigStart < 0 ? undefined : sigStart);
    // Dash-escaped lines ("- -----...") are part of the signed text.
    body = body.replace(/^- /gm, '');
  } else {
    const sigStart = body.indexOf('-----BEGIN PGP SIGNATURE-----');
    if (sigStart >= 0) body = body.slice(0, sigStart);
  }
  const out: SecurityTxt = { contacts: [], expires: null, stale: true, preferredLanguages: [], policy: [], canonical: [] };
  for (const rawLine of body.split('\n').slice(0, 1000)) {
    const line = rawLine.trim();
    if (line.length === 0 || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim().slice(0, 2048);
    if (value.length === 0) continue;
    if (field === 'contact' && out.contacts.length < 20) out.contacts.push(value);
    else if (field === 'expires' && out.expires === null) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) out.expires = d;
    } else if (field === 'preferred-languages' && out.preferredLanguages.length === 0) {
      out.preferredLanguages = value.split(',').map((l) => l.trim().toLowerCase()).filter((l) => /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(l));
    } else if (field === 'policy') out.policy.push(value);
    else if (field === 'canonical') out.canonical.push(value);
  }
  out.stale = out.expires === null || out.expires.getTime() <= now.getTime();
  return out;
}

/** Splits security.txt Contact values into email addresses and web forms; other schemes are dropped. */
export function securityTxtChannels(contacts: readonly string[]): { emails: string[]; urls: string[] } {
  const emails: string[] = [];
  const urls: string[] = [];
  for (const c of contacts) {
    if (/^mailto:/i.test(c)) emails.push(...mailtoAddresses(c));
    else if (/^https:\/\//i.test(c)) {
      try {
        urls.push(new URL(c).toString());
      } catch {
        // An unparsable URL is useless as a channel.
      }
    }
  }
  return { emails, urls };
}
