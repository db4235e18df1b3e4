/**
 * Text to be matched literally inside a regular expression built from it (a handle, a keyword, a profile address
 * template): every character with a meaning in a pattern is escaped, `/` too, so the result also fits a literal.
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
