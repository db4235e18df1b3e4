/**
 * Which search queries one scan sends. Engines block heavy users, so a scan is capped; the identifier
 * queries (the ones that find most exposures) run every scan, and the site-scoped queries rotate through a
 * window so that successive scans cover all of them. The cursor is stored between scans by the caller.
 */
import { z } from 'zod';
import { createErrorFactory } from '../../shared/errors.ts';
import type { NormalisedProfile } from '../profiles/profile-file.models.ts';

export const SOURCE_CATEGORIES = ['forum', 'paste', 'escort_ads', 'tube', 'people_search', 'social'] as const;
export type SourceCategory = (typeof SOURCE_CATEGORIES)[number];

export interface Source {
  domain: string;
  category: SourceCategory;
  label: string;
}

export interface SourcesFile {
  version: string;
  sources: Source[];
}

export type QueryKind = 'identifier' | 'combination' | 'site';
export type QueryIdentifierKind = 'name' | 'alias' | 'name_alias' | 'phone' | 'email' | 'handle' | 'address';

export interface PlannedQuery {
  text: string;
  kind: QueryKind;
  identifierKind: QueryIdentifierKind;
  sourceDomain?: string;
}

export interface QueryPlan {
  queries: PlannedQuery[];
  /** Pass back as rotationCursor on the next scan. */
  nextCursor: number;
  /** Queries repeated every scan. */
  baseCount: number;
  /** Queries taking turns across scans, and how many of them one scan runs. */
  rotatingCount: number;
  windowSize: number;
  /** Scans needed until every query has run at least once. */
  scansPerCycle: number;
}

export interface PlanQueriesOptions {
  sources: readonly Source[];
  /** Most queries one scan may send. */
  cap: number;
  rotationCursor: number;
}

const createInvalidSourcesFileError = createErrorFactory({
  code: 'scans.invalid_sources_file',
  message: 'The list of search sources is not valid.',
  statusCode: 500,
});

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const sourcesFileSchema = z.strictObject({
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sources: z
    .array(z.strictObject({ domain: z.string().regex(DOMAIN), category: z.enum(SOURCE_CATEGORIES), label: z.string().min(1).max(80) }))
    .min(1)
    .refine((list) => new Set(list.map((s) => s.domain)).size === list.length, 'domains must be unique'),
});

/** Validates catalog/sources.json (already parsed); the file is edited by hand, so mistakes are listed precisely. */
export function parseSourcesFile(input: unknown): SourcesFile {
  const result = sourcesFileSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw createInvalidSourcesFileError({ details: { problems } });
  }
  return result.data;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '').replace(/\s+/g, ' ').trim()}"`;
}

/** Written forms of a number as people type them: E.164, international with spaces, national, national digits. */
export function phoneQueryForms(phone: NormalisedProfile['phones'][number]): string[] {
  return [...new Set([phone.normalised, phone.international, phone.national, phone.national.replace(/\D/g, '')])];
}

export function baseQueries(profile: NormalisedProfile): PlannedQuery[] {
  const queries: PlannedQuery[] = [];
  const add = (text: string, kind: QueryKind, identifierKind: QueryIdentifierKind) => queries.push({ text, kind, identifierKind });
  for (const name of profile.names) add(quote(name.original), 'identifier', 'name');
  for (const alias of profile.aliases) add(quote(alias.original), 'identifier', 'alias');
  // The pair finds the pages that connect the two identities, the most dangerous kind.
  for (const name of profile.names) {
    for (const alias of profile.aliases) add(`${quote(name.original)} ${quote(alias.original)}`, 'combination', 'name_alias');
  }
  for (const phone of profile.phones) for (const form of phoneQueryForms(phone)) add(quote(form), 'identifier', 'phone');
  for (const email of profile.emails) add(quote(email.normalised), 'identifier', 'email');
  for (const handle of profile.handles) {
    add(quote(`@${handle.normalised}`), 'identifier', 'handle');
    add(quote(handle.normalised), 'identifier', 'handle');
  }
  for (const address of profile.addresses) {
    const { street, number, suffix } = address.parsed;
    add(quote(`${street} ${number}${suffix}`), 'identifier', 'address');
  }
  return uniqueByText(queries);
}

export function siteQueries(profile: NormalisedProfile, sources: readonly Source[]): PlannedQuery[] {
  const identifiers: { value: string; identifierKind: QueryIdentifierKind }[] = [
    ...profile.names.map((n) => ({ value: n.original, identifierKind: 'name' as const })),
    ...profile.aliases.map((a) => ({ value: a.original, identifierKind: 'alias' as const })),
    ...profile.handles.map((h) => ({ value: h.normalised, identifierKind: 'handle' as const })),
    ...profile.phones.map((p) => ({ value: p.international, identifierKind: 'phone' as const })),
    ...profile.emails.map((e) => ({ value: e.normalised, identifierKind: 'email' as const })),
  ];
  const queries: PlannedQuery[] = [];
  for (const source of sources) {
    for (const id of identifiers) {
      queries.push({ text: `${quote(id.value)} site:${source.domain}`, kind: 'site', identifierKind: id.identifierKind, sourceDomain: source.domain });
    }
  }
  return uniqueByText(queries);
}

function rotatingWindow<T>(list: readonly T[], size: number, cursor: number): { items: T[]; next: number } {
  if (list.length === 0 || size <= 0) return { items: [], next: 0 };
  const start = ((Math.floor(cursor) % list.length) + list.length) % list.length;
  const count = Math.min(size, list.length);
  const items = Array.from({ length: count }, (_, i) => list[(start + i) % list.length]!);
  return { items, next: (start + count) % list.length };
}

export function planQueries(profile: NormalisedProfile, options: PlanQueriesOptions): QueryPlan {
  const cap = Math.max(1, Math.floor(options.cap));
  const base = baseQueries(profile);
  const rotating = siteQueries(profile, options.sources);
  const cursor = Number.isFinite(options.rotationCursor) ? options.rotationCursor : 0;
  if (base.length >= cap) {
    // Too small a cap for even the identifier queries: everything takes turns, identifiers first.
    const all = [...base, ...rotating];
    const { items, next } = rotatingWindow(all, cap, cursor);
    return { queries: items, nextCursor: next, baseCount: 0, rotatingCount: all.length, windowSize: items.length, scansPerCycle: Math.ceil(all.length / cap) };
  }
  const windowSize = Math.min(cap - base.length, rotating.length);
  const { items, next } = rotatingWindow(rotating, windowSize, cursor);
  return {
    queries: [...base, ...items],
    nextCursor: next,
    baseCount: base.length,
    rotatingCount: rotating.length,
    windowSize,
    scansPerCycle: rotating.length === 0 ? 1 : Math.ceil(rotating.length / windowSize),
  };
}

function uniqueByText(queries: PlannedQuery[]): PlannedQuery[] {
  const seen = new Set<string>();
  return queries.filter((q) => (seen.has(q.text) ? false : (seen.add(q.text), true)));
}
