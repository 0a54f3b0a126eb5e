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

export const emailKindValues = [
  'invitation',
  'role_changed',
  'removed',
  'ownership_transferred',
  'domain_failing',
  'sso_certificate_expiring',
] as const;
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
  'group.created',
  'group.updated',
  'group.members_changed',
  'group.deleted',
  'group.role_mapped',
  'domain.added',
  'domain.verified',
  'domain.failing',
  'domain.unverified',
  'domain.removed',
  'domain.join_policy_changed',
  'join.requested',
  'join.approved',
  'join.declined',
  'join.withdrawn',
  'member.joined',
  'sso.connection_added',
  'sso.connection_changed',
  'sso.connection_removed',
  'sso.tested',
  'sso.signed_in',
  'sso.joined',
  'sso.refused',
  'sso.required_changed',
  'sso.break_glass_changed',
] as const;
export type AuditAction = (typeof auditActionValues)[number];

/**
 * Where a claimed domain is (docs/rules.md, verified domains): pending until its TXT record is found;
 * verified; failing while a re-check misses the record (it still counts, for DOMAIN_GRACE_DAYS); removed
 * when the grace ran out (it counts no more; Verify can bring it back).
 */
export const domainStatusValues = ['pending', 'verified', 'failing', 'removed'] as const;
export type DomainStatus = (typeof domainStatusValues)[number];

/** The statuses in which a domain counts as the organization's (what it unlocks applies). */
export const countingDomainStatuses = ['verified', 'failing'] as const satisfies readonly DomainStatus[];

/** Whether a domain in `status` counts (one of countingDomainStatuses). */
export function isCountingStatus(status: DomainStatus): boolean {
  return (countingDomainStatuses as readonly DomainStatus[]).includes(status);
}

/** What the last lookup of a domain's TXT record found; `unreachable`: it could not be checked. */
export const domainCheckValues = ['found', 'wrong_value', 'missing', 'unreachable'] as const;
export type DomainCheck = (typeof domainCheckValues)[number];

/** How people who sign in with an address at a verified domain join: not at all, by asking, or at once. */
export const joinPolicyValues = ['off', 'suggest', 'automatic'] as const;
export type JoinPolicy = (typeof joinPolicyValues)[number];

export const joinRequestStatusValues = ['pending', 'approved', 'declined'] as const;
export type JoinRequestStatus = (typeof joinRequestStatusValues)[number];

/** The protocols of an SSO connection (DESIGN §11): SAML 2.0 or OpenID Connect. */
export const ssoProtocolValues = ['saml', 'oidc'] as const;
export type SsoProtocol = (typeof ssoProtocolValues)[number];

/** What a request to an identity provider was for: a sign-in, or an Owner's Test connection. */
export const ssoRequestPurposeValues = ['sign_in', 'test'] as const;
export type SsoRequestPurpose = (typeof ssoRequestPurposeValues)[number];

/**
 * How a session was opened: by an emailed link (the magic link, or an invitation's), or through the
 * organization's identity provider. Require SSO ends the `email` sessions of the people it covers.
 */
export const signInMethodValues = ['email', 'sso'] as const;
export type SignInMethod = (typeof signInMethodValues)[number];

/**
 * Why an SSO sign-in was refused (Activity names it; lib/shared/sso-refusals.ts says it to the person).
 * Not a database enum: it lives in the audit event's details.
 */
export const ssoRefusalValues = [
  'unsigned',
  'bad_signature',
  'wrong_audience',
  'wrong_recipient',
  'expired',
  'not_yet_valid',
  'unknown_request',
  'other_browser',
  'replayed',
  'unsolicited',
  'invalid_response',
  'provider_error',
  'no_email',
  'outside_domains',
  'disabled',
  'suspended',
  'jit_off',
  'no_seat',
] as const;
export type SsoRefusal = (typeof ssoRefusalValues)[number];

export function isSsoRefusal(value: unknown): value is SsoRefusal {
  return (ssoRefusalValues as readonly unknown[]).includes(value);
}
