import { UI_LANGUAGES } from '../../config/accounts.settings.ts';
import { html, withQuery, type SafeHtml } from './html.ts';
import { csrfField, type ViewContext } from './context.ts';
import { LANGUAGE_NAMES, type MessageKey } from './i18n/index.ts';

export type NavKey = 'overview' | 'people' | 'exposures' | 'scans' | 'settings' | 'organisations' | 'account' | 'docs' | 'none';

export interface PageOptions {
  title: string;
  active?: NavKey;
  body: SafeHtml;
  /** Extra elements for <head> (a <noscript> refresh on a running scan). */
  head?: SafeHtml;
  /** Pages without navigation: login, setup, errors before login. */
  bare?: boolean;
  /** A short line under the heading. */
  lead?: SafeHtml | string;
}

function navigation(ctx: ViewContext, active: NavKey): SafeHtml {
  const actor = ctx.actor;
  if (!actor) return html``;
  const items: [NavKey, string, MessageKey][] = [['overview', '/overview', 'nav.overview']];
  if (actor.role === 'person') {
    if (ctx.ownPersonId) items.push(['people', `/people/${encodeURIComponent(ctx.ownPersonId)}`, 'nav.myProfile']);
  } else {
    items.push(['people', '/people', 'nav.people']);
  }
  items.push(['exposures', '/exposures', 'nav.exposures'], ['scans', '/scans', 'nav.scans']);
  if (actor.role === 'admin') items.push(['settings', '/settings', 'nav.settings']);
  if (ctx.operator) items.push(['organisations', '/operator/organisations', 'nav.organisations']);
  items.push(['account', '/account', 'nav.account']);
  return html`<nav class="mainnav" aria-label="${ctx.t('nav.label')}">
  <ul>
    ${items.map(([key, href, text]) => html`<li><a href="${href}"${key === active ? html` aria-current="page"` : ''}>${ctx.t(text)}</a></li>`)}
    <li><form method="post" action="/logout" class="logout-form">${csrfField(ctx)}<button type="submit" class="linklike">${ctx.t('nav.logout')}</button></form></li>
  </ul>
</nav>`;
}

function languageSwitcher(ctx: ViewContext): SafeHtml {
  return html`<nav class="langs" aria-label="${ctx.t('nav.language')}">
  <ul>
    ${UI_LANGUAGES.map((lang) => html`<li><a href="${withQuery(ctx.path, { ...ctx.query, lang, done: null })}" lang="${lang}" hreflang="${lang}"${lang === ctx.lang ? html` aria-current="true"` : ''}>${lang.toUpperCase()}<span class="visually-hidden"> ${LANGUAGE_NAMES[lang]}</span></a></li>`)}
  </ul>
</nav>`;
}

/**
 * The shared page: skip link, the always-visible quick exit (a plain link that works without script; the
 * static script also replaces the history entry and listens for Escape pressed three times), navigation,
 * language switch. No inline script or style: the Content Security Policy forbids both.
 */
export function layout(ctx: ViewContext, page: PageOptions): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
${ctx.csrf ? html`<meta name="csrf-token" content="${ctx.csrf}">` : ''}
<title>${page.title} · ${ctx.t('app.name')}</title>
<link rel="stylesheet" href="${ctx.assets.css}">
<script src="${ctx.assets.js}" defer></script>
${page.head ?? ''}
</head>
<body>
<a class="skip-link" href="#main">${ctx.t('nav.skip')}</a>
<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="${ctx.actor ? '/overview' : '/login'}">${ctx.t('app.name')}</a>
    <a class="quick-exit" id="quick-exit" href="${ctx.quickExitUrl}" rel="noreferrer" data-quick-exit="1">${ctx.t('quickExit.label')}<span class="visually-hidden"> ${ctx.t('quickExit.hint')}</span></a>
  </div>
</header>
<div class="navbar"><div class="navbar-inner">
  ${page.bare ? '' : navigation(ctx, page.active ?? 'none')}
  ${languageSwitcher(ctx)}
</div></div>
<main id="main" tabindex="-1">
  <h1>${page.title}</h1>
  ${page.lead ? html`<p class="lead">${page.lead}</p>` : ''}
  ${page.body}
</main>
<footer class="footer">
  <p>${ctx.t('quickExit.footer')}</p>
  ${ctx.actor ? html`<p><a href="/api/docs">${ctx.t('nav.apiDocs')}</a></p>` : ''}
</footer>
</body>
</html>
`;
}
