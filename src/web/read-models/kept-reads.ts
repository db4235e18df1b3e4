// What the dashboard's read models keep between requests, and the keys they keep it under: no SQL here, the
// statements are in the read models' repositories (*.repository.ts beside this file), which also give the data
// version (src/db/data-version.ts) every kept result is checked against.

import type { FieldCipher } from '../../modules/evidence/field-cipher.models.ts';

/**
 * People's labels are sealed with a random nonce, so the stored text changes whenever a label does: a
 * cache keyed by the stored text never serves a stale label. It spares opening a thousand labels on
 * every page of a large organisation, and is emptied when it grows past what any organisation has.
 */
export function createLabelOpener(cipher: FieldCipher, limit = 50_000): (stored: string) => string {
  const opened = new Map<string, string>();
  return (stored) => {
    let clear = opened.get(stored);
    if (clear === undefined) {
      if (opened.size >= limit) opened.clear();
      clear = cipher.open(stored);
      opened.set(stored, clear);
    }
    return clear;
  };
}

/**
 * The JSON array of a list of ids, for `json_each(?)` and as a cache key, worked out once per list: the
 * accounts repository hands out the same frozen list of an organisation's people until the database
 * changes, so its thousand ids are not joined again on every request. Lists that may still change are
 * not remembered.
 */
export function createIdsKey(): (ids: readonly string[]) => string {
  const keys = new WeakMap<readonly string[], string>();
  return (ids) => {
    let key = keys.get(ids);
    if (key === undefined) {
      key = JSON.stringify(ids);
      if (Object.isFrozen(ids)) keys.set(ids, key);
    }
    return key;
  };
}

/**
 * What was drawn from a kept object (a page of rows, a list of people, a timeline: the read models hand out the
 * same object until the database changes), per key (language, zone, choice). Held as long as the object is;
 * an object's entries are emptied when they pass `limit`.
 */
export function createKeptPerObject<T>(limit = 20): (owner: object, key: string, make: () => T) => T {
  const kept = new WeakMap<object, Map<string, T>>();
  return (owner, key, make) => {
    let entries = kept.get(owner);
    if (!entries) kept.set(owner, (entries = new Map()));
    if (entries.has(key)) return entries.get(key) as T;
    if (entries.size >= limit) entries.clear();
    const value = make();
    entries.set(key, value);
    return value;
  };
}

/**
 * Results kept per key until the data version changes; emptied when it holds more keys than any dashboard needs.
 * The version is read before computing: a write landing in between makes the kept value newer than its
 * version, which only costs one more computation, never a stale answer. A caller that keeps several results
 * for one answer passes the version it read once, before the first of them (`readVersion`).
 */
export function createVersionedCache<T>(dataVersion: () => Promise<string>, limit = 200) {
  const entries = new Map<string, { version: string; value: T }>();
  return async (key: string, compute: () => Promise<T>, readVersion?: string): Promise<T> => {
    const version = readVersion ?? await dataVersion();
    const hit = entries.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = await compute();
    if (entries.size >= limit) entries.clear();
    entries.set(key, { version, value });
    return value;
  };
}

/**
 * A "could not" section's list for the people an account sees (or the one person of the filter), read by `read`
 * and kept until the database changes: the rows of the pages that could not be checked and of the profile
 * lookups that could not tell are kept the same way.
 */
export function createPeopleScopedList<T>(dataVersion: () => Promise<string>, read: (scope: string[], limit: number) => Promise<T[]>) {
  const kept = createVersionedCache<T[]>(dataVersion, 50);
  const idsKey = createIdsKey();
  return {
    async list(personIds: string[], filter: { personId?: string }, limit = 200): Promise<T[]> {
      const scope = filter.personId ? personIds.filter((id) => id === filter.personId) : personIds;
      if (scope.length === 0) return [];
      return kept(`${limit}:${idsKey(scope)}`, () => read(scope, limit));
    },
  };
}

/**
 * The cipher with its openings kept, for lists that show the same sealed rows to every request (a page of
 * the exposures list opens 150 fields). The key is the binding with the sealed text, so a value moved to
 * another row or column is still checked against its new place and refused, as the cipher itself would.
 */
export function createOpeningCipher(cipher: FieldCipher, limit = 20_000): FieldCipher {
  const opened = new Map<string, string>();
  const open = (stored: string, binding = ''): string => {
    const key = `${binding}\u0000${stored}`;
    let clear = opened.get(key);
    if (clear === undefined) {
      clear = cipher.open(stored, binding);
      if (opened.size >= limit) opened.clear();
      opened.set(key, clear);
    }
    return clear;
  };
  return { ...cipher, open, openNullable: (stored, binding) => (stored === null || stored === undefined ? null : open(stored, binding)) };
}
