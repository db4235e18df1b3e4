import type { DraftLanguage } from './language.models.ts';

/**
 * Pieces of a notice that may not be known when it is drafted. A draft is written at once for every
 * exposure; a missing piece is written as a bracketed marker in the notice's language, so the person can
 * read, copy or send the text straight away and fills the gap (or lets the send step fill it) later.
 */
export const DRAFT_PLACEHOLDERS = ['replyAddress', 'senderName'] as const;
export type DraftPlaceholder = (typeof DRAFT_PLACEHOLDERS)[number];

export const PLACEHOLDER_TEXT: Record<DraftLanguage, Record<DraftPlaceholder, string>> = {
  en: { replyAddress: '[your reply address]', senderName: '[your name]' },
  nl: { replyAddress: '[je antwoordadres]', senderName: '[je naam]' },
  fr: { replyAddress: '[votre adresse de réponse]', senderName: '[votre nom]' },
  de: { replyAddress: '[Ihre Antwortadresse]', senderName: '[Ihr Name]' },
};

/** Which placeholders a text still holds. A notice is re-read in any language, so every language is checked. */
export function placeholdersIn(text: string | null | undefined): DraftPlaceholder[] {
  if (!text) return [];
  return DRAFT_PLACEHOLDERS.filter((p) => Object.values(PLACEHOLDER_TEXT).some((texts) => text.includes(texts[p])));
}

/** Replaces every marker of the given placeholders (in any language) with its value. */
export function fillPlaceholders(text: string, values: Partial<Record<DraftPlaceholder, string>>): string {
  let out = text;
  for (const p of DRAFT_PLACEHOLDERS) {
    const value = values[p];
    if (value === undefined) continue;
    for (const texts of Object.values(PLACEHOLDER_TEXT)) out = out.split(texts[p]).join(value);
  }
  return out;
}

/** The text cut into plain parts and placeholder markers, for a view that highlights the markers. */
export function splitAtPlaceholders(text: string): { text: string; placeholder: DraftPlaceholder | null }[] {
  const markers = DRAFT_PLACEHOLDERS.flatMap((p) => Object.values(PLACEHOLDER_TEXT).map((texts) => ({ marker: texts[p], placeholder: p })));
  const parts: { text: string; placeholder: DraftPlaceholder | null }[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { at: number; marker: string; placeholder: DraftPlaceholder } | null = null;
    for (const m of markers) {
      const at = rest.indexOf(m.marker);
      if (at >= 0 && (!best || at < best.at)) best = { at, ...m };
    }
    if (!best) {
      parts.push({ text: rest, placeholder: null });
      break;
    }
    if (best.at > 0) parts.push({ text: rest.slice(0, best.at), placeholder: null });
    parts.push({ text: best.marker, placeholder: best.placeholder });
    rest = rest.slice(best.at + best.marker.length);
  }
  return parts;
}
