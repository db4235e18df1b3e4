import type { Db } from '../../db/client.ts';
import type { Logger } from '../../shared/logger.ts';
import { fieldBinding, isBlindIndex, isSealed, type FieldCipher } from './field-cipher.models.ts';
import { identifierIndexScope, OWN_URL_INDEX_SCOPE } from '../profiles/profiles.repository.ts';
import {
  CANDIDATE_FIELDS, CANDIDATE_RESULT_FIELDS, CAPTURE_FIELDS, CASE_DRAFT_FIELDS, HIT_FIELDS, HIT_SNIPPET_FIELDS, MATCH_FIELDS, UNCHECKED_FIELDS,
  candidateRowKey, pageUrlScope, searchQueryScope, type SealedColumns,
} from './sealed-pages.models.ts';
import { rewriteClearRows, type Row } from './clear-fields.repository.ts';
import type { Clock } from '../../shared/clock.ts';
import { runUpgradeStep, type UpgradeStepOutcome } from '../upgrades/upgrade-steps.repository.ts';


interface TableUpgrade {
  table: string;
  key: string;
  sealed: string[];
  /** What a sealed value of the row is bound to; unbound when absent (as the repository writes it). */
  binding?: (row: Row, column: string) => string;
  /** Columns whose clear normalised value becomes a blind index, with the index's scope for the row. */
  indexed?: { column: string; scope: (row: Row) => string }[];
}

/** A table of sealed-pages.models.ts, sealed exactly as its repository seals it. */
const pageTable = (fields: SealedColumns<string>, rowKey: (row: Row) => string, indexed?: TableUpgrade['indexed']): TableUpgrade => ({
  table: fields.table, key: 'id', sealed: Object.values(fields.columns), binding: (row, column) => fieldBinding(fields.table, column, rowKey(row)), indexed,
});
const pageUrl = [{ column: 'normalized_url', scope: (r: Row) => pageUrlScope(String(r.person_id)) }];

// Indexes are computed before values are sealed: a candidate's values are bound to its URL index.
const upgrades: TableUpgrade[] = [
  { table: 'identifiers', key: 'id', sealed: ['value'], indexed: [{ column: 'normalized', scope: (r) => identifierIndexScope(String(r.kind)) }] },
  { table: 'own_urls', key: 'id', sealed: ['url'], indexed: [{ column: 'normalized_url', scope: () => OWN_URL_INDEX_SCOPE }] },
  { table: 'people', key: 'id', sealed: ['label'] },
  pageTable(MATCH_FIELDS, (r) => String(r.hit_id)),
  pageTable(HIT_FIELDS, (r) => String(r.id), pageUrl),
  pageTable(CAPTURE_FIELDS, (r) => String(r.id)),
  pageTable(UNCHECKED_FIELDS, (r) => String(r.id), pageUrl),
  pageTable(CANDIDATE_FIELDS, (r) => candidateRowKey(String(r.scan_run_id), String(r.normalized_url)), pageUrl),
  pageTable(CANDIDATE_RESULT_FIELDS, (r) => String(r.candidate_id)),
  pageTable(HIT_SNIPPET_FIELDS, (r) => String(r.hit_id)),
  pageTable(CASE_DRAFT_FIELDS, (r) => String(r.id)),
  { table: 'search_outcomes', key: 'id', sealed: [], indexed: [{ column: 'query', scope: (r) => searchQueryScope(String(r.scan_run_id)) }] },
];

/**
 * Seals the rows an older version stored in clear (people's identifiers, own URLs, labels and matched
 * values; pages' addresses, titles, response headers and engine snippets; search queries; drafted notices). Runs at every start and touches only
 * values not sealed or indexed yet, so it is idempotent; all of it commits in one transaction, so a crash
 * leaves either the old rows or the new ones. SQLite's secure_delete (set when the database is opened)
 * overwrites the clear values' old cells instead of leaving them in free space. Only counts are logged.
 */
export async function encryptClearFields({ db, cipher, logger }: { db: Db; cipher: FieldCipher; logger: Logger }): Promise<number> {
  const perTable = await rewriteClearRows(
    db,
    upgrades.map((u) => ({ table: u.table, key: u.key, sealed: u.sealed, indexed: (u.indexed ?? []).map((i) => i.column), upgrade: u })),
    ({ upgrade: u }, stored) => {
      const row = { ...stored };
      for (const i of u.indexed ?? []) if (!isBlindIndex(row[i.column])) row[i.column] = cipher.index(i.scope(row), String(row[i.column]));
      for (const c of u.sealed) {
        if (row[c] !== null && row[c] !== undefined && !isSealed(row[c])) row[c] = cipher.seal(String(row[c]), u.binding?.(row, c));
      }
      return row;
    },
  );
  const sealedRows = Object.values(perTable).reduce((a, b) => a + b, 0);
  if (sealedRows > 0) logger.warn({ rows: sealedRows, tables: perTable }, 'personal data stored in clear by an earlier version was encrypted');
  return sealedRows;
}

/**
 * Raise `version` whenever `upgrades` gains a table or a column or a value is sealed differently: a database that
 * completed the step before then reads its rows once more.
 */
// 2: captures' response headers joined the sealed columns.
export const FIELD_ENCRYPTION_STEP = { name: 'evidence.encrypt_clear_fields', version: 2, transactional: true } as const;

/**
 * The start-up form of `encryptClearFields`: on an organisation's database the search for clear values reads
 * every sealed column of every row (seconds of CPU), and once it has completed nothing this version writes is
 * clear, so later starts skip it. The rows and the step's record commit in one transaction.
 */
export async function encryptClearFieldsOnce(deps: { db: Db; cipher: FieldCipher; logger: Logger; clock: Clock }): Promise<UpgradeStepOutcome> {
  return await runUpgradeStep(deps, FIELD_ENCRYPTION_STEP, async () => {
    await encryptClearFields(deps);
    return true;
  });
}
