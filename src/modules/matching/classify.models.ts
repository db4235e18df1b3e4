/**
 * Turns a page's matches into categories (after X's private-information policy and the NCII guides), a
 * linkage flag and a severity, with short sentences the person reads. The person is often frightened when
 * reading these, so reasons say plainly what was found and never more than was found.
 */
import { foldWithOffsets, originalRange, type FoldedText } from './text-normalise.models.ts';
import type { TextMatch } from './text-match.models.ts';
import { escapeRegExp } from '../../shared/regexp.models.ts';
import { englishReason, type ReasonCategory, type Who, type Where } from './hit-reasons.models.ts';

/** What a page exposes; the reasons say each in a sentence of its own (hit-reasons.models.ts). */
export type Category = ReasonCategory;
export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** Only what classification needs; positions are optional so matches from elsewhere can be passed. */
export type ClassifiableTextMatch = Pick<TextMatch, 'kind' | 'value'> & Partial<Pick<TextMatch, 'start' | 'end'>>;
export interface ClassifiablePhotoMatch { kind: 'photo' }

export interface ClassifyInput {
  textMatches: readonly ClassifiableTextMatch[];
  photoMatches: readonly ClassifiablePhotoMatch[];
  pageText: string;
  url: string;
  /** Accepted for callers that know it; every keyword list is applied whatever the page language. */
  pageLanguage?: string | undefined;
  /** Where the text was seen: the page (the default), or only a search engine's result for it; the reasons say which. */
  where?: Where;
}

export interface Classification {
  categories: Category[];
  linkage: boolean;
  severity: Severity;
  reasons: string[];
}

// Keywords are folded (lower case, no accents); a space also matches a hyphen or nothing ("sex tape", "sextape").
const KEYWORDS = {
  identityDocument: [
    'passport', 'passport number', 'identity card', 'id card', 'id number', 'national number', 'national id', 'national insurance number',
    'social security number', 'ssn', "driver's license", 'drivers license', 'driving licence', 'residence permit',
    'identiteitskaart', 'id kaart', 'eid', 'rijksregisternummer', 'rijksregister', 'paspoort', 'rijbewijs', 'verblijfsvergunning',
    'burgerservicenummer', 'bsn', 'identiteitsbewijs',
    "carte d'identite", 'numero national', 'registre national', 'passeport', 'permis de conduire', 'titre de sejour', "piece d'identite",
    'numero de securite sociale',
    'personalausweis', 'ausweis', 'ausweisnummer', 'reisepass', 'fuhrerschein', 'fuehrerschein', 'aufenthaltstitel', 'steuer id',
    'steueridentifikationsnummer', 'sozialversicherungsnummer',
  ],
  financial: [
    'iban', 'bic', 'swift', 'bank account', 'account number', 'bank details', 'credit card', 'debit card', 'card number', 'cvv', 'cvc',
    'sort code', 'routing number', 'rekeningnummer', 'bankrekening', 'bankkaart', 'kredietkaart', 'creditcard', 'numero de compte',
    'compte bancaire', 'carte bancaire', 'carte de credit', 'kontonummer', 'bankverbindung', 'bankkonto', 'kreditkarte', 'kartennummer',
  ],
  liveLocation: [
    'live location', 'real time location', 'realtime location', 'current location', 'right now at', 'is now at', 'currently at',
    'location sharing', 'live gps', 'live locatie', 'huidige locatie', 'realtime locatie', 'op dit moment in', 'op dit moment op',
    'localisation en direct', 'position en direct', 'position actuelle', 'en ce moment a', 'actuellement a', 'est maintenant a',
    'live standort', 'aktueller standort', 'echtzeit standort', 'standort jetzt',
  ],
  intimate: [
    'leaked', 'leak', 'leaks', 'nude', 'nudes', 'naked', 'nsfw', 'sex tape', 'porn', 'porno', 'xxx', 'explicit', 'topless',
    'revenge porn', 'private pics', 'private video', 'onlyfans leak',
    'naakt', 'naaktfoto', 'naaktfotos', 'gelekt', 'gelekte', 'seksfilmpje', 'sexfilmpje', 'sekstape', 'blote foto', 'bloot',
    'nue', 'nues', 'seins nus', 'photos intimes', 'photo intime', 'video intime', 'a poil',
    'nackt', 'nacktbilder', 'nacktfotos', 'nacktvideo', 'sexvideo', 'intime bilder', 'intime fotos', 'geleakt', 'oben ohne',
  ],
} as const;

function keywordPattern(words: readonly string[]): RegExp {
  const alternatives = words.map((w) => w.split(' ').map((part) => escapeRegExp(part)).join('[ -]?'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

const PATTERNS = {
  identityDocument: keywordPattern(KEYWORDS.identityDocument),
  financial: keywordPattern(KEYWORDS.financial),
  liveLocation: keywordPattern(KEYWORDS.liveLocation),
  intimate: keywordPattern(KEYWORDS.intimate),
};

// About a screenful of text: a dox lists identity details below the name, not always in the same paragraph.
const NEAR = 1000;

function positionsOf(pattern: RegExp, folded: FoldedText): { start: number; end: number; foldedEnd: number }[] {
  return [...folded.text.matchAll(pattern)].map((m) => ({ ...originalRange(folded, m.index, m.index + m[0].length), foldedEnd: m.index + m[0].length }));
}

/** Belgian national register number YY.MM.DD-XXX.CC, accepted only when its mod-97 check digits are right. */
export function findBelgianNationalNumbers(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/(?<![\d+])(\d{2})[. ]?(\d{2})[. ]?(\d{2})[-. ]?(\d{3})[. ]?(\d{2})(?![\d])/g)) {
    const base = Number(`${m[1]}${m[2]}${m[3]}${m[4]}`);
    const check = Number(m[5]);
    const month = Number(m[2]) % 20;
    if (month > 12 || Number(m[3]) > 31) continue;
    // People born from 2000 on have a 2 put in front of the base before the check is computed.
    if (97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check) found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}

export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function hasFinancialDetails(folded: FoldedText): boolean {
  for (const m of folded.text.matchAll(/(?<![a-z0-9])[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?(?![a-z0-9])/g)) {
    if (isValidIban(m[0])) return true;
  }
  for (const m of folded.text.matchAll(/(?<![\d+])[3-6]\d{3}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?!\d)/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) return true;
  }
  // A bank keyword counts only when an account-like number follows it.
  return positionsOf(PATTERNS.financial, folded).some((k) => /\d(?:[ .\-/]?\d){5,}/.test(folded.text.slice(k.foldedEnd, k.foldedEnd + 60)));
}

const GPS_DECIMAL = /(?<![\d.])-?\d{1,2}\.\d{4,}\s?,\s?-?\d{1,3}\.\d{4,}(?![\d])/g;
const GPS_DMS = /\d{1,2}°\s?\d{1,2}'\s?\d{1,2}(?:\.\d+)?"?\s?[ns]/g;

interface Facts {
  has: (c: Category) => boolean;
  name: boolean;
  alias: boolean;
  /** Any of the person's names: legal name, alias or handle (a handle identifies as surely as an alias). */
  identity: boolean;
  photo: boolean;
  linkage: boolean;
  contactDetail: boolean;
}

// Ordered: the first rule that applies sets the severity.
const SEVERITY_RULES: readonly { severity: Severity; when: (f: Facts) => boolean }[] = [
  { severity: 'critical', when: (f) => f.has('home_address') && f.identity },
  { severity: 'critical', when: (f) => f.has('live_location') && f.identity },
  { severity: 'critical', when: (f) => f.has('identity_document') && f.identity },
  { severity: 'critical', when: (f) => f.has('intimate_media') && f.photo },
  { severity: 'high', when: (f) => f.linkage },
  // The exact home address is what makes physical harm possible, with or without a name beside it.
  { severity: 'high', when: (f) => f.has('home_address') },
  { severity: 'high', when: (f) => f.has('phone') && f.identity },
  { severity: 'high', when: (f) => f.has('intimate_media') },
  { severity: 'high', when: (f) => f.has('financial') && f.identity },
  { severity: 'medium', when: (f) => f.contactDetail && f.identity },
  { severity: 'medium', when: (f) => f.contactDetail || f.photo || f.has('financial') || f.has('identity_document') || f.has('live_location') },
  { severity: 'low', when: () => true },
];

/** The identifier the reasons name: the legal name first, then the alias, then the handle. */
function whoOf(f: Facts): Who {
  if (f.name) return 'name';
  if (f.alias) return 'alias';
  return 'handle';
}

const CATEGORY_ORDER: readonly Category[] = ['intimate_media', 'home_address', 'live_location', 'identity_document', 'phone', 'financial', 'email'];

export function classifyPage(input: ClassifyInput): Classification {
  const kinds = new Set(input.textMatches.map((m) => m.kind));
  const identityMatches = input.textMatches.filter((m) => m.kind === 'name' || m.kind === 'alias' || m.kind === 'handle');
  const photo = input.photoMatches.length > 0;
  if (input.textMatches.length === 0 && !photo) {
    return { categories: [], linkage: false, severity: 'low', reasons: [englishReason({ kind: 'nothing' })] };
  }
  const folded = foldWithOffsets(input.pageText);
  const foldedUrl = foldWithOffsets(safeDecode(input.url)).text;
  const identity = identityMatches.length > 0;
  // Without positions (matches from elsewhere) the whole page counts as "near".
  const nearIdentity = (at: { start: number }) =>
    identityMatches.some((m) => m.start === undefined || Math.abs(m.start - at.start) <= NEAR);

  const phoneSpans = input.textMatches.filter((m) => m.kind === 'phone' && m.start !== undefined);
  const nationalNumbers = findBelgianNationalNumbers(input.pageText).filter(
    (n) => !phoneSpans.some((p) => p.start! < n.end && (p.end ?? p.start!) > n.start),
  );
  const categories = new Set<Category>();
  if (kinds.has('address')) categories.add('home_address');
  if (kinds.has('phone')) categories.add('phone');
  if (kinds.has('email')) categories.add('email');
  if (nationalNumbers.length > 0 || positionsOf(PATTERNS.identityDocument, folded).some(nearIdentity)) categories.add('identity_document');
  if (hasFinancialDetails(folded)) categories.add('financial');
  const locationSignals = [...positionsOf(PATTERNS.liveLocation, folded), ...positionsOf(GPS_DECIMAL, folded), ...positionsOf(GPS_DMS, folded)];
  if (locationSignals.some(nearIdentity)) categories.add('live_location');
  // The address itself often says it ("/videos/lola-velvet-leaked"), so it is searched as well.
  const intimate = folded.text.search(PATTERNS.intimate) >= 0 || foldedUrl.search(PATTERNS.intimate) >= 0;
  if (intimate && (photo || identity)) categories.add('intimate_media');

  const separateIdentity = kinds.has('alias') || kinds.has('handle');
  const linkage = separateIdentity && (kinds.has('name') || kinds.has('phone') || kinds.has('address'));
  const facts: Facts = {
    has: (c) => categories.has(c),
    name: kinds.has('name'),
    alias: kinds.has('alias'),
    identity,
    photo,
    linkage,
    contactDetail: kinds.has('phone') || kinds.has('email') || kinds.has('address'),
  };
  const severity = SEVERITY_RULES.find((rule) => rule.when(facts))!.severity;
  const ordered = CATEGORY_ORDER.filter((c) => categories.has(c));
  const where = input.where ?? 'page';
  const who = identity ? whoOf(facts) : null;
  const reasons = ordered.map((category) => englishReason(category === 'intimate_media' && photo ? { kind: 'intimatePhoto' } : { kind: 'category', category, who, where }));
  if (linkage) {
    const linked = (['name', 'phone', 'address'] as const).filter((kind) => kinds.has(kind));
    reasons.unshift(englishReason({ kind: 'linkage', separated: kinds.has('alias') ? 'alias' : 'handle', linked, where }));
  }
  if (photo && !categories.has('intimate_media')) reasons.push(englishReason({ kind: 'photo', where }));
  if (reasons.length === 0) reasons.push(englishReason({ kind: 'mentioned', who: whoOf(facts), where }));
  return { categories: ordered, linkage, severity, reasons };
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url).replace(/[_+/.-]/g, ' ');
  } catch {
    return url.replace(/[_+/.-]/g, ' ');
  }
}
