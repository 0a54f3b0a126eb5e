// Provisioning over SCIM: the organizations' bearer tokens, and the groups their directories push.
import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { createdAt, updatedAt } from './columns';
import { invitationRole } from './enums';
import { memberships } from './organizations';
import { organizationRef } from './references';

/**
 * A SCIM bearer token of an organization (lib/scim/tokens.ts): only its SHA-256 hash is kept; it works
 * only under /api/scim/v2, for its organization, while provisioning is on and until it expires.
 */
export const scimTokens = pgTable(
  'scim_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
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

/**
 * A group the organization's directory pushed (SCIM Groups, DESIGN §12; lib/scim/groups). Its name is
 * unique in the organization, case-insensitively. `mappedRole` set: its members get that role (Admin or
 * Member, never Owner; the highest of their groups' wins: lib/scim/groups/roles.ts).
 */
export const scimGroups = pgTable(
  'scim_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: organizationRef(),
    displayName: text('display_name').notNull(),
    externalId: text('external_id'),
    mappedRole: invitationRole('mapped_role'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // filter=displayName eq "…" (every sync), and the uniqueness of a name.
    uniqueIndex('scim_groups_organization_display_name_idx').on(
      t.organizationId,
      sql`lower(${t.displayName})`,
    ),
    index('scim_groups_organization_external_id_idx').on(t.organizationId, t.externalId),
    // A page of groups in date order, its ties by id.
    index('scim_groups_organization_created_idx').on(t.organizationId, t.createdAt, t.id),
  ],
);

/** A member of a directory group: gone with the group, and with the membership (leaving the organization leaves its groups). */
export const scimGroupMembers = pgTable(
  'scim_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => scimGroups.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => memberships.id, { onDelete: 'cascade' }),
    organizationId: organizationRef(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.membershipId] }),
    // A member's groups (their mapped role; members[value eq "…"]).
    index('scim_group_members_membership_idx').on(t.membershipId),
  ],
);
