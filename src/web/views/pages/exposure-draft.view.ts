import { html, type SafeHtml } from '../html.ts';
import { csrfField, type ViewContext } from '../context.ts';
import type { field as fieldFn } from '../components.ts';
import type { CaseView } from '../../../modules/takedowns/cases.view.ts';
import { splitAtPlaceholders } from '../../../modules/takedowns/draft-placeholders.models.ts';

/**
 * The drafted notice as the person reads it, with every gap ([your reply address]) highlighted, and the
 * same text in a read-only box the copy button takes it from. A gap is filled on the send step, or by
 * the person after copying; it is never a reason to show no draft at all.
 */
export function draftView(ctx: ViewContext, c: CaseView, mailto: { href: string; truncated: boolean } | null): SafeHtml {
  const text = c.copyText ?? '';
  return html`<div class="draft">
    <p class="draft-label" id="draft-heading">${ctx.t('exposure.draft')}</p>
    ${c.placeholders.length > 0 ? html`<p class="notice notice-warn placeholder-note">${ctx.t('exposure.placeholderNote')}</p>` : ''}
    <div class="draft-view" tabindex="0" role="region" aria-labelledby="draft-heading">${splitAtPlaceholders(text).map((part) => (part.placeholder ? html`<mark class="placeholder" data-placeholder="${part.placeholder}">${part.text}</mark>` : part.text))}</div>
    <textarea id="draft-text" rows="14" readonly spellcheck="false" class="visually-hidden" tabindex="-1" aria-hidden="true">${text}</textarea>
    <div class="toolbar">
      <button type="button" class="button js-only" hidden data-copy-target="draft-text" data-copied-text="${ctx.t('exposure.copied')}">${ctx.t('exposure.copy')}</button>
      ${mailto && mailto.href.startsWith('mailto:') ? html`<a class="button" href="${mailto.href}">${ctx.t('exposure.openMail')}</a>` : ''}
    </div>
    <p class="muted small" aria-live="polite" data-copy-status></p>
    ${mailto?.truncated ? html`<p class="muted small">${ctx.t('exposure.mailtoTruncated')}</p>` : ''}
  </div>`;
}

/**
 * Sending asks for what is still missing at that moment: the reply address, prefilled when one is set.
 * An administrator may keep it as the sender address for every later notice.
 */
export function sendStep(ctx: ViewContext, hitId: string, c: CaseView, o: { senderEmail: string | null; field: typeof fieldFn }): SafeHtml {
  const to = c.recipient?.address ?? '';
  const needsAddress = c.placeholders.includes('replyAddress') || !o.senderEmail;
  return html`<form method="post" action="/exposures/${hitId}/send" class="form send-form">
    ${csrfField(ctx)}
    ${o.field({ name: 'replyAddress', label: ctx.t('exposure.replyAddress'), type: 'email', value: o.senderEmail, hint: ctx.t('exposure.replyAddressHint'), required: needsAddress, autocomplete: 'email' })}
    ${ctx.actor?.role === 'admin' && needsAddress ? html`<div class="check"><input type="checkbox" id="f-saveSender" name="saveSender" value="true"><label for="f-saveSender">${ctx.t('exposure.saveSender')}</label></div>` : ''}
    <div class="check"><input type="checkbox" id="f-confirm" name="confirm" value="true" required><label for="f-confirm">${ctx.t('exposure.sendConfirm', { to })}</label></div>
    <button type="submit" class="button primary">${ctx.t('exposure.send')}</button>
  </form>`;
}
