import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bool, boolDefault, createdAt, id, json, rowId, timestamp, updatedAt } from './columns.ts';
import { organisations } from './accounts.table.ts';

/** A person being watched. `label` is what the dashboard and emails show: a pseudonym, never required to be a legal name. */
export const people = pgTable(
  'people',
  {
    id: id(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    language: text('language').notNull().default('en'),
    defaultCountry: text('default_country').notNull().default('BE'),
    timezone: text('timezone').notNull().default('UTC'),
    /** The fictional demo person: scanned only against the built-in simulated web, never the real one. */
    isDemo: bool('is_demo').notNull().default(boolDefault(false)),
    scheduleCron: text('schedule_cron').notNull(),
    scheduleEnabled: bool('schedule_enabled').notNull().default(boolDefault(true)),
    nextScanAt: timestamp('next_scan_at'),
    lastScanAt: timestamp('last_scan_at'),
    lastSuccessAt: timestamp('last_success_at'),
    /** Position in the rotating list of site-scoped queries, so coverage grows across scans. */
    queryCursor: integer('query_cursor').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('people_org_idx').on(t.organisationId), index('people_next_scan_idx').on(t.nextScanAt)],
);

export const identifiers = pgTable(
  'identifiers',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['name', 'alias', 'phone', 'email', 'address', 'handle'] }).notNull(),
    /** As the person wrote it (encrypted at rest once an evidence key exists). */
    value: text('value').notNull(),
    /** Canonical form used for de-duplication (E.164 phone, lower-case email...). */
    normalized: text('normalized').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('identifiers_unique').on(t.personId, t.kind, t.normalized)],
);

export const ownUrls = pgTable(
  'own_urls',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    normalizedUrl: text('normalized_url').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('own_urls_unique').on(t.personId, t.normalizedUrl)],
);

export const photos = pgTable(
  'photos',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    sha256: text('sha256').notNull(),
    pdq: text('pdq').notNull(),
    quality: integer('quality').notNull(),
    blockhash: text('blockhash').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Only when the person opted in for reverse-image upload; an encrypted evidence-store reference. */
    originalRef: text('original_ref'),
    exifFindings: json<Record<string, unknown>>('exif_findings'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('photos_unique').on(t.personId, t.sha256)],
);

/** Dihedral variants and crop-region hashes of each photo, all compared against page images. */
export const photoHashes = pgTable(
  'photo_hashes',
  {
    id: rowId(),
    photoId: text('photo_id').notNull().references(() => photos.id, { onDelete: 'cascade' }),
    variant: text('variant').notNull(),
    pdq: text('pdq').notNull(),
    quality: integer('quality').notNull(),
  },
  (t) => [index('photo_hashes_photo_idx').on(t.photoId)],
);

export const reverseImageConsents = pgTable(
  'reverse_image_consents',
  {
    id: id(),
    photoId: text('photo_id').notNull().references(() => photos.id, { onDelete: 'cascade' }),
    engine: text('engine').notNull(),
    grantedAt: timestamp('granted_at').notNull(),
    grantedBy: text('granted_by'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('reverse_image_consents_unique').on(t.photoId, t.engine)],
);

export const personEngineSettings = pgTable(
  'person_engine_settings',
  {
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    engine: text('engine').notNull(),
    enabled: bool('enabled').notNull().default(boolDefault(true)),
    detail: json<Record<string, unknown>>('detail'),
  },
  (t) => [uniqueIndex('person_engine_settings_unique').on(t.personId, t.engine)],
);
