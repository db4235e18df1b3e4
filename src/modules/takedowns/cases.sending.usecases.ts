import { AppError, createErrorFactory } from '../../shared/errors.ts';
import { isPlausibleEmail } from './contact-discovery.parser.ts';
import { isDraftLanguage } from './language.models.ts';
import { bundledPlatformCatalogue, type PlatformCatalogue } from './platforms.models.ts';
import { buildMailto, type MailtoLink } from './cases.mailto.models.ts';
import { checkTransition, type CaseRecipient } from './cases.models.ts';
import type { CaseRow } from './cases.repository.ts';
import { fillPlaceholders, placeholdersIn } from './draft-placeholders.models.ts';
import { createCaseChangedError, personContext, requireCase, sentPatch, transitionError, type TakedownDeps } from './cases.usecases.ts';

export const createConfirmationRequiredError = createErrorFactory({ code: 'takedowns.confirmation_required', message: 'Sending needs your confirmation: send {"confirm": true}.', statusCode: 400 });
export const createNoDraftError = createErrorFactory({ code: 'takedowns.no_draft', message: 'This case has no drafted text yet: draft it again.', statusCode: 409 });
export const createNoRecipientError = createErrorFactory({ code: 'takedowns.no_recipient', message: 'No recipient was found for this page; find the site’s contact or escalate to its host.', statusCode: 409 });
export const createSenderNotConfiguredError = createErrorFactory({ code: 'takedowns.sender_not_configured', message: 'Give the reply address for this notice (or set the sender address in the settings) to send it.', statusCode: 409 });
export const createInvalidReplyAddressError = createErrorFactory({ code: 'takedowns.invalid_reply_address', message: 'The reply address is not a valid email address.', statusCode: 400 });
export const createMailNotConfiguredError = createErrorFactory({ code: 'takedowns.mail_not_configured', message: 'No mail server is configured; copy the text or open it as an email link instead.', statusCode: 409 });
export const createSendFailedError = createErrorFactory({ code: 'takedowns.send_failed', message: 'The mail server did not accept the notice.', statusCode: 502 });

export interface FormDetails {
  formUrl: string;
  label: string | null;
  steps: string[];
  asks: string[];
  verify: boolean;
}

/** What the catalogue says about a reporting form: its steps and what it asks for. */
export function formDetails(recipient: CaseRecipient, catalogue: PlatformCatalogue = bundledPlatformCatalogue()): FormDetails | null {
  if (recipient.kind !== 'form' || !recipient.formUrl) return null;
  for (const platform of catalogue.platforms) {
    const channel = platform.channels.find((c) => c.kind === 'form' && c.formUrl === recipient.formUrl);
    if (channel) return { formUrl: recipient.formUrl, label: `${platform.label}: ${channel.label}`, steps: [...channel.steps], asks: [...channel.asks], verify: channel.verify === true || platform.verify === true };
  }
  return { formUrl: recipient.formUrl, label: null, steps: [], asks: [], verify: recipient.verify === true };
}

/** Forms and named bodies cannot be emailed: the error carries the form and its steps, or the body's name. */
function emailRecipient(row: CaseRow, catalogue: PlatformCatalogue | undefined): string {
  const recipient = row.recipient as CaseRecipient | null;
  if (!recipient) throw createNoRecipientError();
  if (recipient.kind === 'form') {
    throw new AppError({
      code: 'takedowns.recipient_is_form',
      message: 'This recipient takes reports through a web form, not by email: open the form and follow the steps.',
      statusCode: 409,
      details: { form: formDetails(recipient, catalogue) },
    });
  }
  if (recipient.kind === 'named' || !recipient.address) {
    throw new AppError({ code: 'takedowns.recipient_not_emailable', message: 'There is no email address for this recipient; contact them directly with the drafted text.', statusCode: 409, details: { name: recipient.name ?? null } });
  }
  // Addresses come from hostile pages and RDAP answers: one plain address, nothing a mail header could split.
  if (!isPlausibleEmail(recipient.address) || /[\s,;<>]/.test(recipient.address)) throw createNoRecipientError();
  return recipient.address;
}

export async function mailtoForCase(deps: TakedownDeps, caseId: string, maxLength?: number): Promise<MailtoLink & { to: string }> {
  const row = await requireCase(deps, caseId);
  const to = emailRecipient(row, deps.catalogue);
  if (!row.draftSubject || !row.draftBody) throw createNoDraftError();
  const known = deps.settings.sender.email ? { replyAddress: deps.settings.sender.email } : {};
  const link = buildMailto({ to, subject: fillPlaceholders(row.draftSubject, known), body: fillPlaceholders(row.draftBody, known), language: isDraftLanguage(row.language) ? row.language : 'en', ...(maxLength ? { maxLength } : {}) });
  if (!link) throw createNoRecipientError();
  return { ...link, to };
}

/**
 * Sends the current draft through the configured mail server, only on the person's explicit confirmation.
 * The attempt is recorded either way; a successful send moves the case to takedown_sent with its deadlines.
 */
export async function sendCase(deps: TakedownDeps, caseId: string, args: { confirm?: unknown; replyAddress?: string | null }): Promise<{ case: CaseRow; messageId: string | null }> {
  if (args.confirm !== true) throw createConfirmationRequiredError();
  const row = await requireCase(deps, caseId);
  const check = checkTransition(row.status, 'takedown_sent', { confirmed: true, recheckShowsRemoved: false });
  if (!check.ok) throw transitionError(check.code, { from: row.status, to: 'takedown_sent' });
  const to = emailRecipient(row, deps.catalogue);
  if (!row.draftSubject || !row.draftBody) throw createNoDraftError();
  const hit = await deps.hits.get(row.hitId);
  const sender = hit ? (await personContext(deps, hit.personId)).sender : null;
  // The address typed on the send step wins over the configured one: the person chose it for this notice.
  const typed = args.replyAddress?.trim() ?? '';
  if (typed && (!isPlausibleEmail(typed) || /[\s,;<>]/.test(typed))) throw createInvalidReplyAddressError();
  const replyAddress = (typed || sender?.email || '').toLowerCase();
  if (!replyAddress || !sender) throw createSenderNotConfiguredError();
  if (!deps.sendMail) throw createMailNotConfiguredError();
  // What is sent is the draft with its gaps filled; a placeholder left (a name) stops the send rather than go out.
  const subject = fillPlaceholders(row.draftSubject, { replyAddress, senderName: sender.name });
  const body = fillPlaceholders(row.draftBody, { replyAddress, senderName: sender.name });
  if (placeholdersIn(body).length > 0 || placeholdersIn(subject).length > 0) throw createSenderNotConfiguredError();

  let messageId: string | null = null;
  try {
    const info = await deps.sendMail({ from: { name: sender.name, address: replyAddress }, to, subject, text: body, replyTo: replyAddress });
    messageId = typeof info.messageId === 'string' ? info.messageId.slice(0, 300) : null;
  } catch (error) {
    // The SMTP reply code says what went wrong without quoting anything personal.
    const responseCode = (error as { responseCode?: unknown }).responseCode;
    await deps.cases.addEvent(row.id, { kind: 'send_failed', actor: 'person', detail: { channel: 'smtp', responseCode: typeof responseCode === 'number' ? responseCode : null } });
    deps.logger.warn({ caseId: row.id, responseCode }, 'takedown notice could not be sent');
    throw createSendFailedError({ cause: error });
  }

  const now = deps.clock.now();
  const sent = sentPatch(deps, row, now, { channel: 'smtp', to, messageId });
  // The case keeps the text as it went out, so the timeline and a later copy show what the site received.
  const updated = await deps.cases.update(row.id, row.status, { ...sent.patch, draftSubject: subject, draftBody: body }, [sent.event]);
  if (!updated) {
    // The mail is out whatever happened to the case meanwhile: the timeline must still say so.
    await deps.cases.addEvent(row.id, sent.event);
    throw createCaseChangedError();
  }
  deps.logger.info({ caseId: row.id }, 'takedown notice sent');
  return { case: updated, messageId };
}
