import type { Db } from '../../db/client.ts';
import type { Logger } from '../../shared/logger.ts';
import { isSealed, type FieldCipher } from './field-cipher.models.ts';
import { identifierIndexScope, OWN_URL_INDEX_SCOPE } from '../profiles/profiles.repository.ts';

type Row = Record<string, unknown>;

interface TableUpgrade {
  table: string;
  key: string;
  /** The column whose sealed prefix says the row is already done. */
  marker: string;
  sealed: string[];
  /** Columns whose clear normalised value becomes a blind index, with the index's scope for the row. */
  indexed?: { column: string; scope: (row: Row) => string }[];
}

const upgrades: TableUpgrade[] = [
  { table: 'identifiers', key: 'id', marker: 'value', sealed: ['value'], indexed: [{ column: 'normalized', scope: (r) => identifierIndexScope(String(r.kind)) }] },
  { table: 'own_urls', key: 'id', marker: 'url', sealed: ['url'], indexed: [{ column: 'normalized_url', scope: () => OWN_URL_INDEX_SCOPE }] },
  { table: 'people', key: 'id', marker: 'label', sealed: ['label'] },
  { table: 'matches', key: 'id', marker: 'value', sealed: ['value', 'found', 'reason', 'image_url'] },
];

/**
 * Seals the rows an older version stored in clear (people's identifiers, own URLs, labels and matched
 * values). Runs at every start and touches only rows not sealed yet, so it is idempotent; all of it commits in
 * one transaction, so a crash leaves either the old rows or the new ones. SQLite's secure_delete (set when
 * the database is opened) overwrites the clear values' old cells instead of leaving them in free space.
 */
export function encryptClearFields({ db, cipher, logger }: { db: Db; cipher: FieldCipher; logger: Logger }): number {
  const sqlite = db.$client;
  let sealedRows = 0;
  sqlite.transaction(() => {
    for (const u of upgrades) {
      const rows = sqlite.prepare(`select * from ${u.table} where ${u.marker} not like 'es1.%'`).all() as Row[];
      if (rows.length === 0) continue;
      const columns = [...u.sealed, ...(u.indexed ?? []).map((i) => i.column)];
      const update = sqlite.prepare(`update ${u.table} set ${columns.map((c) => `${c} = ?`).join(', ')} where ${u.key} = ?`);
      for (const row of rows) {
        const values = u.sealed.map((c) => (row[c] === null || row[c] === undefined || isSealed(row[c]) ? row[c] ?? null : cipher.seal(String(row[c]))));
        const indexes = (u.indexed ?? []).map((i) => cipher.index(i.scope(row), String(row[i.column])));
        update.run(...values, ...indexes, row[u.key]);
        sealedRows++;
      }
    }
  }).immediate();
  if (sealedRows > 0) logger.warn({ rows: sealedRows }, 'personal data stored in clear by an earlier version was encrypted');
  return sealedRows;
}
