import { createErrorFactory } from '../../../shared/errors.ts';
import type { DraftLanguage } from '../language.models.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import type { LanguagePack, ParagraphText } from './types.ts';

export const LANGUAGE_PACKS: Record<DraftLanguage, LanguagePack> = { en, nl, fr, de };

export const createTemplateVariableMissingError = createErrorFactory({
  code: 'takedowns.template_variable_missing',
  message: 'A takedown template refers to a value that is not provided.',
  statusCode: 500,
});

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** Names of the `{placeholders}` a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/**
 * Fills `{name}` placeholders in one pass, so braces inside filled-in values (which come from people and
 * pages) are never treated as placeholders themselves. An unknown name is a bug in a template: it throws.
 */
export function fillTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = vars[name];
    if (value === undefined) throw createTemplateVariableMissingError({ details: { variable: name } });
    return value;
  });
}

export function pickVariant(text: ParagraphText, asAgent: boolean): string {
  return asAgent && text.agent !== undefined ? text.agent : text.self;
}
