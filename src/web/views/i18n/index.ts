import type { UiLanguage } from '../../../config/accounts.settings.ts';
import { en, type MessageKey } from './en.ts';
import { nl } from './nl.ts';
import { fr } from './fr.ts';
import { de } from './de.ts';

export type { MessageKey };

export const messages: Record<UiLanguage, Record<MessageKey, string>> = { en, nl, fr, de };

export const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', nl: 'Nederlands', fr: 'Français', de: 'Deutsch' };

/** A UI string in the language, with `{name}` placeholders filled. A missing translation falls back to English. */
export function t(lang: UiLanguage, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = messages[lang]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}
