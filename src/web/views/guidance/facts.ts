// Facts behind the guidance pages, the same in every language: sources, helplines and emergency numbers.
// Everything here comes from the project's reference file on guidance (doxxing, sextortion, intimate
// images), which lists stored copies of its sources; nothing is added from elsewhere.

export const GUIDANCE_TOPICS = ['doxxing', 'sextortion', 'intimate-images'] as const;
export type GuidanceTopic = (typeof GUIDANCE_TOPICS)[number];

/**
 * The date the helpline contacts were taken from the stored sources. The reference gives no later check,
 * so the pages say "listed on" this date and link each source, for the person to confirm a number.
 */
export const CONTACTS_LISTED_ON = '2026-12-04';

export interface Source {
  /** Short name shown beside a fact. */
  short: string;
  /** What the source is, as its own title or publisher says. */
  title: string;
  url: string | null;
}

export const SOURCES = {
  utsopi: { short: 'UTSOPI', title: 'UTSOPI (Belgian sex workers’ union): guide on doxxing', url: null },
  womanlog: { short: 'WomanLog', title: 'WomanLog blog: revenge porn (NL)', url: null },
  kpcn: { short: 'KPCN', title: 'Caribbean Netherlands police (KPCN): sextortion, August 2023', url: null },
  xPolicy: { short: 'X', title: 'X private-information policy, December 2022', url: null },
  imageAbuseGuide: { short: 'Image abuse guide', title: 'Guide on image-based abuse (English)', url: null },
  p1: { short: 'SWGfL', title: 'SWGfL: StopNCII.org, tackling non-consensual intimate image abuse', url: 'https://swgfl.org.uk/magazine/stopncii-org-tackling-non-consensual-intimate-image-abuse/' },
  p2: { short: 'StopNCII FAQ', title: 'StopNCII.org: frequently asked questions', url: 'https://stopncii.org/faq/' },
  p3: { short: 'StopNCII', title: 'StopNCII.org: how it works', url: 'https://stopncii.org/how-it-works/' },
  p4: { short: 'Aylo', title: 'Aylo: preventing non-consensual sharing', url: 'http://aylo.com/newsroom/preventing-non-consensual-sharing/' },
  p5: { short: 'SWGfL', title: 'SWGfL: StopNCII announces PhotoDNA integration and Niantic as new partner', url: 'https://swgfl.org.uk/magazine/stopncii-announces-photodna-integration-and-niantic-as-new-industry-partner/' },
  p7: { short: 'Take It Down', title: 'NCMEC Take It Down: frequently asked questions', url: 'https://takeitdown.ncmec.org/faq/' },
  p8: { short: 'CCRI', title: 'Cyber Civil Rights Initiative: FAQs for victims in the US', url: 'https://www.cybercivilrights.org/faqs-usvictims/' },
  p9: { short: 'HateAid', title: 'HateAid: a first safety net', url: 'https://hateaid.org/fragen/wie-stricke-ich-mir-ein-erstes-sicherheitsnetz/' },
  p10: { short: 'Revenge Porn Helpline', title: 'Revenge Porn Helpline (UK): FAQ', url: 'https://revengepornhelpline.org.uk/faq/' },
  p11: { short: 'Offlimits', title: 'Offlimits: Helpwanted sees sextortion double', url: 'https://www.offlimits.nl/nieuws/helpwanted-ziet-verdubbeling-sextortion' },
  p12: { short: 'NOS', title: 'NOS: Fraudehelpdesk flooded by blackmail e-mails', url: 'https://nos.nl/artikel/2253611-telefoon-fraudehelpdesk-roodgloeiend-door-afpersmail-pornosite.html' },
  p13: { short: 'Horen Zien en Praten', title: 'Horen Zien en Praten: non-consensual sharing of nude images', url: 'https://www.horenzienenpraten.be/niet-consensuele-verspreiding-van-naaktbeelden-wraakporno/' },
  p14: { short: 'news.belgium.be', title: 'Belgian federal government: victims of revenge porn, the Institute steps in', url: 'https://news.belgium.be/nl/slachtoffer-van-wraakporno-het-instituut-lanceert-een-onderzoek' },
  p15: { short: 'Humo', title: 'Humo: act at once when intimate images of you appear', url: 'https://www.humo.be/nieuws/ook-the-hunger-games-actrice-werd-slachtoffer-van-wraakporno-grijp-meteen-in-wanneer-je-intieme-beelden-van-jou-ziet-opduiken~b6f4e3f3/' },
  p16: { short: 'NTS 2020', title: 'Nederlands Tijdschrift voor Strafrecht 2020/2: article 139h Sr', url: 'https://bjutijdschriften.nl/tijdschrift/NTS/2020/2/NTS_2666-6553_2020_035_002_003' },
  childFocus: { short: 'Knack', title: 'Knack: Child Focus annual report', url: 'https://www.knack.be/nieuws/belgie/jaarverslag-child-focus-explosieve-stijging-van-aantal-meldingen-over-seksuele-uitbuiting/article-news-1735653.html' },
  bePolice: { short: 'politie.be', title: 'Belgian police: which emergency number, 101 or 112', url: 'https://www.politie.be/5441/vragen/aangifte/welk-noodnummer-bellen-101-of-112' },
  helpwanted: { short: 'Helpwanted', title: 'Helpwanted.nl (English)', url: 'https://www.helpwanted.nl/en' },
  fraudhelpdesk: { short: 'Fraudehelpdesk', title: 'Fraudehelpdesk: tips', url: 'https://www.fraudhelpdesk.org/tips-page/' },
  nlPolice: { short: 'Rijnmond', title: 'Rijnmond: people may call 112 much sooner', url: 'https://www.rijnmond.nl/nieuws/187387/Expert-Mensen-mogen-veel-eerder-112-bellen' },
  pharos: { short: 'Police nationale', title: 'Police nationale: how the official Pharos portal works', url: 'https://www.police-nationale.interieur.gouv.fr/actualite/contenus-illicites-sur-internet-comment-fonctionne-portail-officiel-pharos' },
  e3018: { short: 'ville-lunion.fr', title: 'Ville de L’Union: 3018, the number against online harassment', url: 'https://ville-lunion.fr/?p=49640' },
  hateaid: { short: 'HateAid', title: 'HateAid: counselling for those affected', url: 'https://hateaid.org/betroffenenberatung/' },
  jugendschutz: { short: 'wir-machen-kinderseiten.de', title: 'jugendschutz.net hotline', url: 'https://wir-machen-kinderseiten.de/node/982' },
  kummer: { short: 'BMFSFJ', title: 'BMFSFJ: call, mail, chat against worries', url: 'https://www.bmfsfj.de/bmfsfj/mediathek/anrufen-mailen-chatten-gegen-sorgen-154556' },
  dePolice: { short: '1&1 Magazin', title: '1&1 magazine: reporting to the police', url: 'https://home.1und1.de/magazine/ratgeber/finanzen-verbraucher/polizei-anzeige-erstatten-38897160' },
  rph: { short: 'SWGfL', title: 'SWGfL: Revenge Porn Helpline', url: 'https://swgfl.org.uk/helplines/revenge-porn-helpline/' },
  rhc: { short: 'Report Harmful Content', title: 'Report Harmful Content: who we are', url: 'https://reportharmfulcontent.com/who-are-we/' },
  cybertip: { short: 'CyberTipline', title: 'NCMEC CyberTipline: FAQs', url: 'https://report.cybertip.org/faqs' },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

export const COUNTRIES = ['BE', 'NL', 'FR', 'DE', 'UK', 'US'] as const;
export type Country = (typeof COUNTRIES)[number];

export interface Contact {
  kind: 'phone' | 'web' | 'email';
  /** As the source writes it. */
  text: string;
  href: string;
}

const phone = (text: string, digits: string): Contact => ({ kind: 'phone', text, href: `tel:${digits}` });
const web = (text: string): Contact => ({ kind: 'web', text, href: `https://${text}` });
const email = (text: string): Contact => ({ kind: 'email', text, href: `mailto:${text}` });

export interface Helpline {
  id: string;
  country: Country;
  name: string;
  contacts: Contact[];
  sources: SourceId[];
}

/** Every helpline and reporting point of the reference, per country; what each helps with is translated. */
export const HELPLINES: readonly Helpline[] = [
  { id: 'be-child-focus', country: 'BE', name: 'Child Focus', contacts: [phone('116 000', '116000')], sources: ['childFocus'] },
  { id: 'be-igvm', country: 'BE', name: 'IGVM / IEFH', contacts: [phone('0800/12 800', '080012800'), email('gelijkheid.manvrouw@igvm.belgie.be')], sources: ['utsopi', 'p14'] },
  { id: 'be-police', country: 'BE', name: 'Police / Politie', contacts: [phone('101', '101')], sources: ['bePolice'] },
  { id: 'nl-helpwanted', country: 'NL', name: 'Helpwanted (Offlimits)', contacts: [phone('020-261 52 75', '+31202615275'), web('www.helpwanted.nl/en')], sources: ['helpwanted'] },
  { id: 'nl-fraudehelpdesk', country: 'NL', name: 'Fraudehelpdesk', contacts: [phone('+31 88 786 7372', '+31887867372')], sources: ['fraudhelpdesk'] },
  { id: 'nl-police', country: 'NL', name: 'Politie', contacts: [phone('112', '112'), phone('0900-8844', '09008844')], sources: ['nlPolice'] },
  { id: 'fr-pharos', country: 'FR', name: 'Pharos', contacts: [web('internet-signalement.gouv.fr')], sources: ['pharos'] },
  { id: 'fr-police', country: 'FR', name: 'Police', contacts: [phone('17', '17')], sources: ['pharos'] },
  { id: 'fr-3018', country: 'FR', name: '3018 (e-Enfance)', contacts: [phone('3018', '3018'), web('3018.fr')], sources: ['e3018'] },
  { id: 'de-hateaid', country: 'DE', name: 'HateAid', contacts: [phone('030 252 088 38', '+493025208838'), email('beratung@hateaid.org')], sources: ['hateaid'] },
  { id: 'de-jugendschutz', country: 'DE', name: 'jugendschutz.net', contacts: [web('jugendschutz.net/hotline'), email('hotline@jugendschutz.net')], sources: ['jugendschutz'] },
  { id: 'de-kummer', country: 'DE', name: 'Nummer gegen Kummer', contacts: [phone('116 111', '116111')], sources: ['kummer'] },
  { id: 'de-police', country: 'DE', name: 'Polizei', contacts: [phone('110', '110')], sources: ['dePolice'] },
  { id: 'uk-rph', country: 'UK', name: 'Revenge Porn Helpline', contacts: [phone('0345 6000 459', '+443456000459')], sources: ['rph'] },
  { id: 'uk-rhc', country: 'UK', name: 'Report Harmful Content', contacts: [web('reportharmfulcontent.com'), phone('999', '999')], sources: ['rhc'] },
  { id: 'uk-police', country: 'UK', name: 'Police', contacts: [phone('101', '101')], sources: ['p10'] },
  { id: 'us-ccri', country: 'US', name: 'Cyber Civil Rights Initiative (CCRI)', contacts: [phone('844-878-2274', '+18448782274')], sources: ['p8'] },
  { id: 'us-cybertipline', country: 'US', name: 'NCMEC CyberTipline', contacts: [web('report.cybertip.org'), phone('1-800-THE-LOST', '+18008435678')], sources: ['cybertip', 'p7'] },
];

/** Numbers to call when someone is in danger now, where the reference names one. */
export const EMERGENCY: ReadonlyArray<{ country: Country; contact: Contact; sources: SourceId[] }> = [
  { country: 'BE', contact: phone('101', '101'), sources: ['bePolice'] },
  { country: 'NL', contact: phone('112', '112'), sources: ['nlPolice'] },
  { country: 'FR', contact: phone('17', '17'), sources: ['pharos'] },
  { country: 'DE', contact: phone('110', '110'), sources: ['dePolice'] },
  { country: 'UK', contact: phone('999', '999'), sources: ['rhc'] },
];
