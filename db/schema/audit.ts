// The audit log: one event per change, written in the change's own transaction (lib/audit.ts).
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt } from './columns';
import { auditAction } from './enums';
import { organizations } from './organizations';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept as written at the time, so the log still reads after the account is gone. */
    actorEmail: text('actor_email'),
    action: auditAction('action').notNull(),
    targetType: text('target_type').$type<'member' | 'invitation' | 'organization' | 'group'>().notNull(),
    targetId: uuid('target_id'),
    targetEmail: text('target_email'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  // The activity page reads newest first, filtered by a person (who made the change: the actor's address,
  // or the invitee's for a decline made signed out, lib/audit.ts `eventPerson`; or to whom it was made,
  // `eventTarget`) and by kind, each an index whose order is the page's, so a page is read from its first
  // row on however rare the filter (a person's two sides are two index scans, OR-ed).
  (t) => [
    index('audit_events_organization_created_idx').on(t.organizationId, t.createdAt.desc()),
    index('audit_events_organization_person_created_idx').on(
      t.organizationId,
      sql`lower(coalesce(${t.actorEmail}, ${t.targetEmail}))`,
      t.createdAt.desc(),
    ),
    index('audit_events_organization_target_created_idx').on(
      t.organizationId,
      sql`lower(${t.targetEmail})`,
      t.createdAt.desc(),
    ),
    index('audit_events_organization_action_created_idx').on(t.organizationId, t.action, t.createdAt.desc()),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
