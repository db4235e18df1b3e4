/**
 * Finds the person's identifiers in a page's rendered text. Precision matters as much as recall: a false
 * alarm frightens the person, a wrong "Marie-Claire Duboisson" or a number one digit off must never match.
 * So names, aliases and addresses are compared as whole folded tokens, phone numbers as E.164 numbers, and
 * e-mail addresses and handles with explicit boundaries.
 */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import type { NormalisedProfile } from '../profiles/profile-file.models.ts';
import {
  BOX_MARKERS, CITY_NAME_EQUIVALENTS, HOUSE_NUMBER_MARKERS, STREET_ARTICLES, STREET_NAME_EQUIVALENTS, STREET_TYPE_GROUPS,
} from './address-variants.data.ts';
import { escapeRegExp } from '../../shared/regexp.models.ts';
import {
  excerpt, foldText, gapBetween, hasLookAlikeLetters, originalRange, tokenise, tokenWords, type TokenisedText,
} from './text-normalise.models.ts';
import { englishMatchReason, KIND_LABEL, subjectOf, type MatchReason } from './match-reasons.models.ts';

export type TextMatchKind = 'name' | 'alias' | 'phone' | 'email' | 'address' | 'handle';

export interface TextMatch {
  kind: TextMatchKind;
  /** The profile entry that matched, as the person wrote it. */
  value: string;
  /** The page's own writing of it (whitespace collapsed, at most ~80 characters). */
  found: string;
  reason: string;
  /** Where it was found in the page text (UTF-16 indices), so classification can look around it. */
  start: number;
  end: number;
}

export interface MatchTextOptions {
  /** Country for numbers written in national form on the page; defaults to the profile's. */
  defaultCountry?: CountryCode;
  /** How many different writings of one entry are reported (the same writing repeated counts once). */
  maxPerEntry?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Token sequences (names, aliases, street names)

interface Phrase {
  words: string[];
  /** Street forms built without knowing the article: "rue tanneurs" also matches "rue des tanneurs". */
  articlesAfterFirst?: boolean;
  /** Street names are abbreviated ("R. des Tanneurs", "Av. Louise"); a person's name split by ". " is two sentences. */
  allowDotSpace?: boolean;
}

// What may separate the words of one name on a page: a space (also a line break between elements), a hyphen,
// the comma of "Dubois, Marie-Claire", or the dots and underscores of "marie.claire.dubois".
const WORD_GAP = /^(?: ?[,-] ?|[ ._'])$/;
// A neighbour glued by a hyphen continues the same name ("Anne-Marie-Claire", "Dubois-Martin"). Dots and
// underscores are not counted: "marie.claire.dubois.fan" and "www.marie-claire-dubois.be" still name her.
const JOINED_GAP = /^-$/;

function glue(text: TokenisedText, p: number, words: string[], j: number): number | undefined {
  const token = text.tokens[p]?.text;
  if (token === undefined) return undefined;
  let glued = '';
  let k = j;
  // "MarieClaire" or "Tanneursstraat" is one page token for several phrase words.
  while (k < words.length && glued.length < token.length) {
    glued += words[k];
    k += 1;
    if (glued === token) return k;
  }
  return undefined;
}

function matchPhraseAt(text: TokenisedText, i: number, phrase: Phrase): number | undefined {
  const { tokens } = text;
  let p = i;
  let j = 0;
  while (j < phrase.words.length) {
    const token = tokens[p];
    const previous = tokens[p - 1];
    if (!token) return undefined;
    if (p > i && previous) {
      const gap = gapBetween(text, previous, token);
      if (!WORD_GAP.test(gap) && !(phrase.allowDotSpace && gap === '. ')) return undefined;
    }
    if (phrase.articlesAfterFirst && j === 1 && STREET_ARTICLES.has(token.text) && glue(text, p, phrase.words, j) === undefined) {
      p += 1;
      continue;
    }
    const next = glue(text, p, phrase.words, j);
    if (next === undefined) return undefined;
    j = next;
    p += 1;
  }
  return p - 1;
}

function findPhrase(text: TokenisedText, phrase: Phrase): { first: number; last: number }[] {
  const first = phrase.words[0];
  if (!first) return [];
  const found: { first: number; last: number }[] = [];
  const { tokens } = text;
  for (let i = 0; i < tokens.length; i += 1) {
    if (!tokens[i]!.text.startsWith(first)) continue;
    const last = matchPhraseAt(text, i, phrase);
    if (last === undefined) continue;
    const before = i > 0 ? gapBetween(text, tokens[i - 1]!, tokens[i]!) : ' ';
    const after = last + 1 < tokens.length ? gapBetween(text, tokens[last]!, tokens[last + 1]!) : ' ';
    if (JOINED_GAP.test(before) || JOINED_GAP.test(after)) continue;
    found.push({ first: i, last });
  }
  return found;
}

const SURNAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'du', 'des', 'da', 'di', 'del', 'della', 'dos', 'das', 'le', 'la', 'ten', 'ter', 'vander', 'vanden', 'vande', 'zu', 'af']);

/** "Marie-Claire Dubois" also as "Dubois Marie-Claire" / "Dubois, Marie-Claire"; particles stay with the surname. */
export function nameWordOrders(name: string): string[][] {
  const comma = name.indexOf(',');
  let given: string[];
  let surname: string[];
  if (comma > 0) {
    surname = tokenWords(name.slice(0, comma));
    given = tokenWords(name.slice(comma + 1));
  } else {
    const words = name.trim().split(/\s+/);
    if (words.length < 2) return [tokenWords(name)];
    let split = words.findIndex((w, index) => index > 0 && index < words.length - 1 && SURNAME_PARTICLES.has(foldText(w)));
    if (split < 1) split = words.length - 1;
    given = tokenWords(words.slice(0, split).join(' '));
    surname = tokenWords(words.slice(split).join(' '));
  }
  const orders = [[...given, ...surname], [...surname, ...given]].filter((o) => o.length > 0);
  return uniqueBy(orders, (o) => o.join(' '));
}

// ---------------------------------------------------------------------------------------------------------
// Addresses

export interface ParsedAddress {
  /** The street name as written in the profile, without the number. */
  street: string;
  number: string;
  /** Letter written after the number ("14b"), folded; '' when none. */
  suffix: string;
  box: string | undefined;
  postcode: string | undefined;
  city: string | undefined;
}

const POSTCODE_CITY = /(?:^|[\s,])(?:[A-Z]{1,2}-)?(\d{4,5}(?: ?[A-Z]{2}(?=\s))?)\s+(\p{L}[\p{L}\s'’.-]*?)\s*(?:,[^,\d]*)?$/u;
const STREET_FIRST = /^(.*?\p{L}.*?)[\s,]+(?:(?:n[°º]|nr\.?|no\.?)\s*)?(\d{1,5})\s?([a-z])?(?:\s*(?:\/|\b(?:bus|bte|boîte|boite|box|bt|b|app|apt)\b\.?)\s*([\p{L}\p{N}]{1,6}))?$/iu;
const NUMBER_FIRST = /^(\d{1,5})\s?([a-z])?(?:\s*\/\s*([\p{L}\p{N}]{1,6}))?[\s,]+(\p{L}.*)$/iu;

/** Reads "Rue des Tanneurs 14 bus 3, 1000 Bruxelles" or "14 rue des Tanneurs, 75001 Paris"; undefined if unreadable. */
export function parseAddress(input: string): ParsedAddress | undefined {
  const text = input.trim().replace(/\s+/g, ' ');
  let streetPart = text;
  let postcode: string | undefined;
  let city: string | undefined;
  const pc = POSTCODE_CITY.exec(text);
  // Only a postcode and town: nothing that would find the house.
  if (pc && pc.index === 0) return undefined;
  if (pc) {
    postcode = /^\d+/.exec(pc[1]!)![0];
    city = pc[2]!.trim();
    streetPart = text.slice(0, pc.index);
  } else if (text.includes(',')) {
    const [first, second] = text.split(',');
    streetPart = first!;
    city = second?.trim() || undefined;
  }
  streetPart = streetPart.replace(/[\s,]+$/, '');
  const sf = STREET_FIRST.exec(streetPart);
  const nf = sf ? undefined : NUMBER_FIRST.exec(streetPart);
  const street = sf ? sf[1]! : nf?.[4];
  const number = sf ? sf[2] : nf?.[1];
  if (!street || !number || tokenWords(street).length === 0) return undefined;
  const box = sf ? sf[4] : nf?.[3];
  return {
    street: street.replace(/[\s,]+$/, ''),
    number: String(Number(number)),
    suffix: (sf ? sf[3] : nf?.[2])?.toLowerCase() ?? '',
    box: box === undefined ? undefined : foldText(box),
    postcode,
    city,
  };
}

const SUFFIX_WORDS_LONGEST_FIRST = [...new Set(STREET_TYPE_GROUPS.flatMap((g) => g.suffix))].sort((a, b) => b.length - a.length);

function addSuffixForms(core: string[], suffix: string, add: (p: Phrase) => void): void {
  const last = core[core.length - 1];
  if (!last) return;
  add({ words: [...core, suffix] });
  // Dutch and German writers often merge the double s: "Tanneurstraat" besides "Tanneursstraat".
  if (last.endsWith('s') && suffix.startsWith('s')) add({ words: [...core.slice(0, -1), last.slice(0, -1) + suffix] });
}

function addStreetForms(words: string[], add: (p: Phrase) => void): void {
  add({ words });
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const prefixGroups = STREET_TYPE_GROUPS.filter((g) => g.prefix.includes(first));
  let core: string[] | undefined;
  let groups = prefixGroups;
  if (prefixGroups.length > 0 && words.length > 1) {
    core = words.slice(1);
  } else if (words.length > 1 && STREET_TYPE_GROUPS.some((g) => g.suffix.includes(last))) {
    core = words.slice(0, -1);
    groups = STREET_TYPE_GROUPS.filter((g) => g.suffix.includes(last));
  } else {
    const glued = SUFFIX_WORDS_LONGEST_FIRST.find((s) => s.length >= 3 && last.endsWith(s) && last.length >= s.length + 3);
    if (glued) {
      core = [...words.slice(0, -1), last.slice(0, -glued.length)];
      groups = STREET_TYPE_GROUPS.filter((g) => g.suffix.includes(glued));
    }
  }
  if (!core) return;
  let significant = core;
  while (significant.length > 1 && STREET_ARTICLES.has(significant[0]!)) significant = significant.slice(1);
  for (const group of groups) {
    for (const prefix of group.prefix) add({ words: [prefix, ...significant], articlesAfterFirst: true });
    for (const suffix of group.suffix) addSuffixForms(significant, suffix, add);
  }
}

function equivalentNames(name: string, table: readonly (readonly string[])[]): string[] {
  const key = tokenWords(name).join('');
  const row = table.find((names) => names.some((n) => tokenWords(n).join('') === key));
  return row ? [...row] : [name];
}

export function streetPhrases(street: string): Phrase[] {
  const phrases = new Map<string, Phrase>();
  const add = (p: Phrase) => {
    if (p.words.length > 0 && p.words.every((w) => w.length > 0)) phrases.set(`${p.words.join(' ')}|${p.articlesAfterFirst ?? false}`, p);
  };
  for (const name of equivalentNames(street, STREET_NAME_EQUIVALENTS)) addStreetForms(tokenWords(name), add);
  return [...phrases.values()].map((p) => ({ ...p, allowDotSpace: true }));
}

interface HouseNumber { digits: string; suffix: string; box: string | undefined; first: number; last: number; commaBefore: boolean }

const NUMBER_TOKEN = /^(\d{1,5})([a-z]?)$/;
// "nº14" folds to the single token "no14".
const MARKED_NUMBER_TOKEN = /^(?:n|no|nr)?(\d{1,5})([a-z]?)$/;

function readHouseNumber(text: TokenisedText, p: number): Omit<HouseNumber, 'commaBefore'> | undefined {
  const { tokens } = text;
  const m = tokens[p] ? MARKED_NUMBER_TOKEN.exec(tokens[p]!.text) : null;
  if (!m) return undefined;
  let suffix = m[2]!;
  let q = p;
  const gap = (a: number) => (tokens[a + 1] ? gapBetween(text, tokens[a]!, tokens[a + 1]!).trim() : '#');
  const next = tokens[q + 1]?.text;
  const afterNext = tokens[q + 2]?.text ?? '';
  if (!suffix && next && /^[a-z]$/.test(next) && gap(q) === '' && !(BOX_MARKERS.has(next) && /^\d/.test(afterNext))) {
    suffix = next;
    q += 1;
  }
  let box: string | undefined;
  const after = tokens[q + 1]?.text;
  if (after && gap(q) === '/' && after.length <= 6) {
    box = after;
    q += 1;
  } else if (after && BOX_MARKERS.has(after) && /^[.:]?$/.test(gap(q + 1)) && tokens[q + 2] && /^[\p{L}\p{N}]{1,6}$/u.test(tokens[q + 2]!.text) && /\d/.test(tokens[q + 2]!.text)) {
    box = tokens[q + 2]!.text;
    q += 2;
  }
  return { digits: String(Number(m[1])), suffix, box, first: p, last: q };
}

function numberAfter(text: TokenisedText, last: number): HouseNumber | undefined {
  const { tokens } = text;
  let p = last + 1;
  let gaps = '';
  while (tokens[p] && tokens[p - 1]) {
    const gap = gapBetween(text, tokens[p - 1]!, tokens[p]!);
    if (!/^[ ,:.°#]{1,4}$/.test(gap)) return undefined;
    gaps += gap;
    if (!HOUSE_NUMBER_MARKERS.has(tokens[p]!.text)) break;
    p += 1;
  }
  const read = readHouseNumber(text, p);
  return read ? { ...read, commaBefore: gaps.includes(',') } : undefined;
}

function numberBefore(text: TokenisedText, first: number): HouseNumber | undefined {
  const { tokens } = text;
  if (first < 1 || !/^[ ,]{1,3}$/.test(gapBetween(text, tokens[first - 1]!, tokens[first]!))) return undefined;
  const m = NUMBER_TOKEN.exec(tokens[first - 1]!.text);
  return m ? { digits: String(Number(m[1])), suffix: m[2]!, box: undefined, first: first - 1, last: first - 1, commaBefore: false } : undefined;
}

function sameNumber(address: ParsedAddress, found: HouseNumber | undefined): boolean {
  if (!found || found.digits !== address.number || found.suffix !== address.suffix) return false;
  // Another flat in the same building is another person's address.
  return !(address.box !== undefined && found.box !== undefined && address.box !== found.box);
}

function placeNearby(text: TokenisedText, address: ParsedAddress, from: number): number | undefined {
  const cityPhrases = address.city ? equivalentNames(address.city, CITY_NAME_EQUIVALENTS).map((c) => ({ words: tokenWords(c) })) : [];
  let reached: number | undefined;
  for (let p = from + 1; p <= from + 4 && p < text.tokens.length; p += 1) {
    if (address.postcode && text.tokens[p]!.text === address.postcode) reached = p;
    for (const phrase of cityPhrases) {
      const last = phrase.words.length > 0 ? matchPhraseAt(text, p, phrase) : undefined;
      if (last !== undefined) return last;
    }
  }
  return reached;
}

interface RawMatch { start: number; end: number }

function findAddress(text: TokenisedText, address: ParsedAddress): RawMatch[] {
  const found: RawMatch[] = [];
  for (const phrase of streetPhrases(address.street)) {
    for (const hit of findPhrase(text, phrase)) {
      const after = numberAfter(text, hit.last);
      const before = numberBefore(text, hit.first);
      // "Rue des Tanneurs 16" names another house even if a 14 stands before it; a number after a comma may be the postcode.
      const afterConflicts = after !== undefined && !after.commaBefore && after.digits !== address.postcode;
      let first = hit.first;
      let last: number;
      if (sameNumber(address, after)) last = after!.last;
      else if (!afterConflicts && sameNumber(address, before)) {
        first = before!.first;
        last = hit.last;
      } else continue;
      const place = placeNearby(text, address, last);
      const end = place ?? last;
      found.push({ start: text.tokens[first]!.start, end: text.tokens[end]!.end });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// E-mail addresses and handles (regular expressions on the folded text)

const AT = String.raw`(?: ?@ ?| ?[\[({<] ?(?:at|@|a|arobase|apenstaartje|klammeraffe) ?[\])}>] ?| (?:at|arobase|apenstaartje) )`;
const DOT = String.raw`(?: ?\. ?| ?[\[({<] ?(?:dot|punt|point|punkt|\.) ?[\])}>] ?| (?:dot|punt|point|punkt) )`;

function emailPattern(email: string): RegExp {
  const [local = '', domain = ''] = foldText(email).split('@');
  const part = (s: string) => s.split('.').map(escapeRegExp).join(DOT);
  return new RegExp(String.raw`(?<![\p{L}\p{N}._%+\-])${part(local)}${AT}${part(domain)}(?![\p{L}\p{N}_\-]|\.[\p{L}\p{N}])`, 'gu');
}

function handlePattern(handle: string): RegExp {
  return new RegExp(String.raw`(?<![\p{L}\p{N}_.\-@])(@?)${escapeRegExp(foldText(handle))}(?![\p{L}\p{N}_\-]|\.[\p{L}\p{N}_])`, 'gu');
}

// A profile link such as instagram.com/lolavelvet, reddit.com/user/lolavelvet or tiktok.com/@lolavelvet.
const LINK_BEFORE = /(?:https?:\/\/)?(?:(?:www|m|mobile|old)\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})\/(?:[a-z]{1,8}\/)?$/;

// ---------------------------------------------------------------------------------------------------------

export { KIND_LABEL };

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

export function matchText(pageText: string, profile: NormalisedProfile, options: MatchTextOptions = {}): TextMatch[] {
  const text = tokenise(pageText);
  const folded = text.folded;
  const maxPerEntry = options.maxPerEntry ?? 5;
  const matches: TextMatch[] = [];
  const perEntry = new Map<string, Set<string>>();

  const report = (kind: TextMatchKind, value: string, raw: RawMatch, how?: MatchReason) => {
    const found = excerpt(pageText, raw.start, raw.end);
    const entryKey = `${kind}\u0000${value}`;
    const forms = perEntry.get(entryKey) ?? new Set<string>();
    const form = found.toLowerCase();
    if (forms.has(form) || forms.size >= maxPerEntry) return;
    forms.add(form);
    perEntry.set(entryKey, forms);
    const reason = englishMatchReason(how ?? (found === value ? { kind: 'appears' }
      : hasLookAlikeLetters(found) && !hasLookAlikeLetters(value) ? { kind: 'lookAlike', found }
      : { kind: 'writtenAs', found }), subjectOf(kind, value));
    matches.push({ kind, value, found, reason, start: raw.start, end: raw.end });
  };
  const tokensRange = (first: number, last: number): RawMatch => ({ start: text.tokens[first]!.start, end: text.tokens[last]!.end });

  for (const name of profile.names) {
    for (const words of nameWordOrders(name.original)) {
      for (const hit of findPhrase(text, { words })) report('name', name.original, tokensRange(hit.first, hit.last));
    }
  }
  for (const alias of profile.aliases) {
    for (const hit of findPhrase(text, { words: tokenWords(alias.original) })) report('alias', alias.original, tokensRange(hit.first, hit.last));
  }

  if (profile.phones.length > 0) {
    const byNumber = new Map(profile.phones.map((p) => [p.normalised, p]));
    const countries = new Set<CountryCode>([options.defaultCountry ?? profile.defaultCountry]);
    for (const phone of profile.phones) if (phone.country) countries.add(phone.country);
    for (const country of countries) {
      for (const candidate of findPhoneNumbersInText(folded.text, { defaultCountry: country })) {
        const phone = byNumber.get(candidate.number.number);
        if (phone) report('phone', phone.original, originalRange(folded, candidate.startsAt, candidate.endsAt));
      }
    }
  }

  for (const email of profile.emails) {
    for (const m of folded.text.matchAll(emailPattern(email.normalised))) {
      const raw = originalRange(folded, m.index, m.index + m[0].length);
      const disguised = m[0] !== email.normalised;
      const found = excerpt(pageText, raw.start, raw.end);
      report('email', email.original, raw, disguised ? { kind: 'disguised', found } : undefined);
    }
  }

  for (const address of profile.addresses) {
    for (const raw of findAddress(text, address.parsed)) report('address', address.original, raw);
  }

  for (const handle of profile.handles) {
    const bare = handle.normalised;
    // A short plain word ("velvet") is too common to mean the handle unless written as @velvet or in a link.
    const bareIsDistinctive = bare.length >= 6 || /[^\p{L}]/u.test(bare);
    for (const m of folded.text.matchAll(handlePattern(bare))) {
      const link = LINK_BEFORE.exec(folded.text.slice(Math.max(0, m.index - 80), m.index));
      if (!link && m[1] !== '@' && !bareIsDistinctive) continue;
      const start = link ? m.index - link[0].length : m.index;
      const raw = originalRange(folded, start, m.index + m[0].length);
      const how: MatchReason | undefined = link ? { kind: 'inLink', target: link[1]! } : undefined;
      report('handle', handle.original, raw, how);
    }
  }

  return matches.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}
