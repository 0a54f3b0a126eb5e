// The values of the database's enums, and their types: the one home of each list (docs/architecture.md).
// Plain constants with no imports, so that the schema builds its enums from them and the modules the
// browser loads (lib/shared) derive every fact from them without loading the schema. Changing a value
// or the order needs a migration: PostgreSQL sorts an enum in the order it was declared.

/** Every role, most access first. */
export const memberRoleValues = ['owner', 'admin', 'member'] as const;
export type MemberRole = (typeof memberRoleValues)[number];

/** The roles an invitation can carry: every role but Owner (docs/rules.md rule 3). */
export const invitationRoleValues = ['admin', 'member'] as const satisfies readonly MemberRole[];
export type InvitationRole = (typeof invitationRoleValues)[number];

/** A suspended member keeps membership and role but has no access (docs/rules.md rule 8a). */
export const memberStatusValues = ['active', 'suspended'] as const;
export type MemberStatus = (typeof memberStatusValues)[number];

export const invitationStatusValues = ['pending', 'accepted', 'revoked', 'declined'] as const;
export type InvitationStatus = (typeof invitationStatusValues)[number];

/**
 * Where an email is (docs/email-delivery.md): queued → sending → sent → delivered, or retrying → failed;
 * bounced, complained and delayed come from Resend's webhooks.
 */
export const deliveryStatusValues = [
  'queued',
  'sent',
  'failed',
  'sending',
  'retrying',
  'delivered',
  'bounced',
  'complained',
  'delayed',
] as const;
export type DeliveryStatus = (typeof deliveryStatusValues)[number];

export const emailKindValues = ['invitation', 'role_changed', 'removed', 'ownership_transferred'] as const;
export type EmailKind = (typeof emailKindValues)[number];

/** Every kind of event the audit log records (lib/audit.ts; their sentences: lib/shared/activity-sentences.ts). */
export const auditActionValues = [
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
] as const;
export type AuditAction = (typeof auditActionValues)[number];
