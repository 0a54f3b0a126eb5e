// Organizations and their people: members, invitations, and the record of deleted organizations.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, updatedAt } from './columns';
import { deliveryStatus, invitationRole, invitationStatus, memberRole, memberStatus } from './enums';
import { scimGroups } from './scim';

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
  /**
   * Require SSO (the SSO page): addresses at the organization's verified domains sign in through its
   * enabled connection only; magic links are refused them, except for its break-glass Owners (lib/sso).
   */
  requireSso: boolean('require_sso').notNull().default(false),
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
    /**
     * The SCIM `userName` exactly as the directory sent it (matched case-insensitively: lower() index
     * below); null: the account's address is the userName. Rows from before migration 0018 hold it lower-cased.
     */
    scimUserName: text('scim_user_name'),
    /** The name the directory gives the person here (the account's own name is theirs to change). */
    directoryName: text('directory_name'),
    /**
     * The directory's attributes of the person exactly as sent (lib/scim/profile.ts ScimProfile): name
     * parts, displayName, title, phoneNumbers, addresses, preferredLanguage, locale, timezone and the
     * enterprise extension. Null: none sent.
     */
    scimProfile: jsonb('scim_profile'),
    /** The directory's `title` and enterprise `department`, copied out of scimProfile for the users list and its filters. */
    title: text('title'),
    department: text('department'),
    /**
     * The directory group whose role mapping gave the member their role (lib/scim/groups/roles.ts): set,
     * the role follows the mappings and the console cannot change it; null, it is set as any role is.
     */
    roleGroupId: uuid('role_group_id').references((): AnyPgColumn => scimGroups.id, { onDelete: 'set null' }),
    /** An Owner the organization named break-glass: keeps the magic link under Require SSO. */
    ssoBreakGlass: boolean('sso_break_glass').notNull().default(false),
    /** Their last sign-in through the organization's identity provider; set: marked SSO in the list. */
    ssoSignedInAt: timestamp('sso_signed_in_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('memberships_organization_user_idx').on(t.organizationId, t.userId),
    // SCIM look-ups by userName and externalId (a directory's first request for each person).
    uniqueIndex('memberships_organization_scim_user_name_lower_idx')
      .on(t.organizationId, sql`lower(${t.scimUserName})`)
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
    // The users list's Department filter.
    index('memberships_organization_department_idx').on(t.organizationId, t.department),
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

export type Organization = typeof organizations.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type OrganizationDeletion = typeof organizationDeletions.$inferSelect;
