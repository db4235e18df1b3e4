import type { ContactCandidate } from './contact-discovery.parser.ts';
import type { BasisId } from './legal-basis.models.ts';
import type { Confidence, RecipientCandidate } from './recipient-resolver.ts';

// How the site's own contacts become recipients for one notice: which mailbox fits the notice, how sure
// each one is, and the order they are offered in.

export const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/** What the notice is about decides which of the site's specialised mailboxes is the right door. */
export interface NoticeKind {
  copyright: boolean;
  /** Only a GDPR erasure request: the privacy officer (datenschutz@, DPO) is the designated contact. */
  privacyOnly: boolean;
}

export function noticeKind(bases: readonly BasisId[] | undefined): NoticeKind {
  const list = bases ?? [];
  return { copyright: list.includes('dmca_512c3'), privacyOnly: list.length > 0 && list.every((b) => b === 'gdpr_art17') };
}

/** The score a site's own mailbox has for this notice, before it becomes a confidence. */
function scoreFor(c: ContactCandidate, notice: NoticeKind): number {
  // A copyright mailbox is the right door only for a copyright notice; for a doxxing post or an intimate
  // image it ranks below the abuse and report channels (DMCA notices are also published, with names).
  if (c.category === 'copyright' && !notice.copyright) return Math.min(c.score, 60);
  // A privacy officer answers data-protection requests; anything else goes to the general contact first.
  if (c.category === 'privacy') return notice.privacyOnly ? Math.max(c.score, 90) : Math.min(c.score, 44);
  return c.score;
}

export type Scored = RecipientCandidate & { score: number };

export function fromContact(c: ContactCandidate, source: string, notice: NoticeKind): Scored | null {
  // Mailboxes are specialised; a link keeps its score (a "DMCA / Report content" page is the report form).
  const score = c.kind === 'email' ? scoreFor(c, notice) : c.score;
  if (c.kind === 'email') {
    const confidence: Confidence = score >= 85 ? 'high' : score >= 40 ? 'medium' : 'low';
    return { kind: 'email', address: c.value, confidence, source: `${source}:${c.foundAs ?? 'mailto'}`, score };
  }
  if (!c.sameSite) return null;
  if (score >= 80) return { kind: 'form', formUrl: c.value, confidence: 'medium', source: `${source}:link`, score };
  if (score >= 40) return { kind: 'form', formUrl: c.value, confidence: 'low', source: `${source}:link`, score };
  return null;
}

/** A link whose page is a report or takedown form in its own right (not a contact or legal page). */
const isReportLink = (c: Scored) => c.kind === 'form' && c.score >= 80;

/**
 * The site's own channels, best first: forms are recipients only when the site gives no address, except
 * report forms, which are the channel the site asks for. A contact or legal page link is not a form at all
 * when an address was found behind it.
 */
export function preferAddresses(candidates: Scored[]): RecipientCandidate[] {
  const hasAddress = candidates.some((c) => c.kind === 'email');
  const kept = hasAddress ? candidates.filter((c) => c.kind === 'email' || isReportLink(c) || c.source === 'contact_page:form') : candidates;
  return kept
    .sort((a, b) => RANK[b.confidence] - RANK[a.confidence] || b.score - a.score)
    .map(({ score: _score, ...c }) => c);
}
