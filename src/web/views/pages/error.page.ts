import { html, type SafeHtml } from '../html.ts';
import type { ViewContext } from '../context.ts';
import { layout } from '../layout.ts';
import { notice } from '../components.ts';

/** The page for a refused or failed request: the stable code is shown so that support can look it up. */
export function renderErrorView(ctx: ViewContext, error: { status: number; code: string; message: string }): SafeHtml {
  const title = error.status === 404 ? ctx.t('error.title404') : error.status === 403 ? ctx.t('error.title403') : error.status >= 500 ? ctx.t('error.title500') : ctx.t('error.title');
  return layout(ctx, {
    title,
    bare: !ctx.actor,
    body: html`${notice('error', html`<p>${error.message}</p><p class="muted small">${ctx.t('error.code')}: <code>${error.code}</code></p>`)}
<p><a class="button" href="${ctx.actor ? '/overview' : '/login'}">${ctx.actor ? ctx.t('error.backToOverview') : ctx.t('login.title')}</a></p>`,
  });
}
