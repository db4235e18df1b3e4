import type { UiLanguage } from '../../../config/accounts.settings.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { nl } from './nl.ts';
import type { GuidanceText } from './types.ts';

export const GUIDANCE_TEXT: Record<UiLanguage, GuidanceText> = { en, nl, fr, de };

export * from './facts.ts';
export type { GuidanceText, GuidanceStep, GuidanceTopicText } from './types.ts';
