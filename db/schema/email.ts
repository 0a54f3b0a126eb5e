// Email: the queued messages about changes and their delivery events (docs/email-delivery.md), and the
// development mailbox.
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { deliveryStatus, emailKind } from './enums';
import { invitations, organizations } from './organizations';

/**
 * One email about a change, written in the change's transaction with the queue job that sends it
 * (docs/email-delivery.md). Never its rendered body: `payload` holds the facts its template needs (an
 * invitation's link secret encrypted, and erased once sent).
 */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** An invitation's email goes with its row: deleting the invitation drops an email not yet sent. */
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'cascade' }),
    kind: emailKind('kind').notNull(),
    recipient: text('recipient').notNull(),
    /** Its place among the messages queued with it: a batch lists its messages in this order, every try. */
    position: integer('position').notNull().default(0),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: deliveryStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    error: text('error'),
    /** The messages sent in one API call share it; a retried call uses it again as its idempotency key. */
    batchKey: uuid('batch_key'),
    /** Resend's id for the message, which its webhooks name. */
    providerId: text('provider_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('email_messages_provider_id_idx').on(t.providerId),
    index('email_messages_invitation_idx').on(t.invitationId),
    index('email_messages_batch_idx').on(t.batchKey),
  ],
);

/** Resend webhook events already applied, by their svix id: a replayed event changes nothing. */
export const emailEvents = pgTable('email_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  providerId: text('provider_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The development mailbox: every message the mailbox transport "sent". Never written by Resend. */
export const mailboxMessages = pgTable(
  'mailbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    from: text('from').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mailbox_messages_sent_at_idx').on(t.sentAt.desc())],
);

export type MailboxMessage = typeof mailboxMessages.$inferSelect;
