import { isAppError } from '../../shared/errors.ts';
import { chooseDraftLanguage, renderDraft, type DraftRecipient } from './draft.models.ts';
import { isDraftLanguage, type DraftLanguage } from './language.models.ts';
import { chooseBases, type BasisChoice, type BasisId, type Category, CATEGORIES, DMCA_WARNING } from './legal-basis.models.ts';
import { bundledPlatformCatalogue, matchPlatform, type PlatformCatalogue } from './platforms.models.ts';
import { hostOf, topLevelDomain } from '../../shared/url.models.ts';
import { resolveRecipient, type RecipientCandidate, type ResolverDeps, type StepRecord } from './recipient-resolver.ts';
import type { Audience } from './templates/types.ts';
import type { DraftPlaceholder } from './draft-placeholders.models.ts';
import type { CaseRecipient, SenderIdentity } from './cases.models.ts';

/**
 * The drafting chain shared by `exposure-scanner draft` and case opening: legal bases, recipient, language,
 * then the notice from the templates. Only the kind of exposed information reaches the text, never values.
 */

export interface PersonFacts {
  /** The person's label: what they chose to be called. */
  displayName: string;
  /** First name in the profile; written only when the sender settings ask for the legal name. */
  legalName?: string;
  country: string | null;
  /** The person's own addresses: never chosen as a recipient, even when a page exposes them as "contact". */
  ownEmails: readonly string[];
}

export interface PrepareInput {
  url: string;
  /** The page as visited, when it was; the resolver fetches it otherwise. */
  html: string | null;
  pageLanguage: string | null;
  languageOverride?: DraftLanguage | null;
  categories: readonly string[];
  matches: readonly { kind: string }[];
  ownsCopyright?: boolean;
  /** Null when nothing is known about the sender: the notice is drafted with placeholders. */
  sender: SenderIdentity | null;
  person: PersonFacts;
  now: Date;
  /**
   * A recipient already known from how the exposure was found (the impersonation report channel of the
   * site a fake profile is on): it is used as it is, without looking anything up.
   */
  knownRecipient?: RecipientCandidate | null;
}

export interface DraftText {
  subject: string;
  body: string;
  placeholders: DraftPlaceholder[];
}

export interface PreparedTakedown {
  recipient: CaseRecipient | null;
  alternatives: CaseRecipient[];
  steps: StepRecord[];
  choice: BasisChoice;
  language: DraftLanguage;
  draft: DraftText | null;
  /** A separate copyright notice, only when the person owns the copyright; carries the Lumen warning. */
  dmca: (DraftText & { bases: BasisId[]; warning: string }) | null;
  problem: string | null;
}

export function toCategories(values: readonly string[]): Category[] {
  return values.filter((v): v is Category => (CATEGORIES as readonly string[]).includes(v));
}

export function toCaseRecipient(c: RecipientCandidate): CaseRecipient {
  return {
    kind: c.kind,
    ...(c.address ? { address: c.address } : {}),
    ...(c.formUrl ? { formUrl: c.formUrl } : {}),
    confidence: c.confidence,
    source: c.source,
    ...(c.verify ? { verify: true } : {}),
  };
}

/** The recipient as the draft contract prints it: `{kind, address|formUrl, confidence}`. */
export function contractRecipient(r: CaseRecipient | null): DraftRecipient | null {
  if (!r || r.kind === 'named') return null;
  return r.kind === 'email' ? { kind: 'email', address: r.address ?? '', confidence: r.confidence } : { kind: 'form', formUrl: r.formUrl ?? '', confidence: r.confidence };
}

const PLACEHOLDER_RECIPIENT: DraftRecipient = { kind: 'email', confidence: 'low' };

export interface RenderArgs {
  url: string;
  bases: readonly BasisId[];
  language: DraftLanguage;
  categories: readonly Category[];
  matches: readonly { kind: string }[];
  sender: SenderIdentity;
  person: PersonFacts;
  audience: Audience;
  platformName?: string;
  previousNoticeAt?: Date | null;
  now: Date;
}

/** Renders one notice; a template or sender problem becomes a problem code, never a crash of the caller. */
export function renderText(args: RenderArgs): { draft: DraftText } | { problem: string } {
  try {
    const { draft } = renderDraft({
      url: args.url,
      personLanguage: args.language,
      categories: args.categories,
      matches: args.matches,
      bases: args.bases,
      sender: { name: args.sender.name, email: args.sender.email, onBehalfOf: args.sender.onBehalfOf, useLegalName: args.sender.useLegalName },
      personFacts: { displayName: args.person.displayName, ...(args.person.legalName ? { legalName: args.person.legalName } : {}) },
      recipient: PLACEHOLDER_RECIPIENT,
      now: args.now,
      audience: args.audience,
      ...(args.platformName ? { platformName: args.platformName } : {}),
      previousNoticeAt: args.previousNoticeAt ?? null,
    });
    return { draft: { subject: draft.subject, body: draft.body, placeholders: draft.placeholders } };
  } catch (error) {
    if (isAppError(error)) return { problem: error.code };
    throw error;
  }
}

export function withoutOwnAddresses(candidates: RecipientCandidate[], person: PersonFacts, sender: SenderIdentity | null): RecipientCandidate[] {
  const own = new Set([...person.ownEmails, ...(sender?.email ? [sender.email] : [])].map((e) => e.trim().toLowerCase()));
  return candidates.filter((c) => !(c.kind === 'email' && c.address && own.has(c.address.toLowerCase())));
}

export async function prepareTakedown(input: PrepareInput, resolver: ResolverDeps, catalogue: PlatformCatalogue = bundledPlatformCatalogue()): Promise<PreparedTakedown> {
  const categories = toCategories(input.categories);
  const host = hostOf(input.url) ?? '';
  const platform = matchPlatform(input.url, catalogue);
  const choice = chooseBases({
    categories,
    site: { tld: topLevelDomain(host), pageLanguage: input.pageLanguage },
    personCountry: input.person.country,
    ownsCopyright: input.ownsCopyright === true,
    platformRole: platform?.role ?? null,
  });
  const resolution = input.knownRecipient
    ? { recipient: input.knownRecipient, alternatives: [], steps: [{ step: 'platform' as const, outcome: 'found' as const, detail: input.knownRecipient.source }] }
    : await resolveRecipient({ url: input.url, html: input.html, categories, bases: choice.bases, now: input.now }, { ...resolver, catalogue });
  const candidates = withoutOwnAddresses(resolution.recipient ? [resolution.recipient, ...resolution.alternatives] : [], input.person, input.sender);
  const language = chooseDraftLanguage(input.pageLanguage, isDraftLanguage(input.languageOverride) ? input.languageOverride : null);

  let draft: DraftText | null = null;
  let dmca: PreparedTakedown['dmca'] = null;
  let problem: string | null = null;
  // Always drafted: what is not known yet (a name, the reply address) is written as a placeholder.
  const sender: SenderIdentity = input.sender ?? { name: '', email: null, onBehalfOf: null, useLegalName: false };
  {
    const common = { url: input.url, language, categories, matches: input.matches, sender, person: input.person, audience: 'site' as const, now: input.now, ...(platform ? { platformName: platform.label } : {}) };
    const main = renderText({ ...common, bases: choice.bases });
    if ('draft' in main) draft = main.draft;
    else problem = main.problem;
    if (choice.dmca) {
      const copyright = renderText({ ...common, bases: choice.dmca.bases });
      if ('draft' in copyright) dmca = { ...copyright.draft, bases: [...choice.dmca.bases], warning: DMCA_WARNING[language] };
    }
  }
  const [first, ...rest] = candidates.map(toCaseRecipient);
  return { recipient: first ?? null, alternatives: rest, steps: resolution.steps, choice, language, draft, dmca, problem };
}
