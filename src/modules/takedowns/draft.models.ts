import { createErrorFactory } from '../../shared/errors.ts';
import { isPlausibleEmail } from './contact-discovery.parser.ts';
import { isDraftLanguage, type DraftLanguage } from './language.models.ts';
import { LEGAL_BASES, deadlineDueAt, type BasisId, type Category } from './legal-basis.models.ts';
import { hostOf, registrableDomain } from '../../shared/url.models.ts';
import { LANGUAGE_PACKS, fillTemplate, pickVariant } from './templates/index.ts';
import { missingElements, planParagraphs } from './templates/structure.ts';
import { EXPOSED_KINDS, type Audience, type ExposedKind, type LanguagePack, type ParagraphId } from './templates/types.ts';
import { PLACEHOLDER_TEXT, type DraftPlaceholder } from './draft-placeholders.models.ts';

/** The draft contract: `{recipient:{kind, address|formUrl, confidence}, basis, language, subject, body}`. */
export interface DraftRecipient {
  kind: 'form' | 'email';
  address?: string;
  formUrl?: string;
  confidence: 'high' | 'medium' | 'low';
}

export interface TakedownDraft {
  recipient: DraftRecipient;
  basis: BasisId[];
  language: DraftLanguage;
  subject: string;
  body: string;
  /** Pieces still written as a bracketed marker (`replyAddress` when no reply address is known yet). */
  placeholders: DraftPlaceholder[];
}

export interface DraftInput {
  url: string;
  pageLanguage?: string | null;
  personLanguage?: string | null;
  categories: readonly Category[];
  /** Matches only tell the draft what kind of information is exposed; their values are never written. */
  matches: readonly { kind: string }[];
  bases: readonly BasisId[];
  /**
   * Who signs. `name` is the person's chosen display name or pseudonym, or an agent's name with
   * `onBehalfOf`. The legal name is used only with `useLegalName: true`. Without an email the notice
   * carries the reply-address placeholder, filled in when it is sent.
   */
  sender: { name: string; email: string | null; onBehalfOf?: string | null; useLegalName?: boolean };
  personFacts: {
    displayName?: string;
    legalName?: string;
    /** Written only into DMCA notices, whose contact element asks for them. */
    postalAddress?: string;
    phone?: string;
    copyrightWork?: string;
    originalUrl?: string;
  };
  recipient: DraftRecipient;
  now: Date;
  audience?: Audience;
  /** Platform or site name for "breaks the rules of ..."; the host by default. */
  platformName?: string;
  previousNoticeAt?: Date | null;
}

export const createInvalidDraftUrlError = createErrorFactory({ code: 'takedowns.invalid_url', message: 'The page address must be an http(s) URL.', statusCode: 400 });
export const createNoBasisError = createErrorFactory({ code: 'takedowns.no_basis', message: 'Choose at least one legal basis.', statusCode: 400 });
export const createInvalidSenderError = createErrorFactory({ code: 'takedowns.invalid_sender', message: 'The sender needs a name and a valid email address.', statusCode: 400 });
export const createIncompleteTemplateError = createErrorFactory({
  code: 'takedowns.incomplete_template',
  message: 'A takedown template lacks a required element of its legal basis.',
  statusCode: 500,
});

/** Language of the draft: the person's choice, else the site's language, else English. */
export function chooseDraftLanguage(pageLanguage?: string | null, personLanguage?: string | null): DraftLanguage {
  const primary = (tag?: string | null) => tag?.trim().toLowerCase().split(/[-_]/)[0] ?? null;
  const person = primary(personLanguage);
  if (isDraftLanguage(person)) return person;
  const page = primary(pageLanguage);
  return isDraftLanguage(page) ? page : 'en';
}

const DATA_URI = /data:[a-z]+\/[a-z0-9.+-]+[;,][^\s]*/gi;
const IMAGE_PATH = /\.(?:jpe?g|png|gif|webp|avif|bmp|heic|tiff?)$/i;

/** One line of a person-supplied fact: no control characters, no embedded images, bounded length. */
function cleanFact(value: string | null | undefined, max: number): string {
  if (!value) return '';
  return value
    .replace(DATA_URI, '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

function cleanPageUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw createInvalidDraftUrlError();
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw createInvalidDraftUrlError();
  return parsed.toString();
}

/** A page of the person's own (DMCA "original work"); image files are refused so no image URL is written. */
function cleanOriginalUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !IMAGE_PATH.test(parsed.pathname)) return parsed.toString();
  } catch {
    // Not a URL: leave it out rather than write free text where a link is expected.
  }
  return '';
}

const MATCH_KIND_TO_EXPOSED: Record<string, ExposedKind> = {
  name: 'name',
  alias: 'name',
  handle: 'name',
  phone: 'phone',
  email: 'email',
  address: 'home_address',
  photo: 'photo',
  // A fake profile uses the person's handle or alias: the notice says it pretends to be them.
  impersonation: 'impersonation',
};

export function exposedKinds(categories: readonly Category[], matches: readonly { kind: string }[]): ExposedKind[] {
  const kinds = new Set<ExposedKind>(categories);
  for (const m of matches) {
    const k = MATCH_KIND_TO_EXPOSED[m.kind];
    if (k) kinds.add(k);
  }
  // "Intimate images of me" already says it; a second "photos of me" would only blur the request.
  if (kinds.has('intimate_media')) kinds.delete('photo');
  return EXPOSED_KINDS.filter((k) => kinds.has(k));
}

function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function isoMinute(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface RenderedDraft {
  draft: TakedownDraft;
  paragraphs: ParagraphId[];
}

export function renderDraft(input: DraftInput): RenderedDraft {
  const url = cleanPageUrl(input.url);
  if (input.bases.length === 0) throw createNoBasisError();
  const bases = [...new Set(input.bases)];
  const useLegal = input.sender.useLegalName === true && !!input.personFacts.legalName;
  const knownName = cleanFact(useLegal ? input.personFacts.legalName : input.sender.name || input.personFacts.displayName, 200);
  const senderEmail = cleanFact(input.sender.email, 254).toLowerCase();
  if (input.sender.email !== null && !isPlausibleEmail(senderEmail)) throw createInvalidSenderError();
  const placeholders: DraftPlaceholder[] = [...(knownName ? [] : ['senderName' as const]), ...(input.sender.email === null ? ['replyAddress' as const] : [])];
  const onBehalfOf = cleanFact(input.sender.onBehalfOf, 200);
  const asAgent = onBehalfOf.length > 0;

  const language = chooseDraftLanguage(input.pageLanguage, input.personLanguage);
  const pack: LanguagePack = LANGUAGE_PACKS[language];
  const senderName = knownName || PLACEHOLDER_TEXT[language].senderName;
  const audience: Audience = input.audience ?? 'site';
  const who = asAgent ? 'agent' : 'self';
  const site = hostOf(url) ?? '';
  const intimate = input.categories.includes('intimate_media');
  const privateInfo = input.categories.some((c) => c !== 'intimate_media');

  const exposed = exposedKinds(input.categories, input.matches).map((k) => pack.exposed[k][who]);
  const nationalRefs = bases.filter((b): b is 'be_417_9' | 'nl_139h' | 'de_201a' | 'uk_soa_66b' => ['be_417_9', 'nl_139h', 'de_201a', 'uk_soa_66b'].includes(b));
  const illegality = [...nationalRefs.map((b) => pack.illegality[b]), pack.illegality[intimate ? 'gdpr_special' : 'gdpr']].join(pack.semicolon);

  const withDmca = bases.includes('dmca_512c3');
  const contactLines = [`${pack.contactLabels.name} ${senderName}`, `${pack.contactLabels.email} ${input.sender.email === null ? PLACEHOLDER_TEXT[language].replyAddress : senderEmail}`];
  if (withDmca) {
    const postal = cleanFact(input.personFacts.postalAddress, 300);
    const phone = cleanFact(input.personFacts.phone, 40);
    if (postal) contactLines.push(`${pack.contactLabels.postalAddress} ${postal}`);
    if (phone) contactLines.push(`${pack.contactLabels.phone} ${phone}`);
  }
  const originalUrl = cleanOriginalUrl(input.personFacts.originalUrl);
  const gdprDue = deadlineDueAt(LEGAL_BASES.gdpr_art17.deadline, input.now);
  const tidaDue = deadlineDueAt(LEGAL_BASES.take_it_down.deadline, input.now);

  const vars: Record<string, string> = {
    url,
    site,
    domain: registrableDomain(site) ?? site,
    exposed: exposed.length > 0 ? joinList(exposed, pack.and) : pack.exposedFallback[who],
    onBehalfOf,
    previousNoticeDate: input.previousNoticeAt ? isoDate(input.previousNoticeAt) : '',
    platformName: cleanFact(input.platformName, 100) || site,
    policyTopic: pack.policyTopic[intimate && privateInfo ? 'both' : intimate ? 'intimate' : 'private'],
    tidaDue: tidaDue ? isoMinute(tidaDue) : '',
    gdprDue: gdprDue ? isoDate(gdprDue) : '',
    illegality,
    copyrightWork: cleanFact(input.personFacts.copyrightWork, 500) || pickVariant(pack.defaultCopyrightWork, asAgent),
    originalUrl,
    contactDetails: contactLines.join('\n'),
    senderName,
    date: isoDate(input.now),
  };
  vars.originalUrlLine = originalUrl ? fillTemplate(pack.originalUrlLine, vars) : '';

  const paragraphs = planParagraphs({ bases, audience, hasPreviousNotice: !!input.previousNoticeAt });
  const missing = missingElements(bases, paragraphs);
  if (missing.length > 0) throw createIncompleteTemplateError({ details: { missing } });

  const blocks = [pack.greeting, fillTemplate(pickVariant(pack.intro[audience], asAgent), vars)];
  for (const id of paragraphs) {
    if (id === 'signature') blocks.push(pack.signOff);
    blocks.push(fillTemplate(pickVariant(pack.paragraphs[id], asAgent), vars));
  }
  const subject = `${pack.subjectPrefix[audience]}${pack.colon}${bases.map((b) => pack.basisShort[b]).join(' / ')}`;
  return {
    draft: { recipient: input.recipient, basis: bases, language, subject, body: blocks.join('\n\n'), placeholders },
    paragraphs,
  };
}

/** Drafts a takedown notice from the person's own facts only; see DraftInput for what is and is not written. */
export function draftTakedown(input: DraftInput): TakedownDraft {
  return renderDraft(input).draft;
}
