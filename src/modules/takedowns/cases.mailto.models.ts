import type { DraftLanguage } from './language.models.ts';

/**
 * Mail programs and operating systems cut long `mailto:` links (Windows hands at most 2,048 characters
 * to the mail client; some web mail less), and a cut in the middle of `%E2%82` makes the whole body
 * unreadable. Links are kept under this length, cut only between whole characters.
 */
export const DEFAULT_MAILTO_MAX_LENGTH = 1900;

const TRUNCATION_NOTE: Record<DraftLanguage, string> = {
  en: '[The text was shortened to fit in an email link. Copy the full text from Exposure Scanner and paste it here.]',
  nl: '[De tekst is ingekort om in een e-maillink te passen. Kopieer de volledige tekst uit Exposure Scanner en plak hem hier.]',
  fr: "[Le texte a été raccourci pour tenir dans un lien e-mail. Copiez le texte complet depuis Exposure Scanner et collez-le ici.]",
  de: '[Der Text wurde gekürzt, damit er in einen E-Mail-Link passt. Kopieren Sie den vollständigen Text aus Exposure Scanner und fügen Sie ihn hier ein.]',
};

/**
 * RFC 6068 `hfvalue` encoding: UTF-8 percent-encoding of everything outside unreserved and the few
 * delimiters allowed in a query, and line breaks as CRLF (`%0D%0A`), as the RFC requires for bodies.
 * `encodeURIComponent` leaves only `A-Z a-z 0-9 - _ . ! ~ * ' ( )`, all of which RFC 6068 allows.
 */
export function encodeMailtoValue(text: string): string {
  return encodeURIComponent(text.replace(/\r\n|\r|\n/g, '\r\n'));
}

/** `addr-spec` of the `to` part: the local part is encoded, the `@` kept. Null when it is not a single address. */
export function encodeMailtoAddress(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || /[\s,;<>"\u0000-\u001f]/.test(address)) return null;
  return `${encodeURIComponent(address.slice(0, at))}@${encodeURIComponent(address.slice(at + 1))}`;
}

export interface MailtoLink {
  href: string;
  truncated: boolean;
  /** Characters of the body kept (of `bodyLength`). */
  keptChars: number;
  bodyLength: number;
}

/**
 * The longest prefix of `body` whose encoding fits `budget` characters, cut between code points and,
 * when a line break or space is near, there rather than inside a word.
 */
function fittingPrefix(body: string, budget: number): string {
  const points = Array.from(body.replace(/\r\n|\r/g, '\n'));
  let used = 0;
  let end = 0;
  for (; end < points.length; end++) {
    const cost = encodeMailtoValue(points[end]!).length;
    if (used + cost > budget) break;
    used += cost;
  }
  const kept = points.slice(0, end).join('');
  const soft = Math.max(kept.lastIndexOf('\n'), kept.lastIndexOf(' '));
  // Only back off to a word or line boundary when it costs little of the text.
  return soft > 0 && kept.length - soft < 200 ? kept.slice(0, soft) : kept;
}

export function buildMailto(args: { to: string; subject: string; body: string; language: DraftLanguage; maxLength?: number }): MailtoLink | null {
  const to = encodeMailtoAddress(args.to);
  if (!to) return null;
  const max = args.maxLength ?? DEFAULT_MAILTO_MAX_LENGTH;
  const head = `mailto:${to}?subject=${encodeMailtoValue(args.subject)}&body=`;
  const full = head + encodeMailtoValue(args.body);
  if (full.length <= max) return { href: full, truncated: false, keptChars: args.body.length, bodyLength: args.body.length };

  const note = `\n\n${TRUNCATION_NOTE[args.language]}`;
  const budget = max - head.length - encodeMailtoValue(note).length;
  const kept = budget > 0 ? fittingPrefix(args.body, budget) : '';
  return { href: head + encodeMailtoValue(kept.trimEnd() + note), truncated: true, keptChars: kept.trimEnd().length, bodyLength: args.body.length };
}
