import { html, type SafeHtml } from './html.ts';
import type { ViewContext } from './context.ts';
import { label, notice } from './components.ts';

/**
 * The operator's warning when pages are visited without Chromium's sandbox, or not at all because it
 * cannot start. Only administrators see it: they are the ones who can change the host, and a person
 * looking at their own exposures should not be alarmed by something they cannot act on.
 */
export function sandboxBanner(ctx: ViewContext): SafeHtml {
  if (ctx.actor?.role !== 'admin') return html``;
  if (ctx.browserSandbox === 'off') return notice('warn', ctx.t('sandbox.offBanner'));
  if (ctx.browserSandbox === 'unavailable') return notice('error', ctx.t('sandbox.unavailableBanner'));
  return html``;
}

/** The state as a badge, for the settings page. */
export function sandboxStateBadge(ctx: ViewContext): SafeHtml {
  const state = ctx.browserSandbox ?? 'on';
  const tone = state === 'on' ? 'st-ok' : state === 'remote (not known)' ? 'st-none' : 'st-failed';
  return html`<span class="badge ${tone}">${label(ctx, `sandbox.state.${state}`, state)}</span>`;
}
