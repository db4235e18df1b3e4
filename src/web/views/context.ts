import type { UiLanguage } from '../../config/accounts.settings.ts';
import type { Actor } from '../../modules/accounts/accounts.models.ts';
import type { SandboxState } from '../../browser/sandbox.models.ts';
import { html, type SafeHtml } from './html.ts';
import { t as translate, type MessageKey } from './i18n/index.ts';
import { createKeptDateFormats, unknownTimeZone } from '../../shared/kept-date-formats.models.ts';

/** What every page needs to render: language, who is looking, the CSRF token for its forms. */
export interface ViewContext {
  lang: UiLanguage;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  actor: Actor | null;
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

// The page's zone comes from validated settings (or is UTC); an unknown one is refused, as Intl itself refuses it.
const formatters = createKeptDateFormats();
const formatter = (ctx: ViewContext, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat =>
  formatters(`${ctx.lang}|${ctx.timeZone}|${key}`, ctx.lang, () => ({ ...options, timeZone: ctx.timeZone })) ?? unknownTimeZone(ctx.timeZone);

const nowYears = new WeakMap<ViewContext, string>();

/** This year in the reader's zone: a list formats fifty dates against the same "now", so once per page. */
function thisYearOf(ctx: ViewContext): string {
  let year = nowYears.get(ctx);
  if (year === undefined) nowYears.set(ctx, (year = formatter(ctx, { year: 'numeric' }, 'y').format(ctx.now)));
  return year;
}

/** What dates on a page depend on besides the instant: a fragment with dates is kept under this key. */
export const datesKey = (ctx: ViewContext): string => `${ctx.lang}|${ctx.timeZone}|${thisYearOf(ctx)}`;

// Formatted dates by kind, language, zone, this year and instant: a kept list or overview shows the same dates
// to every request, and Intl formatting was the largest part of rendering them. Bounded: emptied when full.
const formattedDates = new Map<string, string | SafeHtml>();
const FORMATTED_DATES_KEPT = 20_000;
function keptFormat<T extends string | SafeHtml>(ctx: ViewContext, kind: string, instant: number, make: () => T): T {
  const key = `${kind}|${datesKey(ctx)}|${instant}`;
  let text = formattedDates.get(key) as T | undefined;
  if (text === undefined) {
    text = make();
    if (formattedDates.size >= FORMATTED_DATES_KEPT) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

/** Date and time; the year only when it is not this year's (shorter lines on phones). */
export function formatDateTime(ctx: ViewContext, value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = new Date(value);
  return keptFormat(ctx, 'dt', date.getTime(), () => formatter(ctx, { year: 'numeric' }, 'y').format(date) === thisYearOf(ctx)
    ? formatter(ctx, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, 'dt-short').format(date)
    : formatter(ctx, { dateStyle: 'medium', timeStyle: 'short' }, 'dt').format(date));
}

export function formatDate(ctx: ViewContext, value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = new Date(value);
  return keptFormat(ctx, 'd', date.getTime(), () => formatter(ctx, { dateStyle: 'medium' }, 'd').format(date));
}

/** A <time> element: the machine-readable value plus the localised text. */
export function timeTag(ctx: ViewContext, value: Date | null | undefined): SafeHtml {
  if (!value) return html`<span class="muted">—</span>`;
  const date = new Date(value);
  return keptFormat(ctx, 'time', date.getTime(), () => html`<time datetime="${date.toISOString()}">${formatDateTime(ctx, date)}</time>`);
}
