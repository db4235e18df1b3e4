/**
 * The one HTML escaper: dashboard views, the evidence report, alert emails, takedown previews and the simulated
 * web all use it, because every one of them interpolates text written by the pages being scanned.
 *
 * Safe in element content and in attribute values. Templates always quote attributes; the backtick is escaped
 * as well because old HTML parsers treated it as an attribute quote, so a value that ever lands in an unquoted
 * or backtick-delimited attribute still cannot close it.
 */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value ?? '');
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}
