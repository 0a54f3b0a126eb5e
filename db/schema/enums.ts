// The database's enums, built from the value lists of db/values.ts.
import { pgEnum } from 'drizzle-orm/pg-core';
import {
  auditActionValues,
  deliveryStatusValues,
  domainCheckValues,
  domainStatusValues,
  emailKindValues,
  invitationRoleValues,
  invitationStatusValues,
  joinPolicyValues,
  joinRequestStatusValues,
  memberRoleValues,
  memberStatusValues,
  signInMethodValues,
  ssoProtocolValues,
  ssoRequestPurposeValues,
} from '../values';

export const memberRole = pgEnum('member_role', memberRoleValues);
export const invitationRole = pgEnum('invitation_role', invitationRoleValues);
export const memberStatus = pgEnum('member_status', memberStatusValues);
export const invitationStatus = pgEnum('invitation_status', invitationStatusValues);
export const deliveryStatus = pgEnum('delivery_status', deliveryStatusValues);
export const emailKind = pgEnum('email_kind', emailKindValues);
export const auditAction = pgEnum('audit_action', auditActionValues);
export const domainStatus = pgEnum('domain_status', domainStatusValues);
export const domainCheck = pgEnum('domain_check', domainCheckValues);
export const joinPolicy = pgEnum('join_policy', joinPolicyValues);
export const joinRequestStatus = pgEnum('join_request_status', joinRequestStatusValues);
export const ssoProtocol = pgEnum('sso_protocol', ssoProtocolValues);
export const ssoRequestPurpose = pgEnum('sso_request_purpose', ssoRequestPurposeValues);
export const signInMethod = pgEnum('sign_in_method', signInMethodValues);
