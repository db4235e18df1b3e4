import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, json, timestamp, updatedAt } from './columns.ts';
import { people } from './people.table.ts';
import { hits } from './hits.table.ts';

export const alerts = sqliteTable(
  'alerts',
  {
    id: id(),
    personId: text('person_id').notNull().references(() => people.id, { onDelete: 'cascade' }),
    hitId: text('hit_id').references(() => hits.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['exposure', 'health'] }).notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    /** Why a health alert fired (no successful scan, every engine blocked); never personal data. */
    detail: json<Record<string, unknown>>('detail'),
    createdAt: createdAt(),
    readAt: timestamp('read_at'),
    /**
     * The order alerts were stored in, whatever the clocks of the processes that stored them: the next number
     * is taken under the writers' lock (alerts.repository.ts), so it grows in commit order. The live alert
     * stream's cursor. Rows stored before the column existed carry their SQLite rowid.
     */
    seq: integer('seq'),
  },
  // alerts_hit_idx: every stored hit asks whether it was already announced, and at what severity.
  // alerts_unread_idx: the overview's unread count for a whole organisation, without reading every alert.
  // alerts_seq_idx: the stream's poll reads the alerts after its cursor; unique, so two writers can never share a number.
  (t) => [
    index('alerts_person_idx').on(t.personId, t.createdAt), index('alerts_hit_idx').on(t.hitId, t.kind), index('alerts_unread_idx').on(t.personId).where(sql`read_at is null`),
    uniqueIndex('alerts_seq_idx').on(t.seq),
  ],
);

/** Every attempt to tell someone is a row: sent or failed with its error, never silent. */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: id(),
    alertId: text('alert_id').references(() => alerts.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'webhook', 'web'] }).notNull(),
    target: text('target').notNull(),
    mode: text('mode', { enum: ['immediate', 'digest'] }).notNull().default('immediate'),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'gave_up'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('deliveries_status_idx').on(t.status, t.nextAttemptAt), index('deliveries_alert_idx').on(t.alertId)],
);

export const takedownCases = sqliteTable(
  'takedown_cases',
  {
    id: id(),
    hitId: text('hit_id').notNull().unique().references(() => hits.id, { onDelete: 'cascade' }),
    status: text('status', {
      enum: ['new', 'reviewing', 'takedown_sent', 'removed', 'no_response', 'refused', 'false_positive'],
    }).notNull(),
    recipient: json<Record<string, unknown>>('recipient'),
    bases: json<string[]>('bases').notNull(),
    language: text('language').notNull(),
    draftSubject: text('draft_subject'),
    draftBody: text('draft_body'),
    sentAt: timestamp('sent_at'),
    deadlineAt: timestamp('deadline_at'),
    nextRecheckAt: timestamp('next_recheck_at'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: timestamp('closed_at'),
  },
  // takedown_cases_open_deadline_idx: the overview's nearest deadlines of open cases.
  (t) => [index('takedown_cases_deadline_idx').on(t.status, t.deadlineAt), index('takedown_cases_open_deadline_idx').on(t.deadlineAt).where(sql`closed_at is null`)],
);

export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id').notNull().references(() => takedownCases.id, { onDelete: 'cascade' }),
    at: timestamp('at').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    detail: json<Record<string, unknown>>('detail'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);
