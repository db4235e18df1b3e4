import { DMCA_WARNING } from './legal-basis.models.ts';
import { isDraftLanguage } from './language.models.ts';
import { hostFigures, type HostFigures } from './cases.stats.models.ts';
import { allowedTransitions, audienceAtLevel, copyText, type CaseRecipient } from './cases.models.ts';
import type { CaseRow } from './cases.repository.ts';
import { formDetails, type FormDetails } from './cases.sending.usecases.ts';
import type { TakedownDeps } from './cases.usecases.ts';
import { fillPlaceholders, placeholdersIn, type DraftPlaceholder } from './draft-placeholders.models.ts';

export interface CaseView {
  id: string;
  hitId: string;
  status: CaseRow['status'];
  allowedTransitions: readonly string[];
  audience: string;
  escalationLevel: number;
  recipient: CaseRecipient | null;
  /** Set when the recipient is a web form: open it and follow these steps, pasting the text. */
  form: FormDetails | null;
  bases: string[];
  language: string;
  subject: string | null;
  body: string | null;
  /** The whole draft, ready to paste. */
  copyText: string | null;
  /** Gaps still marked in the text (`replyAddress`): the send step asks for them. */
  placeholders: DraftPlaceholder[];
  /** Why there is no text yet, as a stable code. */
  draftProblem: string | null;
  /** A separate copyright notice, with the warning that such notices may be published with the sender's name. */
  dmca: { warning: string; subject: string; body: string; bases: string[] } | null;
  sentAt: Date | null;
  deadlineAt: Date | null;
  nextRecheckAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  events: { at: Date; kind: string; actor: string; detail: Record<string, unknown> | null }[];
}

/**
 * A reply address configured after the case was drafted is shown filled in, so the page never says
 * "address missing" while the settings hold one; the stored draft keeps its marker until it is sent.
 */
export async function describeCase(deps: Pick<TakedownDeps, 'cases' | 'catalogue'> & { settings?: Pick<TakedownDeps['settings'], 'sender'> }, row: CaseRow): Promise<CaseView> {
  const events = await deps.cases.events(row.id);
  const recipient = row.recipient as CaseRecipient | null;
  const lastDraftEvent = [...events].reverse().find((e) => e.kind === 'opened' || e.kind === 'redrafted');
  const dmcaEvent = [...events].reverse().find((e) => e.kind === 'dmca_proposed');
  const dmcaDetail = dmcaEvent?.detail as { subject?: string; body?: string; bases?: string[]; warning?: string } | undefined;
  const language = isDraftLanguage(row.language) ? row.language : 'en';
  const known = deps.settings?.sender.email ? { replyAddress: deps.settings.sender.email } : {};
  const subject = row.draftSubject === null ? null : fillPlaceholders(row.draftSubject, known);
  const body = row.draftBody === null ? null : fillPlaceholders(row.draftBody, known);
  return {
    id: row.id,
    hitId: row.hitId,
    status: row.status,
    allowedTransitions: allowedTransitions(row.status),
    audience: audienceAtLevel(row.escalationLevel),
    escalationLevel: row.escalationLevel,
    recipient,
    form: recipient ? formDetails(recipient, deps.catalogue) : null,
    bases: row.bases,
    language: row.language,
    subject,
    body,
    copyText: subject && body ? copyText(subject, body) : null,
    placeholders: placeholdersIn(body),
    draftProblem: row.draftBody ? null : ((lastDraftEvent?.detail?.problem as string | undefined) ?? null),
    dmca: dmcaDetail?.subject && dmcaDetail.body ? { warning: dmcaDetail.warning ?? DMCA_WARNING[language], subject: dmcaDetail.subject, body: dmcaDetail.body, bases: dmcaDetail.bases ?? ['dmca_512c3'] } : null,
    sentAt: row.sentAt,
    deadlineAt: row.deadlineAt,
    nextRecheckAt: row.nextRecheckAt,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    events: events.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor, detail: e.detail ?? null })),
  };
}

export async function takedownStats(deps: Pick<TakedownDeps, 'cases'>): Promise<{ hosts: HostFigures[] }> {
  return { hosts: hostFigures(await deps.cases.statsFacts()) };
}
