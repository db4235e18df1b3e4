import type { DraftLanguage } from '../language.models.ts';
import type { BasisId } from '../legal-basis.models.ts';

/** Who the notice is for: the site itself, or a later step of the escalation ladder. */
export const AUDIENCES = ['site', 'hosting_provider', 'registrar_cdn', 'search_engine', 'helpline_regulator', 'police'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What the page exposes, as the draft names it (never the value itself). */
export const EXPOSED_KINDS = [
  'intimate_media', 'home_address', 'phone', 'email', 'identity_document', 'financial', 'live_location', 'impersonation', 'name', 'photo',
] as const;
export type ExposedKind = (typeof EXPOSED_KINDS)[number];

export const PARAGRAPH_IDS = [
  'concerned',
  'previous_notice',
  'host_request',
  'registrar_request',
  'search_request',
  'helpline_request',
  'police_complaint',
  'location',
  'platform_policy',
  'tida_notice',
  'tida_non_consent',
  'offence_uk',
  'uk_request',
  'offence_be',
  'remedy_be',
  'offence_nl',
  'remedy_nl',
  'offence_de',
  'unterlassung_de',
  'remedy_de',
  'dsa_notice',
  'dsa_explanation',
  'gdpr_request',
  'gdpr_grounds',
  'gdpr_other_controllers',
  'gdpr_exceptions',
  'gdpr_deadline',
  'dmca_notice',
  'dmca_work',
  'dmca_good_faith',
  'dmca_perjury',
  'non_consent',
  'bona_fide',
  'closing',
  'contact',
  'signature',
] as const;
export type ParagraphId = (typeof PARAGRAPH_IDS)[number];

/**
 * A paragraph in the first person of the person concerned (`self`) and, where the wording depends on it,
 * as written by someone acting for them (`agent`). `{name}` marks a value filled in at render time.
 */
export interface ParagraphText {
  self: string;
  agent?: string;
}

export type IllegalityRef = 'be_417_9' | 'nl_139h' | 'de_201a' | 'uk_soa_66b' | 'gdpr' | 'gdpr_special';

export interface LanguagePack {
  language: DraftLanguage;
  greeting: string;
  signOff: string;
  and: string;
  /** Separator after a label: ": " or, in French, " : ". */
  colon: string;
  semicolon: string;
  intro: Record<Audience, ParagraphText>;
  subjectPrefix: Record<Audience, string>;
  /** Short basis names for the subject line. */
  basisShort: Record<BasisId, string>;
  paragraphs: Record<ParagraphId, ParagraphText>;
  exposed: Record<ExposedKind, { self: string; agent: string }>;
  exposedFallback: { self: string; agent: string };
  illegality: Record<IllegalityRef, string>;
  /** The platform rule the content breaks, by what it exposes. */
  policyTopic: Record<'intimate' | 'private' | 'both', string>;
  /** With their colon, punctuated the way the language does it ("Nom :"). */
  contactLabels: { name: string; email: string; postalAddress: string; phone: string };
  defaultCopyrightWork: ParagraphText;
  originalUrlLine: string;
}
