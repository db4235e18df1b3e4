import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, id, json, timestamp, updatedAt } from './columns.ts';
import { people, photos } from './people.table.ts';
import type { MatchRegion } from '../../modules/evidence/match-box.models.ts';

/** One exposure: stored once per person and normalised URL; re-scans update `last_seen_at`. */
export const hits = sqliteTable(
  'hits',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    normalizedUrl: text('normalized_url').notNull(),
    finalUrl: text('final_url'),
    host: text('host').notNull(),
    title: text('title'),
    pageLanguage: text('page_language'),
    status: text('status', { enum: ['new', 'seen', 'false_positive', 'resolved'] }).notNull().default('new'),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    categories: json<string[]>('categories').notNull(),
    linkage: bool('linkage').notNull().default(false),
    reasons: json<string[]>('reasons').notNull(),
    /** `page`: the page showed it; `snippet`: only a search result did (the page could not be checked or no longer shows it). */
    source: text('source', { enum: ['page', 'snippet'] }).notNull().default('page'),
    firstSeenAt: timestamp('first_seen_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    lastScanRunId: text('last_scan_run_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('hits_person_url_unique').on(t.personId, t.normalizedUrl),
    index('hits_person_status_idx').on(t.personId, t.status),
    // The exposures list's order (worst first, then newest): a page reads its own rows, not the whole table.
    // The expression must stay written exactly as the list's ORDER BY (web/read-models/exposures.ts) for SQLite to use it.
    index('hits_rank_seen_idx').on(sql`(case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end)`, sql`first_seen_at desc`, sql`id desc`),
    // The overview's counts by status and severity and its 30-day chart, answered from the index alone.
    index('hits_person_status_severity_idx').on(t.personId, t.status, t.severity, t.firstSeenAt),
  ],
);

export const matches = sqliteTable(
  'matches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    hitId: text('hit_id').notNull().references(() => hits.id, { onDelete: 'cascade' }),
    captureId: text('capture_id'),
    kind: text('kind', { enum: ['name', 'alias', 'phone', 'email', 'address', 'handle', 'photo', 'impersonation'] }).notNull(),
    value: text('value').notNull(),
    found: text('found'),
    reason: text('reason'),
    imageUrl: text('image_url'),
    photoId: text('photo_id').references(() => photos.id, { onDelete: 'set null' }),
    distance: integer('distance'),
    quality: real('quality'),
    /** A photo found inside a larger picture: where (pixels of that picture) and in which one. */
    region: json<MatchRegion>('region'),
    createdAt: createdAt(),
  },
  (t) => [index('matches_hit_idx').on(t.hitId)],
);

/** Evidence of one visit to a hit's page (the first capture, and every re-check). */
export const captures = sqliteTable(
  'captures',
  {
    id: id(),
    hitId: text('hit_id').notNull().references(() => hits.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['initial', 'recheck'] }).notNull(),
    outcome: text('outcome', { enum: ['captured', 'removed', 'still_up', 'blocked', 'failed'] }).notNull(),
    requestedUrl: text('requested_url').notNull(),
    finalUrl: text('final_url'),
    httpStatus: integer('http_status'),
    serverIp: text('server_ip'),
    /**
     * The response headers' JSON, sealed like the addresses (captures.repository.ts seals and parses it). Plain text,
     * not json mode: that would quote the sealed string on write and fail to parse it on read. Same SQL type, no migration.
     */
    headers: text('headers'),
    title: text('title'),
    language: text('language'),
    /** Evidence files by role: screenshot, html, mhtml, image:N. Values are content hashes in the vault. */
    artifacts: json<Record<string, string>>('artifacts').notNull(),
    capturedAt: timestamp('captured_at').notNull(),
    timestampToken: text('timestamp_token'),
  },
  (t) => [index('captures_hit_idx').on(t.hitId)],
);

export const evidenceFiles = sqliteTable('evidence_files', {
  sha256: text('sha256').primaryKey(),
  sizeBytes: integer('size_bytes').notNull(),
  mimeType: text('mime_type').notNull(),
  encrypted: bool('encrypted').notNull(),
  createdAt: createdAt(),
});

/** Append-only; each entry's hash covers the previous entry's hash, so any edit or removal breaks the chain. */
export const custodyLog = sqliteTable(
  'custody_log',
  {
    seq: integer('seq').primaryKey(),
    at: timestamp('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    detail: json<Record<string, unknown>>('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    entryHash: text('entry_hash').notNull(),
  },
  // subject_id alone: an exposure page reads the entries of its hit, captures and case in one query.
  (t) => [index('custody_log_subject_idx').on(t.subjectType, t.subjectId), index('custody_log_subject_id_idx').on(t.subjectId)],
);
