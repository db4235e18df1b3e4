import { tryNormalizeUrl } from '../../shared/url.models.ts';
import { fieldBinding, type FieldCipher } from './field-cipher.models.ts';

/**
 * What the scanner stores about pages and searches: their addresses, titles, engine snippets and the queries
 * asked. All of it names the person (a handle in a URL path, a name in a title, a phone number in a snippet,
 * every identifier in the queries), so it is sealed like the identifiers themselves. This file is the one list
 * of which columns are sealed, what each value is bound to, and which blind indexes stand in for lookups; the
 * repositories, read models and the start-up upgrade all use it, so a value written by one is opened by another.
 *
 * `host` columns stay clear: the dashboard groups and the takedown resolver looks up by site, and a host is
 * never the person's identifier here because pages under the person's own URLs are skipped before anything
 * is stored (a person whose handle is a site's subdomain would be the exception: list it as an own URL).
 */

/**
 * Normalised page addresses become a blind index per person: equal URLs are still found and de-duplicated
 * for that person (hits, candidates, unchecked pages use the same scope, so they can be joined), while two
 * people exposed on the same page cannot be linked by comparing the file's rows.
 */
export const pageUrlScope = (personId: string): string => `page-url:${personId}`;
export const pageUrlIndex = (cipher: FieldCipher, personId: string, normalizedUrl: string): string => cipher.index(pageUrlScope(personId), normalizedUrl);

/** A query is only ever compared within its run (one outcome per engine and query), so it is indexed per run. */
export const searchQueryScope = (scanRunId: string): string => `search-query:${scanRunId}`;
export const searchQueryIndex = (cipher: FieldCipher, scanRunId: string, query: string): string => cipher.index(searchQueryScope(scanRunId), query);

/** The clear normalised address of a stored row, from its opened URL (the index cannot be turned back). */
export const normalizedOf = (url: string): string => tryNormalizeUrl(url) ?? url;

type Sealable<K extends string> = { [P in K]?: string | null };

export interface SealedColumns<K extends string> {
  table: string;
  /** Property name (as the repositories see it) to column name (as the file and the upgrade see it). */
  columns: Record<K, string>;
  seal<T extends Sealable<K>>(cipher: FieldCipher, row: T, rowKey: string): T;
  open<T extends Sealable<K>>(cipher: FieldCipher, row: T, rowKey: string): T;
}

function sealedColumns<K extends string>(table: string, columns: Record<K, string>): SealedColumns<K> {
  const each = <T extends Sealable<K>>(row: T, rowKey: string, apply: (value: string | null | undefined, binding: string) => string | null): T => {
    const out: Sealable<K> = { ...row };
    for (const key of Object.keys(columns) as K[]) {
      // Only the columns present: a partial update seals just what it sets.
      if (row[key] !== undefined) out[key] = apply(row[key], fieldBinding(table, columns[key], rowKey));
    }
    return out as T;
  };
  return {
    table,
    columns,
    seal: (cipher, row, rowKey) => each(row, rowKey, (v, b) => cipher.sealNullable(v, b)),
    open: (cipher, row, rowKey) => each(row, rowKey, (v, b) => cipher.openNullable(v, b)),
  };
}

/** Bound to the hit's id. */
export const HIT_FIELDS = sealedColumns('hits', { url: 'url', finalUrl: 'final_url', title: 'title' });
/**
 * Bound to the capture's id. `headers` is the response headers' JSON text: a Location, Set-Cookie, Link or
 * Content-Disposition file name can carry the person's handle or name as well as any address.
 */
export const CAPTURE_FIELDS = sealedColumns('captures', { requestedUrl: 'requested_url', finalUrl: 'final_url', title: 'title', headers: 'headers' });
/** Bound to the unchecked page's id. */
export const UNCHECKED_FIELDS = sealedColumns('unchecked_pages', { url: 'url' });
/** Bound to the candidate's unique key (run and URL index): its integer id is only known after the insert. */
export const CANDIDATE_FIELDS = sealedColumns('candidates', { url: 'url', title: 'title', snippet: 'snippet' });
export const candidateRowKey = (scanRunId: string, urlIndex: string): string => `${scanRunId}/${urlIndex}`;
/** Bound to the candidate the result belongs to. */
export const CANDIDATE_RESULT_FIELDS = sealedColumns('candidate_results', { title: 'title', snippet: 'snippet' });
/** Bound to the hit the search result is evidence for. */
export const HIT_SNIPPET_FIELDS = sealedColumns('hit_snippets', { title: 'title', snippet: 'snippet' });
/** What matched on a page: the person's own value, how the page wrote it, the sentence quoting both, the image; bound to the hit. */
export const MATCH_FIELDS = sealedColumns('matches', { value: 'value', found: 'found', reason: 'reason', imageUrl: 'image_url' });
/** A drafted notice quotes the page's address and signs with the person's name; bound to the case's id. */
export const CASE_DRAFT_FIELDS = sealedColumns('takedown_cases', { draftSubject: 'draft_subject', draftBody: 'draft_body' });
/** A handle lookup of the impersonation watch: the profile address, the handle asked and the person's identifier it comes from; bound to the check's id. */
export const IMPERSONATION_CHECK_FIELDS = sealedColumns('impersonation_checks', { url: 'url', handle: 'handle', identifier: 'identifier' });
