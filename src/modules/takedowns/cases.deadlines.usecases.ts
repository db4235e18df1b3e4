import { transaction } from '../../db/transaction.ts';
import { createErrorFactory } from '../../shared/errors.ts';
import { isDraftLanguage } from './language.models.ts';
import type { BasisId } from './legal-basis.models.ts';
import { bundledPlatformCatalogue } from './platforms.models.ts';
import { toCategories } from './cases.drafting.ts';
import { nextEscalation, type EscalationDraft } from './cases.escalation.ts';
import { OPEN_STATUSES, checkTransition, nextRecheckAfter, reminderDue } from './cases.models.ts';
import { type CaseActor, type CaseRow } from './cases.repository.ts';
import { createCaseChangedError, createHitNotFoundError, personContext, requireCase, resolverFor, transitionError, type TakedownDeps } from './cases.usecases.ts';
import { createSenderNotConfiguredError } from './cases.sending.usecases.ts';

export const createEscalationExhaustedError = createErrorFactory({ code: 'takedowns.escalation_exhausted', message: 'Every step of the escalation has been drafted already.', statusCode: 409 });

/**
 * Drafts the next escalation (hosting provider → registrar or CDN → search engines → helpline or regulator
 * → police) and makes it the case's current draft. With `fromLevel`, does nothing unless the case is still
 * at that level, so a retried job never escalates twice.
 */
export async function escalateCase(deps: TakedownDeps, caseId: string, options: { actor?: CaseActor; fromLevel?: number } = {}): Promise<{ case: CaseRow; escalation: EscalationDraft } | null> {
  const row = await requireCase(deps, caseId);
  if (options.fromLevel !== undefined && row.escalationLevel !== options.fromLevel) return null;
  if (!OPEN_STATUSES.includes(row.status)) throw transitionError('takedowns.invalid_transition', { from: row.status, to: 'escalated' });
  const hit = await deps.hits.get(row.hitId);
  if (!hit) throw createHitNotFoundError();
  const person = await personContext(deps, hit.personId);
  if (!person.sender) throw createSenderNotConfiguredError();
  const events = await deps.cases.events(row.id);
  const firstSent = events.find((e) => e.kind === 'sent');
  // Each rung starts from the site notice's bases: an earlier rung (search engines) may have replaced them.
  const siteDraft = [...events].reverse().find((e) => e.kind === 'opened' || e.kind === 'redrafted');
  const siteBases = Array.isArray(siteDraft?.detail?.bases) ? (siteDraft.detail.bases as BasisId[]) : (row.bases as BasisId[]);

  const outcome = await nextEscalation(
    {
      caseId: row.id,
      url: hit.finalUrl ?? hit.url,
      categories: toCategories(hit.categories),
      matches: (await deps.hits.matchesOf(hit.id)).map((m) => ({ kind: m.kind })),
      caseBases: siteBases.length > 0 ? siteBases : (row.bases as BasisId[]),
      caseLanguage: isDraftLanguage(row.language) ? row.language : 'en',
      personLanguage: person.language,
      person: person.facts,
      sender: person.sender,
      previousNoticeAt: firstSent?.at ?? null,
      evidence: await deps.cases.evidenceOf(hit.id),
      now: deps.clock.now(),
    },
    row.escalationLevel,
    await resolverFor(deps, hit.personId),
    deps.catalogue ?? bundledPlatformCatalogue(),
  );
  if (!outcome.ok) {
    if (outcome.code === 'takedowns.escalation_exhausted') throw createEscalationExhaustedError({ details: { skipped: outcome.skipped } });
    throw createErrorFactory({ code: outcome.code, message: 'The escalation could not be drafted.', statusCode: 409 })();
  }
  const e = outcome.escalation;
  const updated = await deps.cases.update(
    row.id,
    row.status,
    { recipient: e.recipient as Record<string, unknown> | null, bases: e.bases, language: e.language, draftSubject: e.subject, draftBody: e.body, escalationLevel: e.level },
    [{ kind: 'escalated', actor: options.actor ?? 'person', detail: { ...e } }],
  );
  if (!updated) throw createCaseChangedError();
  deps.logger.info({ caseId: row.id, level: e.level, audience: e.audience, skipped: e.skipped.length }, 'takedown case escalated');
  return { case: updated, escalation: e };
}

/**
 * Sent notices whose deadline passed become no_response. Synchronous, so a job can commit it with its
 * completion; the caller drafts (or enqueues) the escalation of each returned case.
 */
export async function sweepDeadlines(deps: Pick<TakedownDeps, 'db' | 'cases'>, now: Date): Promise<{ caseId: string; level: number }[]> {
  const moved: { caseId: string; level: number }[] = [];
  await transaction(deps.db, async () => {
    for (const row of await deps.cases.overdue(now)) {
      const updated = await deps.cases.update(row.id, 'takedown_sent', { status: 'no_response' }, [
        { kind: 'no_response', actor: 'scheduler', detail: { deadlineAt: row.deadlineAt?.toISOString() ?? null } },
      ]);
      if (updated) moved.push({ caseId: row.id, level: row.escalationLevel });
    }
  });
  return moved;
}

export interface DeadlineReminder {
  caseId: string;
  hitId: string;
  deadlineAt: Date;
}

/**
 * One reminder per deadline, when it is within TAKEDOWN_REMINDER_HOURS: a case event now, and the list
 * returned so the caller can raise an alert. Calling it again for the same deadline returns nothing.
 */
export async function remindUpcomingDeadlines(deps: Pick<TakedownDeps, 'db' | 'cases' | 'settings'>, now: Date): Promise<DeadlineReminder[]> {
  const until = new Date(now.getTime() + deps.settings.reminderHours * 3_600_000);
  const out: DeadlineReminder[] = [];
  await transaction(deps.db, async () => {
    for (const row of await deps.cases.deadlineWithin(now, until)) {
      if (!row.deadlineAt || !reminderDue(row.deadlineAt, now, deps.settings.reminderHours)) continue;
      const last = await deps.cases.latestEvent(row.id, 'deadline_reminder');
      if (last?.detail?.deadlineAt === row.deadlineAt.toISOString()) continue;
      await deps.cases.addEvent(row.id, { kind: 'deadline_reminder', actor: 'scheduler', detail: { deadlineAt: row.deadlineAt.toISOString() } }, now);
      out.push({ caseId: row.id, hitId: row.hitId, deadlineAt: row.deadlineAt });
    }
  });
  return out;
}

/** Cases whose page should be visited again now (for the re-check capture). */
export async function dueRechecks(deps: Pick<TakedownDeps, 'cases' | 'hits'>, now: Date, limit = 100): Promise<{ caseId: string; hitId: string; url: string }[]> {
  const rows = await deps.cases.dueRechecks(now, limit);
  const found = await Promise.all(rows.map(async (row) => {
    const hit = await deps.hits.get(row.hitId);
    return hit ? [{ caseId: row.id, hitId: hit.id, url: hit.finalUrl ?? hit.url }] : [];
  }));
  return found.flat();
}

/**
 * Records a re-check of a case's page. A page found gone closes the case as removed (the re-check is the
 * proof); otherwise the next re-check is scheduled. Synchronous, for a job's `complete`.
 */
export async function recordRecheck(deps: TakedownDeps, caseId: string, result: { outcome: 'removed' | 'still_up' | 'blocked' | 'failed'; captureId?: string | null }): Promise<CaseRow> {
  const row = await requireCase(deps, caseId);
  const now = deps.clock.now();
  const event = { kind: 'recheck', actor: 'scheduler' as const, detail: { outcome: result.outcome, captureId: result.captureId ?? null } };
  return await transaction(deps.db, async () => {
    if (result.outcome === 'removed' && checkTransition(row.status, 'removed', { confirmed: false, recheckShowsRemoved: true }).ok) {
      const updated = await deps.cases.update(row.id, row.status, { status: 'removed', closedAt: now, nextRecheckAt: null }, [
        event,
        { kind: 'status_changed', actor: 'scheduler', detail: { from: row.status, to: 'removed', via: 'recheck' } },
      ]);
      if (!updated) throw createCaseChangedError();
      await deps.hits.setStatus(row.hitId, 'resolved');
      return updated;
    }
    const next = OPEN_STATUSES.includes(row.status) ? nextRecheckAfter(now, now, deps.settings) : null;
    const updated = await deps.cases.update(row.id, row.status, { nextRecheckAt: next }, [event]);
    if (!updated) throw createCaseChangedError();
    return updated;
  });
}
