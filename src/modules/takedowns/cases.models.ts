import type { DraftLanguage } from './language.models.ts';
import { LEGAL_BASES, deadlineDueAt, type BasisId } from './legal-basis.models.ts';
import { AUDIENCES, type Audience } from './templates/types.ts';

/** One case per hit. The statuses are the `takedown_cases.status` column. */
export const CASE_STATUSES = ['new', 'reviewing', 'takedown_sent', 'removed', 'no_response', 'refused', 'false_positive'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'reviewing', 'takedown_sent', 'no_response', 'refused'];

/**
 * Who receives the current draft. `named` is a body with no address in the catalogue (a helpline, the
 * police): the person contacts it themselves with the drafted text.
 */
export interface CaseRecipient {
  kind: 'email' | 'form' | 'named';
  address?: string;
  formUrl?: string;
  name?: string;
  confidence: 'high' | 'medium' | 'low';
  source?: string;
  verify?: boolean;
}

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['reviewing', 'takedown_sent', 'removed', 'false_positive'],
  reviewing: ['takedown_sent', 'removed', 'false_positive'],
  takedown_sent: ['removed', 'no_response', 'refused', 'false_positive'],
  no_response: ['takedown_sent', 'removed', 'refused', 'false_positive'],
  refused: ['takedown_sent', 'removed', 'false_positive'],
  // The page came back, or the dismissal was a mistake: the case is looked at again.
  removed: ['reviewing'],
  false_positive: ['reviewing'],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

export interface TransitionProof {
  /** The person explicitly confirmed (that they sent it through a form, that the page is gone...). */
  confirmed: boolean;
  /** A re-check after the case was opened found the page gone. */
  recheckShowsRemoved: boolean;
}

export type TransitionCheck = { ok: true } | { ok: false; code: 'takedowns.invalid_transition' | 'takedowns.removal_unconfirmed' | 'takedowns.confirmation_required' };

export function checkTransition(from: CaseStatus, to: CaseStatus, proof: TransitionProof): TransitionCheck {
  if (!TRANSITIONS[from].includes(to)) return { ok: false, code: 'takedowns.invalid_transition' };
  // A case closed as removed must rest on something: a re-check that saw the page gone, or the person's word.
  if (to === 'removed' && !proof.recheckShowsRemoved && !proof.confirmed) return { ok: false, code: 'takedowns.removal_unconfirmed' };
  // Marking a notice as sent by hand starts legal deadlines; the person must say they really sent it.
  if (to === 'takedown_sent' && !proof.confirmed) return { ok: false, code: 'takedowns.confirmation_required' };
  return { ok: true };
}

export interface DeadlineSettings {
  defaultResponseDays: number;
  firstRecheckHours: number;
  recheckIntervalHours: number;
}

export interface CaseDeadline {
  /** The earliest deadline: when the first of the cited laws has been ignored. */
  dueAt: Date;
  basis: BasisId;
  perBasis: Partial<Record<BasisId, Date>>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Deadline of a notice sent at `sentAt`: 48 hours under TAKE IT DOWN, one month under the GDPR, and the
 * configured default where the law only says "without undue delay".
 */
export function caseDeadline(bases: readonly BasisId[], sentAt: Date, defaultResponseDays: number): CaseDeadline | null {
  const perBasis: Partial<Record<BasisId, Date>> = {};
  let earliest: { basis: BasisId; at: Date } | null = null;
  for (const basis of bases) {
    const at = deadlineDueAt(LEGAL_BASES[basis].deadline, sentAt) ?? new Date(sentAt.getTime() + defaultResponseDays * DAY);
    perBasis[basis] = at;
    if (!earliest || at.getTime() < earliest.at.getTime()) earliest = { basis, at };
  }
  return earliest ? { dueAt: earliest.at, basis: earliest.basis, perBasis } : null;
}

export function firstRecheckAt(sentAt: Date, settings: Pick<DeadlineSettings, 'firstRecheckHours'>): Date {
  return new Date(sentAt.getTime() + settings.firstRecheckHours * HOUR);
}

/** Next re-check after one at `checkedAt`, never in the past of `now` (a worker that was down does not pile them up). */
export function nextRecheckAfter(checkedAt: Date, now: Date, settings: Pick<DeadlineSettings, 'recheckIntervalHours'>): Date {
  const next = checkedAt.getTime() + settings.recheckIntervalHours * HOUR;
  return new Date(Math.max(next, now.getTime() + HOUR));
}

/** A reminder is due when the deadline is within the window and has not passed yet. */
export function reminderDue(deadlineAt: Date | null, now: Date, reminderHours: number): boolean {
  if (!deadlineAt) return false;
  const left = deadlineAt.getTime() - now.getTime();
  return left > 0 && left <= reminderHours * HOUR;
}

/**
 * The escalation ladder: the site, then its hosting provider, the registrar or CDN, search-engine
 * delisting, a helpline or regulator, and last a police complaint. `escalation_level` is the position
 * of the current draft's audience on this ladder, so a skipped step still moves the level on.
 */
export const ESCALATION_LADDER: readonly Audience[] = AUDIENCES;

export function audienceAtLevel(level: number): Audience {
  return ESCALATION_LADDER[Math.max(0, Math.min(level, ESCALATION_LADDER.length - 1))] ?? 'site';
}

export function nextEscalationLevels(level: number): number[] {
  const out: number[] = [];
  for (let l = level + 1; l < ESCALATION_LADDER.length; l++) out.push(l);
  return out;
}

export interface SenderIdentity {
  name: string;
  /** Null until a reply address is set: notices are drafted with its placeholder and it is asked for on sending. */
  email: string | null;
  onBehalfOf: string | null;
  useLegalName: boolean;
}

/**
 * Who signs: the configured sender name, else the person's label (their chosen name or pseudonym).
 * The legal name is only ever chosen by `useLegalName`, which the drafting applies.
 */
export function senderIdentity(
  settings: { name: string | null; email: string | null; onBehalfOf: string | null; useLegalName: boolean },
  person: { label: string | null },
): { ok: true; sender: SenderIdentity } | { ok: false; code: 'takedowns.sender_not_configured' } {
  const name = settings.name?.trim() || person.label?.trim() || '';
  const email = settings.email?.trim() || null;
  if (!name) return { ok: false, code: 'takedowns.sender_not_configured' };
  return { ok: true, sender: { name, email, onBehalfOf: settings.onBehalfOf, useLegalName: settings.useLegalName } };
}

export interface EvidenceItem {
  capturedAt: Date;
  outcome: string;
  screenshotSha256: string | null;
}

const ANNEX: Record<DraftLanguage, { title: string; captured: string; screenshot: string; none: string }> = {
  en: { title: 'Evidence pack (reference {ref})', captured: 'page captured', screenshot: 'screenshot SHA-256', none: 'Screenshots and copies of the page are kept with their SHA-256 hashes and can be handed over.' },
  nl: { title: 'Bewijsmap (referentie {ref})', captured: 'pagina vastgelegd', screenshot: 'schermafbeelding SHA-256', none: 'Schermafbeeldingen en kopieën van de pagina worden bewaard met hun SHA-256-hashes en kunnen worden overhandigd.' },
  fr: { title: 'Dossier de preuves (référence {ref})', captured: 'page enregistrée', screenshot: "capture d'écran SHA-256", none: "Les captures d'écran et copies de la page sont conservées avec leurs empreintes SHA-256 et peuvent être remises." },
  de: { title: 'Beweismappe (Aktenzeichen {ref})', captured: 'Seite gesichert', screenshot: 'Bildschirmfoto SHA-256', none: 'Bildschirmfotos und Kopien der Seite sind mit ihren SHA-256-Prüfsummen gesichert und können übergeben werden.' },
};

/** The annex a police complaint carries: when the page was captured and the hashes that prove the files. */
export function evidenceAnnex(language: DraftLanguage, reference: string, items: readonly EvidenceItem[]): string {
  const t = ANNEX[language];
  const lines = [t.title.replace('{ref}', reference)];
  const captured = items.filter((i) => i.outcome === 'captured' || i.outcome === 'still_up');
  if (captured.length === 0) lines.push(t.none);
  for (const item of captured.slice(0, 20)) {
    const when = `${item.capturedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    lines.push(`- ${when}: ${t.captured}${item.screenshotSha256 ? `, ${t.screenshot} ${item.screenshotSha256}` : ''}`);
  }
  return lines.join('\n');
}

export function copyText(subject: string, body: string): string {
  return `${subject}\n\n${body}`;
}
