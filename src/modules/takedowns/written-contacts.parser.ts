import { findEmailsInText, isPlausibleEmail } from './email-text.parser.ts';
import { attr, BLOCK_TAGS, parseHtml, rawTextOf, selectAll, selectOne, textOf, walk, type HtmlElement, type HtmlPage } from '../../shared/html-dom.ts';
import { hostOf, topLevelDomain } from '../../shared/url.models.ts';

/**
 * Addresses a site writes as text on its contact, imprint, mentions légales, colofon and privacy pages:
 * plain, obfuscated ("kontakt [at] site [dot] de", "info(at)site.de", "name at site dot com") or split
 * across elements, each with the role its label gives it (general contact, privacy officer, web agency...).
 * Also tells whether the page is a German or Austrian Impressum, whose contact address the law requires
 * (§ 5 DDG, formerly TMG; § 5 ECG and § 25 MedienG in Austria), so that address is the operator's own.
 * Pages are hostile: the input is capped before parsing and every scan is linear in the parsed page.
 */

export type AddressRole = 'general' | 'responsible' | 'privacy' | 'newsletter' | 'press' | 'jobs' | 'credit' | 'unlabelled';

export interface WrittenAddress {
  address: string;
  role: AddressRole;
  /** The address sits at or below the page's legal-notice heading or statement. */
  inLegalNotice: boolean;
}

export type LegalNoticeKind = 'impressum' | 'offenlegung' | 'mentions_legales' | 'colofon' | 'legal_notice';

export interface WrittenContacts {
  addresses: WrittenAddress[];
  legalNotice: LegalNoticeKind | null;
  /** A German or Austrian site (TLD or page language) whose page is its Impressum/Offenlegung. */
  requiredImprint: boolean;
  /** A form the visitor can write a message in (a textarea or a message field with a submit button). */
  hasMessageForm: boolean;
}

export const WRITTEN_LIMITS = { maxHtml: 2 * 1024 * 1024, maxLines: 20_000, maxLine: 5000, maxText: 200_000, maxAddresses: 50, lookBack: 5 };

const HEADING = /^h[1-6]$/;
/** Marks a heading line; never occurs in decoded page text because control characters are removed. */
const HEADING_MARK = '\u0001';
const SKIPPED_ELEMENTS: ReadonlySet<string> = new Set(['script', 'style', 'template', 'svg']);

/** An inline style that shows the element's text right to left, character by character. */
function showsReversed(element: HtmlElement): boolean {
  const value = (attr(element, 'style') ?? '').toLowerCase();
  return /direction\s*:\s*rtl/.test(value) && /unicode-bidi\s*:\s*bidi-override/.test(value);
}

export function parseContactPage(html: string): HtmlPage {
  return parseHtml(html, { maxChars: WRITTEN_LIMITS.maxHtml });
}

/**
 * The page as lines of visible text: block elements end a line, other elements become a space (so an address
 * split across elements comes out with spaces, which `deobfuscate` joins), the address of a mailto: link is
 * written where the link ends (so its label applies to it too), and scripts, styles and templates are dropped
 * (an address hidden there is not one the site shows). Comments are not part of the parsed page at all.
 */
export function textLines(page: HtmlPage | string): string[] {
  const doc = typeof page === 'string' ? parseContactPage(page) : page;
  const out: string[] = [];
  let pendingMailto = '';
  walk(doc.document, {
    enter(element) {
      const name = element.name;
      if (SKIPPED_ELEMENTS.has(name)) return false;
      if (showsReversed(element)) {
        // "ed.elpmaxe@tkatnok" shown right to left reads as the address; the source holds it reversed.
        out.push(` ${[...rawTextOf(element).slice(0, WRITTEN_LIMITS.maxLine)].reverse().join('')} `);
        return false;
      }
      if (HEADING.test(name)) out.push(`\n${HEADING_MARK}`);
      else if (BLOCK_TAGS.has(name)) out.push('\n');
      else if (name === 'a') {
        out.push(pendingMailto ? ` ${pendingMailto} ` : ' ');
        const href = (attr(element, 'href') ?? '').trim();
        pendingMailto = /^mailto:/i.test(href) ? mailtoText(href) : '';
      } else out.push(' ');
      return true;
    },
    leave(element) {
      const name = element.name;
      if (HEADING.test(name) || BLOCK_TAGS.has(name)) out.push('\n');
      else if (name === 'a') {
        // The address goes after the link text, so "E-Mail: <a>write to us</a>" and "<a>Datenschutz</a>" label it.
        out.push(pendingMailto ? ` ${pendingMailto} ` : ' ');
        pendingMailto = '';
      } else out.push(' ');
    },
    text(text) {
      out.push(text);
    },
  });
  if (pendingMailto) out.push(` ${pendingMailto}`);
  const lines: string[] = [];
  let budget = WRITTEN_LIMITS.maxText;
  for (const raw of out.join('').split('\n', WRITTEN_LIMITS.maxLines)) {
    const line = cleanLine(raw);
    if (line.length === 0 || line === HEADING_MARK) continue;
    lines.push(line);
    budget -= line.length;
    if (budget <= 0) break;
  }
  return lines;
}

function mailtoText(href: string): string {
  const body = href.slice('mailto:'.length).split('?')[0] ?? '';
  try {
    return decodeURIComponent(body).replace(/[,;]/g, ' ');
  } catch {
    return body;
  }
}

function cleanLine(raw: string): string {
  const heading = raw.startsWith(HEADING_MARK);
  const text = raw
    .slice(0, WRITTEN_LIMITS.maxLine)
    // Zero-width characters are a common way to break an address up for harvesters.
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u0000-\u001f\u007f\u00a0\s]+/g, ' ')
    .trim();
  return heading && text.length > 0 ? `${HEADING_MARK}${text}` : text;
}

const AT_WORDS = 'at|ät|@|arobase|apenstaartje|klammeraffe|affe';
const DOT_WORDS = 'dot|punkt|point|punt|\\.';
const BRACKETED_AT = new RegExp(`\\s*[\\[({<]\\s*(?:${AT_WORDS})\\s*[\\])}>]\\s*`, 'gi');
const BRACKETED_DOT = new RegExp(`\\s*[\\[({<]\\s*(?:${DOT_WORDS})\\s*[\\])}>]\\s*`, 'gi');
// "name at example dot com": plain words only count when the domain spells out at least one dot, so
// "find us at example.com" never becomes an address.
const SPELLED = /([a-z0-9._%+-]{1,64}) (?:at|ät|arobase) ((?:[a-z0-9-]{1,63}(?: ?\. ?| (?:dot|punkt|point|punt) )){1,4}[a-z]{2,24})(?![a-z0-9-])/gi;

/** The line with obfuscated addresses written back as addresses; other text is left as it was. */
export function deobfuscate(line: string): string {
  let text = line.replace(BRACKETED_AT, '@').replace(BRACKETED_DOT, '.');
  text = text.replace(SPELLED, (whole, local: string, domain: string) => {
    if (!/ (?:dot|punkt|point|punt) /i.test(` ${domain} `.replace(/\./g, ' '))) return whole;
    const address = `${local}@${domain.replace(/ (?:dot|punkt|point|punt) /gi, '.').replace(/ ?\. ?/g, '.')}`;
    return isPlausibleEmail(address.toLowerCase()) ? address : whole;
  });
  // Addresses split across elements ("info <span>@</span> site . de") come out of the tags with spaces.
  return text.replace(/([a-z0-9._%+-]) ?@ ?([a-z0-9])/gi, '$1@$2').replace(/([a-z0-9-]) \. ([a-z0-9])/gi, '$1.$2');
}

type LabelRole = Exclude<AddressRole, 'unlabelled'>;

// Words written the way `words` leaves them; a word ending in "*" also matches longer words.
const ROLE_WORDS: ReadonlyArray<readonly [LabelRole, readonly string[]]> = [
  ['credit', [
    'webdesign*', 'design', 'gestaltung', 'realisierung', 'umsetzung', 'programmierung', 'agentur', 'agency', 'hosting', 'hoster', 'hosted',
    'webhosting', 'hébergeur', 'hebergeur', 'hébergement', 'hebergement', 'réalisation', 'realisation', 'réalisé', 'realise', 'conception',
    'ontwerp', 'vormgeving', 'grafik', 'webbouw*', 'gemaakt', 'bildnachweis', 'bildquellen', 'fotos', 'fotografie', 'crédits', 'credits', 'powered', 'serverbetreiber',
  ]],
  ['privacy', ['datenschutz*', 'dpo', 'dsb', 'délégué', 'delegue', 'privacy', 'gegevensbescherming', 'functionaris', 'avg', 'rgpd', 'dsgvo', 'gdpr', 'données', 'donnees']],
  ['newsletter', ['newsletter*', 'nieuwsbrief', 'infolettre']],
  ['press', ['presse*', 'press', 'pers', 'persvragen', 'journalist*']],
  ['jobs', ['jobs', 'karriere', 'bewerbung*', 'emploi', 'recrutement', 'vacature*', 'careers']],
  ['responsible', ['verantwortlich*', 'visdp', 'publication', 'hoofdredact*', 'redaktion*', 'rédaction', 'redactie*']],
  ['general', [
    'kontakt*', 'contact*', 'impressum', 'angaben', 'offenlegung', 'herausgeber*', 'medieninhaber*', 'betreiber*', 'anbieter*', 'inhaber*',
    'vertreten', 'éditeur', 'editeur', 'uitgever', 'colofon', 'imprint', 'publisher', 'operator', 'owner', 'eigenaar', 'beheerder',
  ]],
];

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

function matchesWord(token: string, word: string): boolean {
  return word.endsWith('*') ? token.startsWith(word.slice(0, -1)) : token === word;
}

/** The role a label names; a specific role beats "general" ("Kontakt zum Webdesigner" is the agency). */
export function roleOfLabel(label: string): LabelRole | null {
  const tokens = words(label);
  for (const [role, list] of ROLE_WORDS) {
    if (list.some((w) => tokens.some((t) => matchesWord(t, w)))) return role;
  }
  return null;
}

const IMPRINT_STATEMENTS: ReadonlyArray<readonly [LegalNoticeKind, RegExp]> = [
  ['impressum', /§\s*5\s*(?:abs\.?\s*\d\s*)?(?:tmg|ddg|ecg)\b|angaben gem(?:ä|ae)ß/i],
  ['offenlegung', /§\s*25\s*(?:abs\.?\s*\d\s*)?medieng|offenlegung|e-commerce-gesetz|informationspflicht/i],
];
const NOTICE_HEADINGS: ReadonlyArray<readonly [LegalNoticeKind, RegExp]> = [
  ['impressum', /\bimpressum\b/i],
  ['offenlegung', /\boffenlegung\b/i],
  ['mentions_legales', /\bmentions l[ée]gales\b/i],
  ['colofon', /\bcolofon\b/i],
  ['legal_notice', /\b(?:legal notice|imprint|disclaimer)\b/i],
];

function pageLanguage(page: HtmlPage): string | null {
  const m = /^\s*([a-z]{2,3})/i.exec(attr(selectOne(page, 'html'), 'lang') ?? '');
  return m?.[1]?.toLowerCase() ?? null;
}

/** Where the page's legal notice starts: its heading, its § statement, or its title for a whole-page notice. */
function findLegalNotice(page: HtmlPage, lines: readonly string[]): { kind: LegalNoticeKind; start: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    for (const [kind, re] of IMPRINT_STATEMENTS) if (re.test(line)) return { kind, start: headingAbove(lines, i) };
    // Only headings: a footer link reading "Impressum" is not the notice itself.
    if (line.startsWith(HEADING_MARK)) {
      for (const [kind, re] of NOTICE_HEADINGS) if (re.test(line)) return { kind, start: i };
    }
  }
  const title = textOf(selectOne(page, 'title')).slice(0, 300);
  for (const [kind, re] of NOTICE_HEADINGS) if (re.test(title)) return { kind, start: 0 };
  return null;
}

function headingAbove(lines: readonly string[], i: number): number {
  for (let j = i; j >= Math.max(0, i - 3); j--) if (lines[j]?.startsWith(HEADING_MARK)) return j;
  return i;
}

/** The label nearest above an address: its own line first, then earlier lines up to a heading. */
function roleAt(lines: readonly string[], i: number, before: string): AddressRole {
  const own = roleOfLabel(before);
  if (own) return own;
  for (let j = i - 1; j >= Math.max(0, i - WRITTEN_LIMITS.lookBack); j--) {
    const line = lines[j] ?? '';
    // A line holding another address ends the label's reach: "E-Mail: a@x" does not label the next address.
    if (findEmailsInText(deobfuscate(line), 1).length > 0) break;
    const role = roleOfLabel(line);
    if (role) return role;
    if (line.startsWith(HEADING_MARK)) break;
  }
  return 'unlabelled';
}

const MESSAGE_FIELD_NAME = /^(?:message|nachricht|bericht|body|comment|anliegen)\b/i;

function hasMessageForm(page: HtmlPage): boolean {
  return selectAll(page, 'form').some(
    (form) => selectOne(form, 'textarea') !== null || selectAll(form, 'input[name]').some((input) => MESSAGE_FIELD_NAME.test(attr(input, 'name') ?? '')),
  );
}

/** Reads an HTML page, or a page already parsed with `parseContactPage` (contact discovery reads it once). */
export function readWrittenContacts(html: string | HtmlPage, pageUrl: string): WrittenContacts {
  const page = typeof html === 'string' ? parseContactPage(html) : html;
  const lines = textLines(page);
  const notice = findLegalNotice(page, lines);
  const host = hostOf(pageUrl) ?? '';
  const tld = topLevelDomain(host);
  const lang = pageLanguage(page);
  const germanNotice = notice?.kind === 'impressum' || notice?.kind === 'offenlegung';
  // The duty follows the provider, not the page language: a .de site's English "Imprint" is its Impressum.
  const requiredImprint = ((tld === 'de' || tld === 'at') && (germanNotice || notice?.kind === 'legal_notice')) || (lang === 'de' && germanNotice);
  const seen = new Map<string, WrittenAddress>();
  for (let i = 0; i < lines.length && seen.size < WRITTEN_LIMITS.maxAddresses; i++) {
    const line = deobfuscate((lines[i] ?? '').replace(HEADING_MARK, ''));
    if (!line.includes('@')) continue;
    const lowerLine = line.toLowerCase();
    // A label reaches only the address after it: "Webdesign: a@x · Kontakt: b@y".
    let labelStart = 0;
    for (const address of findEmailsInText(line, 10)) {
      const at = lowerLine.indexOf(address, labelStart);
      const label = at >= labelStart ? line.slice(Math.max(labelStart, at - 80), at) : '';
      if (at >= 0) labelStart = at + address.length;
      if (seen.has(address)) continue;
      seen.set(address, { address, role: roleAt(lines, i, label), inLegalNotice: notice !== null && i >= notice.start });
    }
  }
  return {
    addresses: [...seen.values()],
    legalNotice: notice?.kind ?? null,
    requiredImprint,
    hasMessageForm: hasMessageForm(page),
  };
}
