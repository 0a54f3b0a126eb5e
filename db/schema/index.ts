// The database schema, by area: Auth.js's tables, organizations and their people, the audit log, email,
// SCIM tokens, rate limits, verified domains and
// SSO connections. One schema serves PGlite and PostgreSQL; drizzle-kit reads it from here
// (drizzle.config.ts), and the client hands all of it to Drizzle (db/client.ts). The enums' values and
// their types are in db/values.ts.
export { accounts, sessions, users, verificationTokens, type User } from './auth';
export {
  auditAction,
  deliveryStatus,
  domainCheck,
  domainStatus,
  emailKind,
  invitationRole,
  invitationStatus,
  joinPolicy,
  joinRequestStatus,
  memberRole,
  memberStatus,
  signInMethod,
  ssoProtocol,
  ssoRequestPurpose,
} from './enums';
export {
  invitations,
  memberships,
  organizationDeletions,
  organizations,
  type Invitation,
  type Membership,
  type Organization,
  type OrganizationDeletion,
} from './organizations';
export { auditEvents, type AuditEvent } from './audit';
export { emailEvents, emailMessages, mailboxMessages, type MailboxMessage } from './email';
export { scimGroupMembers, scimGroups, scimTokens } from './scim';
export { rateLimitBuckets } from './rate-limits';
export { developmentDnsRecords, joinRequests, organizationDomains } from './domains';
export {
  ssoAssertions,
  ssoConnections,
  ssoRequests,
  type SsoConnection,
  type SsoRequest,
  type SsoTestResult,
} from './sso';
