import * as sqliteSchema from '../schema/index.ts';
import { derivePgSchema } from './derive.ts';

/**
 * The PostgreSQL schema: every table of src/db/schema (SQLite) derived into PostgreSQL (derive.ts), under the
 * same export names, with the same JS property names and stored values (see columns.ts). A column is added or
 * changed in the SQLite table file only; migrations are then generated for both dialects (`npm run db:generate`,
 * `npm run db:generate:pg`). The names are listed because drizzle-kit and `import * as schema` read the module's
 * named exports; a new table left out of this list fails test/unit/db/schema-parity.test.ts.
 */
const tables = derivePgSchema(sqliteSchema);

export const {
  organisations,
  accounts,
  sessions,
  apiTokens,
  caseworkerAssignments,
  auditLog,
  settings,
  alerts,
  deliveries,
  takedownCases,
  caseEvents,
  serviceLeases,
  enginePacing,
  hits,
  matches,
  captures,
  evidenceFiles,
  custodyLog,
  impersonationChecks,
  jobs,
  workerHeartbeats,
  people,
  identifiers,
  ownUrls,
  photos,
  photoHashes,
  reverseImageConsents,
  personEngineSettings,
  scanRuns,
  searchOutcomes,
  engineStatus,
  candidates,
  serviceSettings,
  candidateResults,
  uncheckedPages,
  hitSnippets,
  upgradeSteps,
} = tables;
