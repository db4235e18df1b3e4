/**
 * Why one match was taken (a row of an exposure's "what was found"), one sentence each. Stored in English, sealed
 * with the match, and carried as they are by the API and exports; the dashboard says them again in the reader's
 * language (match-reason-words.models.ts). Every sentence is written here, once, from its parts, and read back
 * from its text with the match's own kind and value, which start it.
 */
import type { MatchRegion } from '../evidence/match-box.models.ts';

/** The kinds of text the matcher finds, as the sentences name them. */
export const KIND_LABEL = {
  name: 'Name', alias: 'Alias', phone: 'Phone number', email: 'Email address', address: 'Address', handle: 'Handle',
} as const;
export type TextKind = keyof typeof KIND_LABEL;

/** How sure a photo match is, in words: distance 0-10 of 256 bits is near-identical, up to 20 very likely, then likely. */
export type Sureness = 'near_identical' | 'very_likely' | 'likely';
export const surenessOf = (distance: number): Sureness => (distance <= 10 ? 'near_identical' : distance <= 20 ? 'very_likely' : 'likely');

/** Where a photo was found inside a larger picture (the same region the evidence draws its box from). */
export type PhotoRegionWords = MatchRegion;

export type MatchReason =
  | { kind: 'appears' }
  | { kind: 'lookAlike'; found: string }
  | { kind: 'writtenAs'; found: string }
  | { kind: 'disguised'; found: string }
  | { kind: 'inLink'; target: string }
  | { kind: 'photo'; photo: string; distance: number }
  | { kind: 'photoRegion'; photo: string; distance: number; sure: Sureness; region: PhotoRegionWords }
  | { kind: 'impersonationAlias'; site: string; handle: string; identifier: string }
  | { kind: 'impersonationHandle'; site: string; handle: string };

/** What a text sentence starts with: the kind's label and the person's own value. */
export const subjectOf = (kind: TextKind, value: string) => `${KIND_LABEL[kind]} ${value}`;

const SURE: Record<Sureness, string> = { near_identical: 'near-identical', very_likely: 'very likely the same photo', likely: 'likely the same photo' };

/** The stored sentence; text reasons need the match's kind and value (`subject`), which they start with. */
export function englishMatchReason(reason: MatchReason, subject = ''): string {
  switch (reason.kind) {
    case 'appears': return `${subject} appears on the page`;
    case 'lookAlike': return `${subject} written with look-alike letters of another alphabet as ${reason.found}`;
    case 'writtenAs': return `${subject} written as ${reason.found}`;
    case 'disguised': return `${subject} written in disguised form as ${reason.found}`;
    case 'inLink': return `${subject} appears in a link to ${reason.target}`;
    case 'photo': return `Image matches your photo "${reason.photo}" (distance ${reason.distance} of 256).`;
    case 'photoRegion': {
      const r = reason.region;
      const where = r.source === 'page'
        ? ` inside the page as displayed, at ${r.left},${r.top} (${r.width} x ${r.height} px)`
        : ` inside a larger image, at ${r.left},${r.top} (${r.width} x ${r.height} px of ${r.imageWidth} x ${r.imageHeight})`;
      return `Your photo "${reason.photo}" appears${where}: ${SURE[reason.sure]} (distance ${reason.distance} of 256).`;
    }
    case 'impersonationAlias': return `The ${reason.site} account "${reason.handle}" is your alias "${reason.identifier}" written as a user name.`;
    case 'impersonationHandle': return `The ${reason.site} account "${reason.handle}" has your handle.`;
  }
}

const TEXT_TAILS: { kind: 'lookAlike' | 'disguised' | 'writtenAs' | 'inLink'; lead: string }[] = [
  // Longest first: "written as" is the end of the other two.
  { kind: 'lookAlike', lead: ' written with look-alike letters of another alphabet as ' },
  { kind: 'disguised', lead: ' written in disguised form as ' },
  { kind: 'writtenAs', lead: ' written as ' },
  { kind: 'inLink', lead: ' appears in a link to ' },
];

const PHOTO = /^Image matches your photo "(.*)" \(distance (\d+) of 256\)\.$/s;
const REGION_PAGE = /^Your photo "(.*)" appears inside the page as displayed, at (\d+),(\d+) \((\d+) x (\d+) px\): (near-identical|very likely the same photo|likely the same photo) \(distance (\d+) of 256\)\.$/s;
const REGION_IMAGE = /^Your photo "(.*)" appears inside a larger image, at (\d+),(\d+) \((\d+) x (\d+) px of (\d+) x (\d+)\): (near-identical|very likely the same photo|likely the same photo) \(distance (\d+) of 256\)\.$/s;
const IMPERSONATION_ALIAS = /^The (.+?) account "(.*)" is your alias "(.*)" written as a user name\.$/s;
const IMPERSONATION_HANDLE = /^The (.+?) account "(.*)" has your handle\.$/s;

const sureFrom = (words: string): Sureness => (Object.entries(SURE).find(([, w]) => w === words)![0] as Sureness);

/**
 * A stored sentence, told apart with its match's kind and value; null for one this version does not write,
 * which is shown as it is. Whatever the result, `englishMatchReason` of it gives back the same text.
 */
export function readMatchReason(match: { kind: string; value: string; reason: string }): MatchReason | null {
  const text = match.reason;
  if (match.kind in KIND_LABEL) {
    const subject = subjectOf(match.kind as TextKind, match.value);
    if (!text.startsWith(subject)) return null;
    const rest = text.slice(subject.length);
    if (rest === ' appears on the page') return { kind: 'appears' };
    for (const tail of TEXT_TAILS) {
      if (!rest.startsWith(tail.lead)) continue;
      const part = rest.slice(tail.lead.length);
      return tail.kind === 'inLink' ? { kind: 'inLink', target: part } : { kind: tail.kind, found: part };
    }
    return null;
  }
  let m = PHOTO.exec(text);
  if (m) return { kind: 'photo', photo: m[1]!, distance: Number(m[2]) };
  m = REGION_PAGE.exec(text);
  if (m) return { kind: 'photoRegion', photo: m[1]!, sure: sureFrom(m[6]!), distance: Number(m[7]), region: { source: 'page', left: Number(m[2]), top: Number(m[3]), width: Number(m[4]), height: Number(m[5]), imageWidth: 0, imageHeight: 0 } };
  m = REGION_IMAGE.exec(text);
  if (m) return { kind: 'photoRegion', photo: m[1]!, sure: sureFrom(m[8]!), distance: Number(m[9]), region: { source: 'image', left: Number(m[2]), top: Number(m[3]), width: Number(m[4]), height: Number(m[5]), imageWidth: Number(m[6]), imageHeight: Number(m[7]) } };
  m = IMPERSONATION_ALIAS.exec(text);
  if (m) return { kind: 'impersonationAlias', site: m[1]!, handle: m[2]!, identifier: m[3]! };
  m = IMPERSONATION_HANDLE.exec(text);
  if (m) return { kind: 'impersonationHandle', site: m[1]!, handle: m[2]! };
  return null;
}
