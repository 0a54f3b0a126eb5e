// The values of the member_role and invitation_role enums, most access first. A module of plain
// constants with no imports: the schema builds its enums from it, and lib/shared/policy.ts (which the browser
// loads too) derives every role fact from it without loading the schema. Changing a value or the order
// needs a migration: PostgreSQL sorts an enum in the order it was declared.
export const memberRoleValues = ['owner', 'admin', 'member'] as const;

/** The roles an invitation can carry: every role but Owner (docs/rules.md rule 3). */
export const invitationRoleValues = [
  'admin',
  'member',
] as const satisfies readonly (typeof memberRoleValues)[number][];
