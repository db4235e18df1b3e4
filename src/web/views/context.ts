import type { UiLanguage } from '../../config/accounts.settings.ts';
import type { Actor } from '../../modules/accounts/accounts.models.ts';
import type { SandboxState } from '../../browser/sandbox.models.ts';
import { html, type SafeHtml } from './html.ts';
import { t as translate, type MessageKey } from './i18n/index.ts';

/** What every page needs to render: language, who is looking, the CSRF token for its forms. */
export interface ViewContext {
  lang: UiLanguage;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  actor: Actor | null;
  accountName: string | null;
  /** The session's CSRF token for forms, or the pre-session token on the login and setup pages. */
  csrf: string | null;
  quickExitUrl: string;
  /** The path of this page (no query), for the language links. */
  path: string;
  query: Record<string, string>;
  timeZone: string;
  assets: { css: string; js: string };
  now: Date;
  /** The person an account of role `person` is, for the navigation. */
  ownPersonId: string | null;
  /** Whether the scanner's browser runs in its sandbox, for the operator's warning banner. */
  browserSandbox?: SandboxState;
  /** The viewer runs the installation (an administrator of the first organisation): shows the organisations page. */
  operator?: boolean;
}

export function createViewContext(args: Omit<ViewContext, 't'>): ViewContext {
  return { ...args, t: (key, vars) => translate(args.lang, key, vars) };
}

export const csrfField = (ctx: ViewContext): SafeHtml => html`<input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}">`;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(ctx: ViewContext, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const id = `${ctx.lang}|${ctx.timeZone}|${key}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(ctx.lang, { ...options, timeZone: ctx.timeZone });
    formatters.set(id, f);
  }
  return f;
}

const nowYears = new WeakMap<ViewContext, string>();
// Formatted dates by language, zone, this year and instant: a kept list shows the same fifty dates to every
// request, and Intl formatting was the largest part of rendering it. Bounded: emptied when full.
const formattedDates = new Map<string, string>();
const FORMATTED_DATES_KEPT = 20_000;

/** Date and time; the year only when it is not this year's (shorter lines on phones). */
export function formatDateTime(ctx: ViewContext, value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = new Date(value);
  // A list formats fifty dates against the same "now": its year is worked out once per page.
  let thisYear = nowYears.get(ctx);
  if (thisYear === undefined) nowYears.set(ctx, (thisYear = formatter(ctx, { year: 'numeric' }, 'y').format(ctx.now)));
  const key = `${ctx.lang}|${ctx.timeZone}|${thisYear}|${date.getTime()}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const sameYear = formatter(ctx, { year: 'numeric' }, 'y').format(date) === thisYear;
    text = sameYear
      ? formatter(ctx, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, 'dt-short').format(date)
      : formatter(ctx, { dateStyle: 'medium', timeStyle: 'short' }, 'dt').format(date);
    if (formattedDates.size >= FORMATTED_DATES_KEPT) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

export function formatDate(ctx: ViewContext, value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return formatter(ctx, { dateStyle: 'medium' }, 'd').format(new Date(value));
}

/** A <time> element: the machine-readable value plus the localised text. */
export function timeTag(ctx: ViewContext, value: Date | null | undefined): SafeHtml {
  if (!value) return html`<span class="muted">—</span>`;
  return html`<time datetime="${new Date(value).toISOString()}">${formatDateTime(ctx, value)}</time>`;
}
