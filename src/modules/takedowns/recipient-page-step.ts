import { extractContactCandidates, type ContactCandidate } from './contact-discovery.parser.ts';
import { parseContactPage, readWrittenContacts, type WrittenContacts } from './written-contacts.parser.ts';
import { fromContact, noticeKind, preferAddresses, type Scored } from './recipient-ranking.models.ts';
import type { FetchedText, RecipientCandidate, ResolveInput, StepRecord } from './recipient-resolver.ts';

// The page's own part of the recipient chain (recipient-resolver.ts): the contacts the page offers, then the
// same-site report, contact and legal pages it links to. Each page is parsed once and read once, and a page
// cut at its size limit (by the fetch or by the parser) is said in its step's detail: an address past the
// cut was not seen, so "none found" there does not mean the site gives none.

export interface PageStepContext {
  readonly steps: StepRecord[];
  get(url: string): Promise<{ ok: true; value: FetchedText } | { ok: false; reason: string }>;
}

interface ReadPage {
  contacts: ContactCandidate[];
  written: WrittenContacts;
  /** How the page was cut, or null when it was read whole. */
  cut: string | null;
}

function readPage(text: Pick<FetchedText, 'body' | 'truncated'>, url: string): ReadPage {
  const page = parseContactPage(text.body);
  const written = readWrittenContacts(page, url);
  const cut = text.truncated
    ? text.body.length === 0 ? 'too large to read' : `only the first ${text.body.length} characters were read`
    : page.truncated ? `the last ${page.droppedChars} characters were not read` : null;
  return { contacts: extractContactCandidates(page, url, { written }), written, cut };
}

/** The site's own report and contact pages come before its legal notice, which usually names the hosting company. */
const FOLLOW_ORDER = ['abuse', 'report', 'contact', 'legal', 'privacy', 'copyright'];

export async function pageStep(ctx: PageStepContext, input: ResolveInput): Promise<RecipientCandidate[]> {
  let text: Pick<FetchedText, 'body' | 'truncated'>;
  if (input.html === null || input.html === undefined) {
    const r = await ctx.get(input.url);
    if (!r.ok) {
      ctx.steps.push({ step: 'page', outcome: 'failed', detail: r.reason });
      ctx.steps.push({ step: 'contact_page', outcome: 'skipped' });
      return [];
    }
    text = r.value;
  } else {
    text = { body: input.html };
  }
  const page = readPage(text, input.url);
  const notice = noticeKind(input.bases);
  const found = page.contacts.map((c) => fromContact(c, 'page', notice)).filter((c): c is Scored => c !== null);
  ctx.steps.push({ step: 'page', outcome: found.length > 0 ? 'found' : 'none', ...(page.cut ? { detail: `page too long: ${page.cut}` } : {}) });

  // An imprint or contact page usually carries the address the footer link only points to; the site is asked
  // first, its host only on escalation.
  const toFollow = page.contacts
    .filter((c) => c.kind === 'link' && c.sameSite && FOLLOW_ORDER.includes(c.category))
    .sort((a, b) => FOLLOW_ORDER.indexOf(a.category) - FOLLOW_ORDER.indexOf(b.category))
    .slice(0, input.followContactPages ?? 2);
  if (toFollow.length === 0 || found.some((c) => c.kind === 'email' && c.confidence === 'high')) {
    ctx.steps.push({ step: 'contact_page', outcome: 'skipped' });
    return preferAddresses(found);
  }
  const pages = await Promise.all(toFollow.map((c) => ctx.get(c.value).then((r) => ({ r, url: c.value }))));
  const extra: Scored[] = [];
  const messageForms: Scored[] = [];
  const cuts: string[] = [];
  for (const { r, url } of pages) {
    if (!r.ok) continue;
    const contactPage = readPage(r.value, url);
    if (contactPage.cut) cuts.push(`contact page too long: ${contactPage.cut}`);
    for (const c of contactPage.contacts) {
      if (c.kind !== 'email') continue;
      const cand = fromContact(c, 'contact_page', notice);
      if (cand) extra.push(cand);
    }
    // A page with a message form is the site's own way in; it counts when the site gives no address.
    if (contactPage.written.hasMessageForm) messageForms.push({ kind: 'form', formUrl: url, confidence: 'medium', source: 'contact_page:form', score: 50 });
  }
  if (extra.length === 0) extra.push(...messageForms);
  const allFailed = pages.every((p) => !p.r.ok);
  const detail = allFailed ? (pages[0]?.r.ok === false ? pages[0].r.reason : 'error') : cuts.join('; ');
  ctx.steps.push({ step: 'contact_page', outcome: extra.length > 0 ? 'found' : allFailed ? 'failed' : 'none', ...(detail ? { detail } : {}) });
  return preferAddresses([...found, ...extra]);
}
