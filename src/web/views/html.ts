import { escapeHtml } from '../../shared/html-escape.models.ts';

/**
 * The only way pages are built: a tagged template that escapes every interpolated value, so text from
 * scanned pages (titles, snippets, URLs, file names) can only ever appear as text. `raw()` marks a
 * fragment that was itself built by `html` (or is a constant); it is never given outside data.
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** For constants and already-built fragments only (the inline SVG chart, joined lists). */
export const raw = (value: string): SafeHtml => new SafeHtml(value);

/**
 * A URL from a scanned page may become a link only when it is plain http(s) without credentials;
 * anything else (javascript:, data:, vbscript:, odd schemes) is shown as text and never linked.
 */
export function safeExternalHref(url: string | null | undefined): string | null {
  if (!url) return null;
  // Control characters and whitespace inside a scheme are how `java\tscript:` slips past naive checks.
  if (/[\u0000-\u0020\u007f]/.test(url.trim())) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    if (parsed.username || parsed.password) return null;
    return parsed.href;
  } catch {
    return null;
  }
}

/** An outside link: opened without a referrer or opener, and marked as not endorsed. The URL is shown as text beside it. */
export function externalLink(url: string | null | undefined, text?: string): SafeHtml {
  const href = safeExternalHref(url);
  const label = text ?? url ?? '';
  if (!href) return html`<span class="url">${label}</span>`;
  return html`<a class="url" href="${href}" rel="noopener noreferrer nofollow" target="_blank">${label}</a>`;
}

/** Query strings for links inside the dashboard. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
