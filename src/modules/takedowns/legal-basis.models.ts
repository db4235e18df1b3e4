import type { DraftLanguage } from './language.models.ts';
import type { ChannelTopic } from './platforms.models.ts';

/** Exposure categories (shared contract with matching). */
export const CATEGORIES = ['home_address', 'phone', 'email', 'identity_document', 'financial', 'live_location', 'intimate_media'] as const;
export type Category = (typeof CATEGORIES)[number];

export const BASIS_IDS = ['platform_policy', 'take_it_down', 'uk_soa_66b', 'be_417_9', 'nl_139h', 'de_201a', 'dsa_art16', 'gdpr_art17', 'dmca_512c3'] as const;
export type BasisId = (typeof BASIS_IDS)[number];

export type Localized = Record<DraftLanguage, string>;

export type Deadline =
  | { kind: 'hours'; hours: number; source: string }
  | { kind: 'months'; months: number; source: string }
  | { kind: 'without_undue_delay'; source: string };

export interface RequiredElement {
  id: string;
  /** Where the requirement comes from (statute paragraph or reference section). */
  ref: string;
  label: string;
}

export interface LegalBasis {
  id: BasisId;
  name: Localized;
  jurisdiction: 'platform' | 'EU' | 'US' | 'BE' | 'NL' | 'DE' | 'UK';
  deadline: Deadline;
  requiredElements: readonly RequiredElement[];
  /** A national offence is cited inside a DSA notice; these bases are added with it. */
  companions: readonly BasisId[];
  topics: readonly ChannelTopic[];
}

const el = (id: string, ref: string, label: string): RequiredElement => ({ id, ref, label });

export const LEGAL_BASES: Record<BasisId, LegalBasis> = {
  platform_policy: {
    id: 'platform_policy',
    name: { en: "The platform's own rules", nl: 'De eigen regels van het platform', fr: 'Les règles de la plateforme', de: 'Die eigenen Regeln der Plattform' },
    jurisdiction: 'platform',
    deadline: { kind: 'without_undue_delay', source: 'platform policy' },
    requiredElements: [
      el('location', 'reference §4', 'URL(s) of the content'),
      el('affected_person', 'reference §4', 'that the notifier is the person concerned or authorised to act for them'),
      el('no_consent', 'reference §4', 'that the person did not consent'),
      el('policy_breach', 'reference §4', 'which rule of the site the content breaks'),
      el('contact', 'reference §4', 'contact details of the notifier'),
    ],
    companions: [],
    topics: ['intimate_media', 'private_information'],
  },
  gdpr_art17: {
    id: 'gdpr_art17',
    name: { en: 'GDPR Article 17 erasure request', nl: 'Verzoek tot wissing op grond van artikel 17 AVG', fr: "Demande d'effacement au titre de l'article 17 du RGPD", de: 'Löschungsantrag nach Artikel 17 DSGVO' },
    jurisdiction: 'EU',
    deadline: { kind: 'months', months: 1, source: 'GDPR Art. 12(3)' },
    requiredElements: [
      el('requester_identified', 'GDPR Art. 12(6)', 'the data subject identifies themself sufficiently'),
      el('erasure_request', 'GDPR Art. 17(1)', 'states that it is an Art. 17 erasure request'),
      el('data_identified', 'GDPR Art. 17(1)', 'identifies the data precisely (URLs)'),
      el('grounds', 'GDPR Art. 17(1)(b)-(d)', 'cites the grounds: consent withdrawn / objection / unlawful processing'),
      el('other_controllers', 'GDPR Art. 17(2), 19', 'asks to inform other controllers and recipients'),
      el('exceptions_addressed', 'GDPR Art. 17(3)', 'explains why the exceptions do not apply'),
      el('deadline', 'GDPR Art. 12(3)', 'without undue delay and at most one month'),
    ],
    companions: [],
    topics: ['data_protection', 'private_information'],
  },
  dsa_art16: {
    id: 'dsa_art16',
    name: { en: 'Digital Services Act Article 16 notice', nl: 'Melding op grond van artikel 16 DSA', fr: "Notification au titre de l'article 16 du DSA", de: 'Meldung nach Artikel 16 DSA' },
    jurisdiction: 'EU',
    deadline: { kind: 'without_undue_delay', source: 'DSA Art. 16(6): timely, diligent, non-arbitrary, objective' },
    requiredElements: [
      el('a_explanation', 'DSA Art. 16(2)(a)', 'substantiated explanation of why the content is illegal'),
      el('b_location', 'DSA Art. 16(2)(b)', 'exact electronic location (URL)'),
      el('c_name_email', 'DSA Art. 16(2)(c)', 'name and email address of the notifier'),
      el('d_bona_fide', 'DSA Art. 16(2)(d)', 'statement of bona fide belief that the notice is accurate and complete'),
    ],
    companions: [],
    topics: ['illegal_content', 'intimate_media', 'private_information'],
  },
  take_it_down: {
    id: 'take_it_down',
    name: { en: 'TAKE IT DOWN Act removal request (47 U.S.C. §223a)', nl: 'Verwijderverzoek op grond van de TAKE IT DOWN Act (47 U.S.C. §223a)', fr: 'Demande de retrait au titre du TAKE IT DOWN Act (47 U.S.C. §223a)', de: 'Entfernungsantrag nach dem TAKE IT DOWN Act (47 U.S.C. §223a)' },
    jurisdiction: 'US',
    deadline: { kind: 'hours', hours: 48, source: '47 U.S.C. §223a(a)(3)' },
    requiredElements: [
      el('i_signature', '§223a(a)(1)(B)(i)', 'physical or electronic signature'),
      el('ii_identification', '§223a(a)(1)(B)(ii)', 'identification of, and information sufficient to locate, the depiction'),
      el('iii_non_consent', '§223a(a)(1)(B)(iii)', 'good-faith statement that the depiction is not consensual'),
      el('iv_contact', '§223a(a)(1)(B)(iv)', 'contact information'),
    ],
    companions: [],
    topics: ['intimate_media'],
  },
  dmca_512c3: {
    id: 'dmca_512c3',
    name: { en: 'DMCA notice (17 U.S.C. §512(c)(3))', nl: 'DMCA-melding (17 U.S.C. §512(c)(3))', fr: 'Notification DMCA (17 U.S.C. §512(c)(3))', de: 'DMCA-Mitteilung (17 U.S.C. §512(c)(3))' },
    jurisdiction: 'US',
    deadline: { kind: 'without_undue_delay', source: '17 U.S.C. §512(c)(1)(C): expeditiously' },
    requiredElements: [
      el('i_signature', '§512(c)(3)(A)(i)', 'physical or electronic signature'),
      el('ii_work', '§512(c)(3)(A)(ii)', 'identification of the copyrighted work'),
      el('iii_material', '§512(c)(3)(A)(iii)', 'identification and location of the infringing material'),
      el('iv_contact', '§512(c)(3)(A)(iv)', 'contact information (address, telephone, email)'),
      el('v_good_faith', '§512(c)(3)(A)(v)', 'good-faith belief that the use is not authorised'),
      el('vi_accuracy_perjury', '§512(c)(3)(A)(vi)', 'accuracy statement and, under penalty of perjury, authority to act'),
    ],
    companions: [],
    topics: ['copyright'],
  },
  be_417_9: {
    id: 'be_417_9',
    name: { en: 'Belgian Criminal Code art. 417/9–417/10', nl: 'Strafwetboek art. 417/9–417/10', fr: 'Code pénal art. 417/9–417/10', de: 'Belgisches Strafgesetzbuch Art. 417/9–417/10' },
    jurisdiction: 'BE',
    deadline: { kind: 'without_undue_delay', source: 'DSA Art. 16 notice; court order under art. 584 Code judiciaire: six hours' },
    requiredElements: [
      el('offence_cited', 'reference §5.6', 'cites art. 417/9 (417/10) Code pénal'),
      el('non_consent', 'reference §5.6', 'no consent to distribution (even if there was consent to the making)'),
      el('remedy_stated', 'reference §5.6', 'states the art. 584 Code judiciaire / police / IGVM-IEFH route'),
    ],
    companions: ['dsa_art16', 'gdpr_art17'],
    topics: ['intimate_media', 'illegal_content'],
  },
  nl_139h: {
    id: 'nl_139h',
    name: { en: 'Dutch Criminal Code art. 139h', nl: 'Wetboek van Strafrecht art. 139h', fr: 'Code pénal néerlandais art. 139h', de: 'Niederländisches Strafgesetzbuch Art. 139h' },
    jurisdiction: 'NL',
    deadline: { kind: 'without_undue_delay', source: 'DSA Art. 16 notice' },
    requiredElements: [
      el('offence_cited', 'reference §5.7', 'cites art. 139h lid 2 sub b Sr'),
      el('non_consent', 'reference §5.7', 'no consent; publication is harmful to the person'),
      el('remedy_stated', 'reference §5.7', 'states the police report / civil (kort geding) route'),
    ],
    companions: ['dsa_art16', 'gdpr_art17'],
    topics: ['intimate_media', 'illegal_content'],
  },
  de_201a: {
    id: 'de_201a',
    name: { en: 'German Criminal Code §201a', nl: 'Duits Wetboek van Strafrecht §201a', fr: 'Code pénal allemand §201a', de: '§201a StGB' },
    jurisdiction: 'DE',
    deadline: { kind: 'without_undue_delay', source: 'DSA Art. 16 notice' },
    requiredElements: [
      el('offence_cited', 'reference §5.8', 'cites §201a(1) Nr. 4/5 or (2) StGB and §§22/33 KUG'),
      el('non_consent', 'reference §5.8', 'made accessible without authorisation'),
      el('stay_removed', 'reference §5.8', 'asks that the content is removed and stays removed (Unterlassung)'),
      el('remedy_stated', 'reference §5.8', 'states the criminal complaint / civil route'),
    ],
    companions: ['dsa_art16', 'gdpr_art17'],
    topics: ['intimate_media', 'illegal_content'],
  },
  uk_soa_66b: {
    id: 'uk_soa_66b',
    name: { en: 'Sexual Offences Act 2003 s.66B (Online Safety Act 2023)', nl: 'Sexual Offences Act 2003 s.66B (Online Safety Act 2023)', fr: 'Sexual Offences Act 2003 s.66B (Online Safety Act 2023)', de: 'Sexual Offences Act 2003 s.66B (Online Safety Act 2023)' },
    jurisdiction: 'UK',
    deadline: { kind: 'without_undue_delay', source: 'OSA 2023 illegal-content duties: swift takedown' },
    requiredElements: [
      el('urls', 'reference §5.5', 'the URLs'),
      el('offence_cited', 'reference §5.5', 'offence under SOA 2003 s.66B, priority illegal content under the OSA'),
      el('person_depicted', 'reference §5.5', 'the notifier is the person depicted or authorised'),
      el('non_consent', 'reference §5.5', 'no consent'),
      el('swift_removal', 'reference §5.5', 'asks for swift removal and prevention of re-upload'),
      el('contact', 'reference §5.5', 'contact details'),
      el('accuracy', 'reference §5.5', 'good-faith / accuracy statement'),
    ],
    companions: [],
    topics: ['intimate_media', 'illegal_content'],
  },
};

export function getBasis(id: BasisId): LegalBasis {
  return LEGAL_BASES[id];
}

/** When a notice should be acted on; null when the law only says "without undue delay". */
export function deadlineDueAt(deadline: Deadline, sentAt: Date): Date | null {
  if (deadline.kind === 'hours') return new Date(sentAt.getTime() + deadline.hours * 3_600_000);
  if (deadline.kind === 'months') {
    const d = new Date(sentAt.getTime());
    const day = d.getUTCDate();
    d.setUTCMonth(d.getUTCMonth() + deadline.months);
    // 31 January + one month is the end of February, not 3 March.
    if (d.getUTCDate() !== day) d.setUTCDate(0);
    return d;
  }
  return null;
}

export const DMCA_WARNING: Localized = {
  en: "Copyright (DMCA) notices can be published, with the sender's name, in the public Lumen database (Google sends its copies there). A notice sent under your legal name can itself reveal who you are. Consider letting an agent or an organisation send it, or use a route that is not about copyright (privacy, non-consensual intimate images).",
  nl: 'Auteursrechtmeldingen (DMCA) kunnen met de naam van de afzender openbaar worden gemaakt in de Lumen-databank (Google stuurt zijn kopieën daarheen). Een melding onder je wettelijke naam kan zo zelf onthullen wie je bent. Laat ze eventueel versturen door een gemachtigde of een organisatie, of kies een weg die niet over auteursrecht gaat (privacy, intieme beelden zonder toestemming).',
  fr: "Les notifications de droit d'auteur (DMCA) peuvent être publiées, avec le nom de l'expéditeur, dans la base publique Lumen (Google y envoie ses copies). Une notification envoyée sous votre nom légal peut ainsi révéler votre identité. Envisagez de la faire envoyer par un mandataire ou une organisation, ou choisissez une voie qui ne relève pas du droit d'auteur (vie privée, images intimes diffusées sans consentement).",
  de: 'Urheberrechtsmeldungen (DMCA) können mit dem Namen des Absenders in der öffentlichen Lumen-Datenbank veröffentlicht werden (Google schickt seine Kopien dorthin). Eine Meldung unter Ihrem bürgerlichen Namen kann so selbst verraten, wer Sie sind. Lassen Sie sie gegebenenfalls von einer bevollmächtigten Person oder Organisation senden, oder wählen Sie einen Weg außerhalb des Urheberrechts (Privatsphäre, nicht einvernehmlich verbreitete intime Bilder).',
};

const EU_EEA = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK',
  'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);
const EU_TLDS = new Set([
  'at', 'be', 'bg', 'hr', 'cy', 'cz', 'dk', 'ee', 'fi', 'fr', 'de', 'gr', 'hu', 'ie', 'it', 'lv', 'lt', 'lu', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk',
  'si', 'es', 'se', 'eu', 'is', 'li', 'no',
]);
/** Generic TLDs: the site may well be run from the US, where the TAKE IT DOWN Act binds covered platforms. */
const GENERIC_TLDS = new Set(['com', 'net', 'org', 'info', 'biz', 'io', 'co', 'tv', 'me', 'cc', 'xxx', 'porn', 'sex', 'adult', 'site', 'online', 'us']);
const NATIONAL: ReadonlyArray<readonly [BasisId, string, string]> = [
  ['be_417_9', 'BE', 'be'],
  ['nl_139h', 'NL', 'nl'],
  ['de_201a', 'DE', 'de'],
  ['uk_soa_66b', 'GB', 'uk'],
];

export interface BasisChoiceInput {
  categories: readonly Category[];
  site: { tld?: string | null; pageLanguage?: string | null };
  /** ISO 3166-1 alpha-2 (UK is accepted for GB). */
  personCountry?: string | null;
  /** Only when the person says they own the copyright (they took the photos / made the content). */
  ownsCopyright?: boolean;
  /** The known platform's role, when the URL belongs to one. */
  platformRole?: 'platform' | 'search_engine' | 'cdn' | 'hash_service' | null;
}

export interface BasisChoice {
  /** The main notice (never includes DMCA). */
  bases: BasisId[];
  reasons: Partial<Record<BasisId, string>>;
  /**
   * Present when the person owns the copyright: a separate DMCA notice, kept apart from the main one
   * because DMCA notices may be published (Lumen) and must not carry the privacy/intimate-image text.
   */
  dmca: { bases: ['dmca_512c3']; warning: Localized; offerAgentSender: true; nonCopyrightRoute: BasisId[] } | null;
}

/**
 * Picks the legal bases for a notice, primary first. The platform's own rules come first where there is a
 * platform (they act fastest); EU law applies when the person or the site is in the EU/EEA; national
 * intimate-image offences follow the person's country, else the site's; DMCA only on the person's word
 * that they own the copyright, as a separate notice with the Lumen warning.
 */
export function chooseBases(input: BasisChoiceInput): BasisChoice {
  const chosen = new Set<BasisId>();
  const reasons: Partial<Record<BasisId, string>> = {};
  const add = (id: BasisId, reason: string) => {
    if (!chosen.has(id)) {
      chosen.add(id);
      reasons[id] = reason;
    }
  };
  const country = input.personCountry?.toUpperCase() === 'UK' ? 'GB' : input.personCountry?.toUpperCase() ?? null;
  const tld = input.site.tld?.toLowerCase() ?? null;
  const lang = input.site.pageLanguage?.toLowerCase() ?? null;
  const intimate = input.categories.includes('intimate_media');
  const searchEngine = input.platformRole === 'search_engine';

  if (input.platformRole === 'platform' || searchEngine) add('platform_policy', 'known platform or search engine with its own reporting channel');

  const personInEu = country !== null && EU_EEA.has(country);
  const siteInEu = tld !== null && EU_TLDS.has(tld);
  const languageHintsEu = tld !== null && GENERIC_TLDS.has(tld) && (lang === 'nl' || lang === 'de');
  const euNexus = personInEu || siteInEu || languageHintsEu;

  if (intimate) {
    if (!searchEngine && (country === 'US' || (tld !== null && GENERIC_TLDS.has(tld)) || input.platformRole === 'platform')) {
      add('take_it_down', 'intimate image on a site that may be a US covered platform (48-hour removal duty)');
    }
    const byPerson = NATIONAL.find(([, c]) => c === country);
    const bySite = NATIONAL.find(([, , t]) => t === tld);
    const national = byPerson ?? bySite;
    if (national) add(national[0], byPerson ? "offence in the person's country" : "offence in the site's country");
  }

  if (euNexus) {
    if (!searchEngine) add('dsa_art16', 'hosting service offered in the EU: Art. 16 notice gives actual knowledge');
    add('gdpr_art17', 'personal data of a person in the EU, or a controller in the EU');
  }
  // National EU offences are cited inside a DSA notice.
  for (const id of [...chosen]) for (const companion of LEGAL_BASES[id].companions) if (!searchEngine || companion !== 'dsa_art16') add(companion, `cited together with ${id}`);

  if (chosen.size === 0) add('platform_policy', "no statute identified: the site's own rules");
  const bases = BASIS_IDS.filter((id) => chosen.has(id));

  let dmca: BasisChoice['dmca'] = null;
  if (input.ownsCopyright === true) {
    reasons.dmca_512c3 = 'the person owns the copyright in the material';
    dmca = { bases: ['dmca_512c3'], warning: DMCA_WARNING, offerAgentSender: true, nonCopyrightRoute: bases };
  }
  return { bases, reasons, dmca };
}

export interface EscalationBody {
  name: string;
  kind: 'helpline' | 'regulator' | 'digital_services_coordinator';
  verify?: true;
}

/** Helplines and regulators named in the reference for each country. */
export function escalationBodies(country: string | null | undefined): EscalationBody[] {
  switch (country?.toUpperCase()) {
    case 'BE':
      return [
        { name: 'IGVM / IEFH (Institute for the Equality of Women and Men)', kind: 'helpline' },
        { name: 'BIPT', kind: 'digital_services_coordinator' },
      ];
    case 'NL':
      return [
        { name: 'Offlimits / Helpwanted', kind: 'helpline' },
        { name: 'ACM', kind: 'digital_services_coordinator' },
      ];
    case 'DE':
      return [
        { name: 'HateAid', kind: 'helpline' },
        { name: 'Bundesnetzagentur', kind: 'digital_services_coordinator' },
      ];
    case 'GB':
    case 'UK':
      return [
        { name: 'Revenge Porn Helpline', kind: 'helpline' },
        { name: 'Ofcom', kind: 'regulator' },
      ];
    case 'IE':
      return [{ name: 'Coimisiún na Meán', kind: 'digital_services_coordinator', verify: true }];
    case 'US':
      return [{ name: 'FTC (enforces the TAKE IT DOWN Act)', kind: 'regulator' }];
    default:
      return [];
  }
}

/** Channel topics a set of categories and bases needs, most important first, to pick the right platform form. */
export function topicsFor(categories: readonly Category[], bases: readonly BasisId[]): ChannelTopic[] {
  const topics = new Set<ChannelTopic>();
  if (categories.includes('intimate_media')) topics.add('intimate_media');
  if (categories.some((c) => c !== 'intimate_media')) topics.add('private_information');
  for (const b of bases) if (b !== 'platform_policy' && b !== 'dsa_art16') for (const t of LEGAL_BASES[b].topics) topics.add(t);
  return [...topics];
}
