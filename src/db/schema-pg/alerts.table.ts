import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, json, rowId, timestamp, updatedAt } from './columns.ts';
import { people } from './people.table.ts';
import { hits } from './hits.table.ts';

export const alerts = pgTable(
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
  },
  // alerts_hit_idx: every stored hit asks whether it was already announced, and at what severity.
  // alerts_unread_idx: the overview's unread count for a whole organisation, without reading every alert.
  (t) => [index('alerts_person_idx').on(t.personId, t.createdAt), index('alerts_hit_idx').on(t.hitId, t.kind), index('alerts_unread_idx').on(t.personId).where(sql`read_at is null`)],
);

/** Every attempt to tell someone is a row: sent or failed with its error, never silent. */
export const deliveries = pgTable(
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

export const takedownCases = pgTable(
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

export const caseEvents = pgTable(
  'case_events',
  {
    id: rowId(),
    caseId: text('case_id').notNull().references(() => takedownCases.id, { onDelete: 'cascade' }),
    at: timestamp('at').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    detail: json<Record<string, unknown>>('detail'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);
