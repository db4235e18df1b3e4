import { escapeHtml } from '../../shared/html-escape.models.ts';

export interface SiteRenderContext {
  /** `http://127.0.0.1:PORT`, for absolute links such as og:image. */
  origin: string;
}

export interface SitePage {
  /** URL path, `/site/<slug>/...`. */
  path: string;
  lang: string;
  render(ctx: SiteRenderContext): string;
  /** False for pages engines do not return (contact pages, imprints). Default true. */
  indexed?: boolean;
  /** What engines "saw" when it differs from the HTML before scripts run (client-side rendered pages). */
  indexTitle?: string;
  indexText?: string;
  date?: string;
  /** Image asset paths the page shows, for the reverse-image engines. */
  images?: string[];
  /** Serve with this content type instead of HTML. */
  contentType?: string;
}

export const h = escapeHtml;

export interface PageShell {
  lang: string;
  title: string;
  head?: string;
  bodyClass?: string;
  header: string;
  main: string;
  footer: string;
}

export function shell(page: PageShell): string {
  return `<!DOCTYPE html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(page.title)}</title>
${page.head ?? ''}
</head>
<body${page.bodyClass ? ` class="${page.bodyClass}"` : ''}>
<header>${page.header}</header>
<main>${page.main}</main>
<footer>${page.footer}</footer>
</body>
</html>
`;
}
