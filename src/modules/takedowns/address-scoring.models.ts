import type { ContactCategory } from './contact-discovery.parser.ts';
import type { WrittenAddress } from './written-contacts.parser.ts';

// How good a door an email address is for a takedown: first by its local part (abuse@, dmca@, info@), then
// by the role the site's own label gives it (general contact, privacy officer, agency credit...).

const LOCAL_PART_SCORES: ReadonlyArray<readonly [ContactCategory, number, readonly string[]]> = [
  ['abuse', 100, ['abuse']],
  ['copyright', 95, ['dmca', 'copyright']],
  // A forum's moderators are its report channel ("moderation@", "moderatie@", "meldpunt@").
  ['report', 85, ['legal', 'takedown', 'takedowns', 'removal', 'removals', 'report', 'reports', 'complaints', 'dsa', 'notice', 'trust', 'safety', 'moderation', 'moderatie', 'moderators', 'mods', 'meldpunt', 'signalement', 'melden']],
  ['privacy', 75, ['privacy', 'dpo', 'gdpr', 'dataprotection', 'datenschutz', 'avg', 'rgpd']],
  ['contact', 45, ['support', 'contact', 'info', 'help', 'hello', 'webmaster', 'postmaster', 'kontakt', 'service', 'admin']],
];

export function classifyLocalPart(local: string): { category: ContactCategory; score: number } {
  const parts = local.toLowerCase().split(/[._+-]+/);
  for (const [category, score, names] of LOCAL_PART_SCORES) {
    if (parts.some((p) => names.includes(p))) return { category, score };
  }
  return { category: 'other', score: 30 };
}

// Bare addresses in running text are weaker than linked or labelled ones: they may belong to anyone mentioned.
export const UNLABELLED_TEXT_PENALTY = 20;
/** The contact address the law requires in a German or Austrian Impressum: the operator's own door. */
const REQUIRED_IMPRINT_SCORE = 88;
const PRIVACY_ROLE_SCORE = 75;
const SIDE_CHANNEL_SCORE = 10;

/**
 * Adjusts a score by the role the page's own label gives an address. Web agency and hosting credits are
 * not the site's door and are dropped (the host is reached through RDAP on escalation); newsletter, press
 * and jobs mailboxes come last; a privacy officer stays a privacy channel, which the resolver ranks by notice.
 */
export function withRole(
  base: { category: ContactCategory; score: number },
  w: WrittenAddress | undefined,
  requiredImprint: boolean,
  linked: boolean,
): { category: ContactCategory; score: number; foundAs?: 'text' | 'imprint' } | null {
  const foundAs = linked ? {} : { foundAs: 'text' as const };
  if (!w) return { ...base, ...foundAs };
  switch (w.role) {
    case 'credit':
      return null;
    case 'newsletter':
    case 'press':
    case 'jobs':
      return { category: 'other', score: Math.min(base.score, SIDE_CHANNEL_SCORE), ...foundAs };
    case 'privacy':
      return base.score > PRIVACY_ROLE_SCORE ? { ...base, ...foundAs } : { category: 'privacy', score: PRIVACY_ROLE_SCORE, ...foundAs };
    default: {
      if (requiredImprint && w.inLegalNotice) {
        return { category: base.category === 'other' ? 'contact' : base.category, score: Math.max(base.score, REQUIRED_IMPRINT_SCORE), foundAs: 'imprint' };
      }
      const unlabelled = w.role === 'unlabelled' && !w.inLegalNotice;
      return { ...base, score: !linked && unlabelled ? Math.max(1, base.score - UNLABELLED_TEXT_PENALTY) : base.score, ...foundAs };
    }
  }
}
