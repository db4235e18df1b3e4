import { LEGAL_BASES, type BasisId } from '../legal-basis.models.ts';
import type { Audience, ParagraphId } from './types.ts';

/** `basis:element`, e.g. `dmca_512c3:vi_accuracy_perjury`. */
export type ElementRef = `${BasisId}:${string}`;

/**
 * Which required elements (legal-basis.models.ts) each paragraph carries. The texts in every language must
 * say what is declared here; the template tests check that every basis is fully covered in every language
 * and for every audience.
 */
export const PARAGRAPH_SATISFIES: Record<ParagraphId, readonly ElementRef[]> = {
  concerned: ['platform_policy:affected_person', 'uk_soa_66b:person_depicted'],
  previous_notice: [],
  host_request: [],
  registrar_request: [],
  search_request: [],
  helpline_request: [],
  police_complaint: ['be_417_9:remedy_stated', 'nl_139h:remedy_stated', 'de_201a:remedy_stated'],
  location: [
    'platform_policy:location',
    'dsa_art16:b_location',
    'take_it_down:ii_identification',
    'dmca_512c3:iii_material',
    'gdpr_art17:data_identified',
    'uk_soa_66b:urls',
  ],
  platform_policy: ['platform_policy:policy_breach'],
  tida_notice: [],
  tida_non_consent: ['take_it_down:iii_non_consent'],
  offence_uk: ['uk_soa_66b:offence_cited'],
  uk_request: ['uk_soa_66b:swift_removal'],
  offence_be: ['be_417_9:offence_cited'],
  remedy_be: ['be_417_9:remedy_stated'],
  offence_nl: ['nl_139h:offence_cited'],
  remedy_nl: ['nl_139h:remedy_stated'],
  offence_de: ['de_201a:offence_cited'],
  unterlassung_de: ['de_201a:stay_removed'],
  remedy_de: ['de_201a:remedy_stated'],
  dsa_notice: [],
  dsa_explanation: ['dsa_art16:a_explanation'],
  gdpr_request: ['gdpr_art17:erasure_request'],
  gdpr_grounds: ['gdpr_art17:grounds'],
  gdpr_other_controllers: ['gdpr_art17:other_controllers'],
  gdpr_exceptions: ['gdpr_art17:exceptions_addressed'],
  gdpr_deadline: ['gdpr_art17:deadline'],
  dmca_notice: [],
  dmca_work: ['dmca_512c3:ii_work'],
  dmca_good_faith: ['dmca_512c3:v_good_faith'],
  dmca_perjury: ['dmca_512c3:vi_accuracy_perjury'],
  non_consent: ['platform_policy:no_consent', 'be_417_9:non_consent', 'nl_139h:non_consent', 'de_201a:non_consent', 'uk_soa_66b:non_consent'],
  bona_fide: ['dsa_art16:d_bona_fide', 'uk_soa_66b:accuracy'],
  closing: [],
  contact: [
    'dsa_art16:c_name_email',
    'take_it_down:iv_contact',
    'dmca_512c3:iv_contact',
    'platform_policy:contact',
    'uk_soa_66b:contact',
    'gdpr_art17:requester_identified',
  ],
  signature: ['dmca_512c3:i_signature', 'take_it_down:i_signature'],
};

export const BASIS_PARAGRAPHS: Record<BasisId, readonly ParagraphId[]> = {
  platform_policy: ['platform_policy'],
  take_it_down: ['tida_notice', 'tida_non_consent'],
  uk_soa_66b: ['offence_uk', 'uk_request'],
  be_417_9: ['offence_be', 'remedy_be'],
  nl_139h: ['offence_nl', 'remedy_nl'],
  de_201a: ['offence_de', 'unterlassung_de', 'remedy_de'],
  dsa_art16: ['dsa_notice', 'dsa_explanation'],
  gdpr_art17: ['gdpr_request', 'gdpr_grounds', 'gdpr_other_controllers', 'gdpr_exceptions', 'gdpr_deadline'],
  dmca_512c3: ['dmca_notice', 'dmca_work', 'dmca_good_faith', 'dmca_perjury'],
};

const AUDIENCE_REQUEST: Record<Audience, ParagraphId | null> = {
  site: null,
  hosting_provider: 'host_request',
  registrar_cdn: 'registrar_request',
  search_engine: 'search_request',
  helpline_regulator: 'helpline_request',
  police: 'police_complaint',
};

/** A police complaint replaces the "I will go to court / the police" remedies with the complaint itself. */
const REPLACED_FOR_POLICE = new Set<ParagraphId>(['remedy_be', 'remedy_nl', 'remedy_de']);

export function planParagraphs(input: { bases: readonly BasisId[]; audience: Audience; hasPreviousNotice: boolean }): ParagraphId[] {
  // A notice under copyright alone may be published (Lumen): it says nothing about what the page exposes.
  const copyrightOnly = input.bases.length > 0 && input.bases.every((b) => b === 'dmca_512c3');
  const plan: ParagraphId[] = copyrightOnly ? [] : ['concerned'];
  if (input.hasPreviousNotice) plan.push('previous_notice');
  const request = AUDIENCE_REQUEST[input.audience];
  if (request) plan.push(request);
  plan.push('location');
  for (const basis of input.bases) {
    for (const p of BASIS_PARAGRAPHS[basis]) {
      if (input.audience === 'police' && REPLACED_FOR_POLICE.has(p)) continue;
      if (!plan.includes(p)) plan.push(p);
    }
  }
  if (!copyrightOnly) plan.push('non_consent', 'bona_fide');
  // Helplines and the police are asked for help, not to remove anything themselves.
  if (input.audience !== 'police' && input.audience !== 'helpline_regulator') plan.push('closing');
  plan.push('contact', 'signature');
  return plan;
}

export function coveredElements(paragraphs: readonly ParagraphId[]): Set<ElementRef> {
  return new Set(paragraphs.flatMap((p) => PARAGRAPH_SATISFIES[p]));
}

/** Required elements of the given bases that the planned paragraphs do not carry. */
export function missingElements(bases: readonly BasisId[], paragraphs: readonly ParagraphId[]): ElementRef[] {
  const covered = coveredElements(paragraphs);
  return bases.flatMap((b) => LEGAL_BASES[b].requiredElements.map((e) => `${b}:${e.id}` as ElementRef)).filter((ref) => !covered.has(ref));
}
