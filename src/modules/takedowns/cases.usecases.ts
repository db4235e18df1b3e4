import { transaction } from '../../db/transaction.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import { AppError, createErrorFactory, createNotFoundError } from '../../shared/errors.ts';
import type { TakedownSettings } from '../../config/takedowns.settings.ts';
import type { HitsRepository, Hit } from '../hits/hits.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import { loadProfile } from '../profiles/profiles.usecases.ts';
import { detectPageLanguage, type DraftLanguage } from './language.models.ts';
import type { BasisId } from './legal-basis.models.ts';
import { bundledPlatformCatalogue, type PlatformCatalogue } from './platforms.models.ts';
import type { RecipientCandidate, ResolverDeps } from './recipient-resolver.ts';
import { prepareTakedown, type PersonFacts } from './cases.drafting.ts';
import { audienceAtLevel, caseDeadline, checkTransition, firstRecheckAt, senderIdentity, type CaseRecipient, type CaseStatus, type SenderIdentity } from './cases.models.ts';
import { type CaseActor, type CasePatch, type CaseRow, type CasesRepository, type NewCaseEvent } from './cases.repository.ts';

export type SendMail = (message: { from: { name: string; address: string }; to: string; subject: string; text: string; replyTo: string }) => Promise<{ messageId?: string }>;

export interface TakedownDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  hits: HitsRepository;
  profiles: ProfilesRepository;
  cases: CasesRepository;
  settings: TakedownSettings;
  /** fetchText and resolveIp behind the URL guard (see takedown-deps.ts). */
  resolver: ResolverDeps;
  /**
   * A person's own resolver where it differs from `resolver`: the fictional demo person's takedowns may read
   * the simulated web's contact pages, which no real person's lookup may reach.
   */
  resolverForPerson?: (personId: string) => Promise<ResolverDeps | null>;
  /** Absent when no mail server is configured: drafts can still be copied or opened as mailto: links. */
  sendMail?: SendMail;
  catalogue?: PlatformCatalogue;
  /** The recipient a hit already names by how it was found (a fake profile's platform report channel). */
  knownRecipient?: (hit: Hit) => RecipientCandidate | null;
}

export const resolverFor = async (deps: Pick<TakedownDeps, 'resolver' | 'resolverForPerson'>, personId: string): Promise<ResolverDeps> => (await deps.resolverForPerson?.(personId)) ?? deps.resolver;

export const createCaseNotFoundError = () => createNotFoundError('takedowns.case_not_found', 'No such takedown case.');
export const createHitNotFoundError = () => createNotFoundError('hits.not_found', 'No such exposure.');
export const createCaseChangedError = createErrorFactory({ code: 'takedowns.case_changed', message: 'The case changed meanwhile; reload it and try again.', statusCode: 409 });

const TRANSITION_MESSAGES: Record<string, { message: string; statusCode: number }> = {
  'takedowns.invalid_transition': { message: 'The case cannot move to that status from its current one.', statusCode: 409 },
  'takedowns.removal_unconfirmed': { message: 'Marking a case removed needs a re-check that found the page gone, or your confirmation ({"confirm": true}).', statusCode: 409 },
  'takedowns.confirmation_required': { message: 'Confirm this action by sending {"confirm": true}.', statusCode: 400 },
};

export function transitionError(code: string, details?: Record<string, unknown>): AppError {
  const known = TRANSITION_MESSAGES[code] ?? { message: 'The case cannot be changed that way.', statusCode: 409 };
  return new AppError({ code, ...known, ...(details ? { details } : {}) });
}

export async function requireCase(deps: Pick<TakedownDeps, 'cases'>, caseId: string): Promise<CaseRow> {
  return await deps.cases.get(caseId) ?? (() => { throw createCaseNotFoundError(); })();
}

export interface PersonContext {
  facts: PersonFacts;
  language: string | null;
  sender: SenderIdentity | null;
}

export async function personContext(deps: Pick<TakedownDeps, 'profiles' | 'settings'>, personId: string): Promise<PersonContext> {
  const person = await deps.profiles.getPerson(personId);
  if (!person) throw createNotFoundError('people.not_found', 'No such person.');
  const profile = await loadProfile(deps.profiles, personId);
  const facts: PersonFacts = {
    displayName: person.label,
    ...(profile.names[0] ? { legalName: profile.names[0].original } : {}),
    country: person.defaultCountry,
    ownEmails: profile.emails.map((e) => e.normalised),
  };
  const sender = senderIdentity(deps.settings.sender, { label: person.label });
  return { facts, language: person.language, sender: sender.ok ? sender.sender : null };
}

/** Fields and event of a notice that went out now; deadlines follow the bases it cites. */
export function sentPatch(deps: Pick<TakedownDeps, 'settings'>, row: CaseRow, now: Date, event: Record<string, unknown>): { patch: CasePatch; event: NewCaseEvent & { detail: Record<string, unknown> } } {
  const deadline = caseDeadline(row.bases as BasisId[], now, deps.settings.defaultResponseDays);
  const dueAt = deadline?.dueAt ?? new Date(now.getTime() + deps.settings.defaultResponseDays * 86_400_000);
  return {
    patch: { status: 'takedown_sent', sentAt: now, deadlineAt: dueAt, nextRecheckAt: firstRecheckAt(now, deps.settings), closedAt: null },
    event: {
      kind: 'sent',
      actor: 'person',
      detail: {
        ...event,
        level: row.escalationLevel,
        audience: audienceAtLevel(row.escalationLevel),
        deadlineAt: dueAt.toISOString(),
        deadlineBasis: deadline?.basis ?? null,
        deadlines: Object.fromEntries(Object.entries(deadline?.perBasis ?? {}).map(([b, d]) => [b, d.toISOString()])),
      },
    },
  };
}

export interface OpenCaseOptions {
  /** The page as just visited by the scan (saves a fetch and sees script-built footers). */
  html?: string | null;
  pageLanguage?: string | null;
  ownsCopyright?: boolean;
  language?: DraftLanguage | null;
  actor?: CaseActor;
  /** Draft again (after the sender was configured, or with another language) while the case is new or in review. */
  redraft?: boolean;
}

async function prepareForHit(deps: TakedownDeps, hit: Hit, options: OpenCaseOptions) {
  const person = await personContext(deps, hit.personId);
  const resolver = await resolverFor(deps, hit.personId);
  const url = hit.finalUrl ?? hit.url;
  let html = options.html ?? null;
  if (html === null) {
    const page = await resolver.fetchText(url).catch(() => null);
    if (page && page.status >= 200 && page.status < 300) html = page.body;
  }
  const pageLanguage = options.pageLanguage ?? hit.pageLanguage ?? (html ? detectPageLanguage({ html }).code : null);
  const prepared = await prepareTakedown(
    {
      url,
      html,
      pageLanguage,
      languageOverride: options.language ?? null,
      categories: hit.categories,
      matches: (await deps.hits.matchesOf(hit.id)).map((m) => ({ kind: m.kind })),
      ownsCopyright: options.ownsCopyright === true,
      sender: person.sender,
      person: person.facts,
      now: deps.clock.now(),
      knownRecipient: deps.knownRecipient?.(hit) ?? null,
    },
    resolver,
    deps.catalogue ?? bundledPlatformCatalogue(),
  );
  const events: NewCaseEvent[] = [];
  const base = {
    recipient: prepared.recipient,
    alternatives: prepared.alternatives,
    steps: prepared.steps,
    bases: prepared.choice.bases,
    reasons: prepared.choice.reasons,
    language: prepared.language,
    audience: 'site',
    ...(prepared.problem ? { problem: prepared.problem } : {}),
  };
  if (prepared.dmca) events.push({ kind: 'dmca_proposed', actor: options.actor ?? 'system', detail: { ...prepared.dmca } });
  const fields = {
    recipient: prepared.recipient as Record<string, unknown> | null,
    bases: prepared.choice.bases as string[],
    language: prepared.language,
    draftSubject: prepared.draft?.subject ?? null,
    draftBody: prepared.draft?.body ?? null,
  };
  return { fields, base, events, dmcaWarning: prepared.dmca?.warning ?? null };
}

/**
 * Opens the takedown case of a hit: finds the recipient, chooses the legal bases and stores the draft.
 * Idempotent: a hit has one case, and a second call returns it (or drafts it again with `redraft`).
 */
export async function openCaseForHit(deps: TakedownDeps, hitId: string, options: OpenCaseOptions = {}): Promise<{ case: CaseRow; created: boolean; dmcaWarning: string | null }> {
  const hit = await deps.hits.get(hitId);
  if (!hit) throw createHitNotFoundError();
  const existing = await deps.cases.getByHit(hitId);
  if (existing && !options.redraft) return { case: existing, created: false, dmcaWarning: null };
  if (existing && existing.status !== 'new' && existing.status !== 'reviewing') throw transitionError('takedowns.invalid_transition');

  const prepared = await prepareForHit(deps, hit, options);
  const actor = options.actor ?? 'system';
  if (existing) {
    const updated = await deps.cases.update(existing.id, existing.status, { ...prepared.fields, escalationLevel: 0 }, [{ kind: 'redrafted', actor, detail: prepared.base }, ...prepared.events]);
    if (!updated) throw createCaseChangedError();
    return { case: updated, created: false, dmcaWarning: prepared.dmcaWarning };
  }
  const { row, created } = await deps.cases.insert({ hitId, status: 'new', ...prepared.fields }, [{ kind: 'opened', actor, detail: prepared.base }, ...prepared.events]);
  deps.logger.info({ caseId: row.id, hitId, created, recipientKind: (row.recipient as CaseRecipient | null)?.kind ?? null }, 'takedown case opened');
  return { case: row, created, dmcaWarning: created ? prepared.dmcaWarning : null };
}

export interface StatusChange {
  to: CaseStatus;
  confirm?: boolean;
  actor?: CaseActor;
}

/** Validated status change; closing a case as a false positive also dismisses the hit. */
export async function changeCaseStatus(deps: TakedownDeps, caseId: string, change: StatusChange): Promise<CaseRow> {
  const row = await requireCase(deps, caseId);
  const now = deps.clock.now();
  const recheckShowsRemoved = change.to === 'removed' && await deps.cases.hasRemovalRecheck(row.hitId, row.sentAt ?? row.createdAt);
  const check = checkTransition(row.status, change.to, { confirmed: change.confirm === true, recheckShowsRemoved });
  if (!check.ok) throw transitionError(check.code, { from: row.status, to: change.to });
  const actor = change.actor ?? 'person';

  let patch: CasePatch = { status: change.to };
  let event: NewCaseEvent = { kind: 'status_changed', actor, detail: { from: row.status, to: change.to } };
  let hitStatus: Hit['status'] | null = null;
  if (change.to === 'takedown_sent') {
    const sent = sentPatch(deps, row, now, { channel: 'manual' });
    patch = sent.patch;
    event = { ...sent.event, actor };
  } else if (change.to === 'removed') {
    patch = { status: 'removed', closedAt: now, nextRecheckAt: null };
    event = { kind: 'status_changed', actor, detail: { from: row.status, to: 'removed', via: recheckShowsRemoved ? 'recheck' : 'confirmation' } };
    hitStatus = 'resolved';
  } else if (change.to === 'false_positive') {
    patch = { status: 'false_positive', closedAt: now, nextRecheckAt: null };
    hitStatus = 'false_positive';
  } else if (change.to === 'no_response') {
    event = { kind: 'no_response', actor, detail: { deadlineAt: row.deadlineAt?.toISOString() ?? null } };
  } else if (change.to === 'reviewing') {
    patch = { status: 'reviewing', closedAt: null };
    if (row.status === 'false_positive') hitStatus = 'seen';
  }
  return await transaction(deps.db, async () => {
    const updated = await deps.cases.update(row.id, row.status, patch, [event]);
    if (!updated) throw createCaseChangedError();
    if (hitStatus) await deps.hits.setStatus(row.hitId, hitStatus);
    return updated;
  });
}
