import { html, raw, type SafeHtml } from './html.ts';
import type { ViewContext } from './context.ts';
import { isMessageKey, type MessageKey } from './i18n/index.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const HIT_STATUSES = ['new', 'seen', 'false_positive', 'resolved'] as const;
export const CATEGORIES = ['home_address', 'phone', 'email', 'identity_document', 'financial', 'live_location', 'intimate_media', 'impersonation'] as const;

/** A key built from data (`severity.high`) is only used when it exists; otherwise the raw value is shown. */
export function label(ctx: ViewContext, key: string, fallback: string): string {
  return isMessageKey(key) ? ctx.t(key) : fallback;
}

export function severityBadge(ctx: ViewContext, severity: string): SafeHtml {
  const known = (SEVERITIES as readonly string[]).includes(severity) ? severity : 'low';
  return html`<span class="badge sev-${known}">${label(ctx, `severity.${severity}`, severity)}</span>`;
}

export function statusBadge(ctx: ViewContext, prefix: 'hitStatus' | 'scanStatus' | 'caseStatus' | 'engineState', status: string): SafeHtml {
  const safeClass = status.replace(/[^a-z_]/g, '');
  return html`<span class="badge st-${safeClass}">${label(ctx, `${prefix}.${status}`, status)}</span>`;
}

export function categoryList(ctx: ViewContext, categories: readonly string[]): SafeHtml {
  if (categories.length === 0) return html`<span class="muted">—</span>`;
  return html`<ul class="tags">${categories.map((c) => html`<li>${label(ctx, `category.${c}`, c)}</li>`)}</ul>`;
}

export function emptyState(text: string, action?: SafeHtml): SafeHtml {
  return html`<div class="empty"><p>${text}</p>${action ?? ''}</div>`;
}

export function notice(kind: 'error' | 'ok' | 'info' | 'warn', content: SafeHtml | string): SafeHtml {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class="notice notice-${kind}" role="${role}">${content}</div>`;
}

/** The message for a finished form action (`?done=key`), only from the known keys. */
export function doneNotice(ctx: ViewContext): SafeHtml {
  const key = `done.${ctx.query.done ?? ''}`;
  return ctx.query.done && isMessageKey(key) ? notice('ok', ctx.t(key as MessageKey)) : html``;
}

export interface FieldOptions {
  name: string;
  label: string;
  type?: string;
  value?: string | null;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  error?: string | null;
  attrs?: SafeHtml;
}

/** A labelled input with its hint and error tied to it for screen readers. */
export function field(o: FieldOptions): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' has-error' : ''}">
  <label for="${id}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="error-text" id="${id}-error">${o.error}</p>` : ''}
  <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${o.required ? raw(' required') : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${o.error ? raw(' aria-invalid="true"') : ''}${o.attrs ?? ''}>
</div>`;
}

export function selectField(o: { name: string; label: string; options: { value: string; label: string }[]; value?: string | null; hint?: string; includeEmpty?: string }): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field">
  <label for="${id}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  <select id="${id}" name="${o.name}"${o.hint ? html` aria-describedby="${id}-hint"` : ''}>
    ${o.includeEmpty !== undefined ? html`<option value="">${o.includeEmpty}</option>` : ''}
    ${o.options.map((opt) => html`<option value="${opt.value}"${opt.value === o.value ? raw(' selected') : ''}>${opt.label}</option>`)}
  </select>
</div>`;
}

export function textareaField(o: { name: string; label: string; value?: string | null; hint?: string; rows?: number; readonly?: boolean; error?: string | null; id?: string; required?: boolean }): SafeHtml {
  const id = o.id ?? `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' has-error' : ''}">
  <label for="${id}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="error-text" id="${id}-error">${o.error}</p>` : ''}
  <textarea id="${id}" name="${o.name}" rows="${o.rows ?? 8}"${o.readonly ? raw(' readonly') : ''}${o.required ? raw(' required') : ''}${described ? html` aria-describedby="${described}"` : ''} spellcheck="false">${o.value ?? ''}</textarea>
</div>`;
}

/** A definition list of label/value rows. */
export function facts(rows: [string, SafeHtml | string | number | null][]): SafeHtml {
  return html`<dl class="facts">${rows.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v === null || v === '' ? html`<span class="muted">—</span>` : v}</dd></div>`)}</dl>`;
}

export const shortHash = (hash: string | null | undefined, n = 12): string => (hash ? `${hash.slice(0, n)}…` : '—');

/**
 * How an exposure is named in lists. The title of a page about intimate images is itself distressing and
 * readable over a shoulder, so lists show a neutral label; the detail page, opened on purpose, shows it.
 */
export function exposureListTitle(ctx: ViewContext, hit: { title: string | null; host: string; categories: readonly string[] }): string {
  if (hit.categories.includes('intimate_media')) return ctx.t('exposures.hiddenTitle', { host: hit.host });
  return hit.title || hit.host;
}
