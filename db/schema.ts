// The database schema: Auth.js tables, organizations and their members, invitations, the audit log,
// the log of deleted organizations, the development mailbox and the rate-limit counters. One schema
// serves PGlite and PostgreSQL.
import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { invitationRoleValues, memberRoleValues } from './roles';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const memberRole = pgEnum('member_role', memberRoleValues);
export const invitationRole = pgEnum('invitation_role', invitationRoleValues);
/** A suspended member keeps membership and role but has no access (docs/rules.md rule 11). */
export const memberStatus = pgEnum('member_status', ['active', 'suspended']);
export const invitationStatus = pgEnum('invitation_status', ['pending', 'accepted', 'revoked', 'declined']);
/**
 * Where an email is (docs/email-delivery.md): queued → sending → sent → delivered, or retrying → failed;
 * bounced, complained and delayed come from Resend's webhooks.
 */
export const deliveryStatus = pgEnum('delivery_status', [
  'queued',
  'sent',
  'failed',
  'sending',
  'retrying',
  'delivered',
  'bounced',
  'complained',
  'delayed',
]);
export const emailKind = pgEnum('email_kind', [
  'invitation',
  'role_changed',
  'removed',
  'ownership_transferred',
]);
export const auditAction = pgEnum('audit_action', [
  'organization.created',
  'organization.renamed',
  'organization.ownership_transferred',
  'organization.notifications_changed',
  'organization.seat_limit_changed',
  'invitation.sent',
  'invitation.resent',
  'invitation.role_changed',
  'invitation.revoked',
  'invitation.accepted',
  'invitation.declined',
  'member.role_changed',
  'member.removed',
  'member.left',
  'member.suspended',
  'member.reactivated',
  'members.exported',
  'member.provisioned',
  'member.directory_updated',
  'member.detached',
  'provisioning.enabled',
  'provisioning.disabled',
  'provisioning.token_created',
  'provisioning.token_deleted',
]);

// ---------------------------------------------------------------------------------------------------
// Auth.js (the property names are the ones @auth/drizzle-adapter expects)

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name'),
    email: text('email').notNull().unique(),
    emailVerified: timestamp('email_verified', { withTimezone: true, mode: 'date' }),
    image: text('image'),
    createdAt: createdAt(),
  },
  // The user table's search: `lower(email) LIKE '%…%'` and `lower(coalesce(name, '')) LIKE '%…%'`.
  (t) => [
    index('users_email_trgm_idx').using('gin', sql`lower(${t.email}) gin_trgm_ops`),
    index('users_name_trgm_idx').using('gin', sql`lower(coalesce(${t.name}, '')) gin_trgm_ops`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'email' | 'oauth' | 'oidc' | 'webauthn'>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index('accounts_user_id_idx').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text('session_token').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // sessions_expires_idx: pruning expired sessions (lib/jobs/prune.ts) reads the oldest first.
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_idx').on(t.expires)],
);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.identifier, t.token] }),
    index('verification_tokens_expires_idx').on(t.expires),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Organizations and membership

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** Email people when their role changes, they are removed, or they are made Owner (Settings). */
  notifyMemberChanges: boolean('notify_member_changes').notNull().default(true),
  /** How many seats the organization has (active members + pending unexpired invitations); null: no limit. */
  seatLimit: integer('seat_limit'),
  /** SCIM provisioning is on (the Provisioning page): the organization's tokens work only while it is. */
  scimEnabled: boolean('scim_enabled').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull(),
    status: memberStatus('status').notNull().default('active'),
    /** When the member was last suspended (kept after a reactivation, for the record). */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    /** When they last used AI Hub in the organization, to the hour (lib/members/last-active.ts); null: not since joining. */
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }),
    /** Who sent the invitation this membership came from, if any. */
    invitedById: uuid('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    /**
     * Created or taken over by the organization's identity provider over SCIM (lib/scim): the console
     * leaves the member to the directory until an Owner detaches them.
     */
    directoryManaged: boolean('directory_managed').notNull().default(false),
    /** The directory's own id for the person (SCIM `externalId`). */
    externalId: text('external_id'),
    /** The SCIM `userName` the directory gave, lower-cased; null: the account's address is the userName. */
    scimUserName: text('scim_user_name'),
    /** The name the directory gives the person here (the account's own name is theirs to change). */
    directoryName: text('directory_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('memberships_organization_user_idx').on(t.organizationId, t.userId),
    // SCIM look-ups by userName and externalId (a directory's first request for each person).
    uniqueIndex('memberships_organization_scim_user_name_idx')
      .on(t.organizationId, t.scimUserName)
      .where(sql`scim_user_name IS NOT NULL`),
    index('memberships_organization_external_id_idx').on(t.organizationId, t.externalId),
    index('memberships_user_organization_idx').on(t.userId, t.organizationId),
    // The role filter in date order, and the Owner count.
    index('memberships_organization_role_created_idx').on(t.organizationId, t.role, t.createdAt),
    // The date order, its ties by id (a SCIM page: lib/scim/users.ts).
    index('memberships_organization_created_idx').on(t.organizationId, t.createdAt, t.id),
    // Seats: the active members, counted from the index alone.
    index('memberships_organization_status_idx').on(t.organizationId, t.status),
    // The Last active sort and the inactivity filter.
    index('memberships_organization_last_active_idx').on(t.organizationId, t.lastActiveAt),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Trimmed and lower-cased. */
    email: text('email').notNull(),
    role: invitationRole('role').notNull(),
    /** SHA-256 of the link's secret, hex. The secret itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    status: invitationStatus('status').notNull().default('pending'),
    invitedById: uuid('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    sendCount: integer('send_count').notNull().default(1),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull().defaultNow(),
    deliveryStatus: deliveryStatus('delivery_status').notNull().default('queued'),
    deliveryError: text('delivery_error'),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedById: uuid('accepted_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('invitations_one_pending_per_email_idx')
      .on(t.organizationId, t.email)
      .where(sql`${t.status} = 'pending'`),
    index('invitations_organization_status_created_idx').on(t.organizationId, t.status, t.createdAt),
    index('invitations_email_idx').on(t.email),
    // The user table lists pending and declined invitations (a declined one stays until an admin removes
    // or re-invites it) in date order: first invited (created_at), which a resend does not move. Written
    // as "neither accepted nor revoked": the migration that adds 'declined' cannot use it in the same
    // transaction, and lib/user-table/list.ts repeats this condition word for word so the index applies.
    index('invitations_organization_listed_created_idx')
      .on(t.organizationId, t.createdAt)
      .where(sql`${t.status} not in ('accepted', 'revoked')`),
    index('invitations_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
  ],
);

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

/**
 * A SCIM bearer token of an organization (lib/scim/tokens.ts): only its SHA-256 hash is kept; it works
 * only under /api/scim/v2, for its organization, while provisioning is on and until it expires.
 */
export const scimTokens = pgTable(
  'scim_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When a request last used it, to the minute. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('scim_tokens_organization_idx').on(t.organizationId, t.createdAt)],
);

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
    targetType: text('target_type').$type<'member' | 'invitation' | 'organization'>().notNull(),
    targetId: uuid('target_id'),
    targetEmail: text('target_email'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  // The activity page reads newest first, filtered by who made the change (the actor's address, or the
  // invitee's for a decline made signed out: lib/audit.ts `eventPerson`) and by kind, each an index whose
  // order is the page's, so a page is read from its first row on however rare the filter.
  (t) => [
    index('audit_events_organization_created_idx').on(t.organizationId, t.createdAt.desc()),
    index('audit_events_organization_person_created_idx').on(
      t.organizationId,
      sql`lower(coalesce(${t.actorEmail}, ${t.targetEmail}))`,
      t.createdAt.desc(),
    ),
    index('audit_events_organization_action_created_idx').on(t.organizationId, t.action, t.createdAt.desc()),
  ],
);

/**
 * Who deleted which organization, and when. Deliberately without a foreign key to organizations: the
 * organization's own audit events are deleted with it (they cascade), and this row is the record that
 * outlives it. Written in the deleting transaction. The actor's email is kept as written, so the row
 * still reads after the account is gone.
 */
export const organizationDeletions = pgTable(
  'organization_deletions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    /** Memberships at the moment of deletion (read under the organization's lock). */
    memberCount: integer('member_count').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organization_deletions_organization_idx').on(t.organizationId)],
);

// ---------------------------------------------------------------------------------------------------
// Infrastructure

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

/**
 * Fixed-window counters, shared by every app server because they live in the database. A row is one
 * key's window; `expires_at` (the window's end) says when nothing reads it any more, so that pruning
 * (lib/jobs/prune.ts) can find finished windows through its index whatever their length.
 */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.windowStart] }),
    index('rate_limit_buckets_expires_at_idx').on(t.expiresAt),
  ],
);

// ---------------------------------------------------------------------------------------------------
// Relations

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships),
}));

export const organizationsRelations = relations(organizations, ({ many }) => ({
  memberships: many(memberships),
  invitations: many(invitations),
  auditEvents: many(auditEvents),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  organization: one(organizations, { fields: [memberships.organizationId], references: [organizations.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  organization: one(organizations, { fields: [invitations.organizationId], references: [organizations.id] }),
  invitedBy: one(users, { fields: [invitations.invitedById], references: [users.id] }),
}));

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  organization: one(organizations, { fields: [auditEvents.organizationId], references: [organizations.id] }),
  actor: one(users, { fields: [auditEvents.actorId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type Organization = typeof organizations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type OrganizationDeletion = typeof organizationDeletions.$inferSelect;
export type MailboxMessage = typeof mailboxMessages.$inferSelect;
export type MemberRole = (typeof memberRole.enumValues)[number];
export type MemberStatus = (typeof memberStatus.enumValues)[number];
export type InvitationRole = (typeof invitationRole.enumValues)[number];
export type AuditAction = (typeof auditAction.enumValues)[number];
