'use server';
// Server actions for invitations: invite, resend, accept, decline. Each answers
// `{ ok: true, data } | { ok: false, error: { code, message, details? } }` (./result.ts), with an error
// code from its `errors` (and INVALID_INPUT, INTERNAL; UNAUTHENTICATED for the signed-in ones).
import { cookies } from 'next/headers';
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  allowInvitationAttempt,
  declineInvitation,
  inviteList,
  inviteMembers,
  previewInviteCsv,
  resendInvitation,
} from '@/lib/invitations';
import {
  acceptAsNewUserSchema,
  inviteCsvSchema,
  inviteListSchema,
  inviteMembersSchema,
  resendInvitationSchema,
  tokenSchema,
} from '@/lib/shared/validation';
import { getActor } from '@/app/_lib/session';
import { clientKey } from '@/app/_lib/client-key';
import { sessionCookie } from '@/lib/auth/session';
import { DomainError } from '@/lib/shared/errors';
import { defineAction, definePublicAction } from './result';

/** What an invitation link may be refused with. */
const linkRefusals = [
  'RATE_LIMITED',
  'INVITATION_INVALID',
  'INVITATION_EXPIRED',
  'INVITATION_ALREADY_ACCEPTED',
] as const;

/** Refuses link attempts past the per-client limit (RATE_LIMITED). */
async function limitLinkAttempts() {
  if (!(await allowInvitationAttempt(await clientKey()))) throw new DomainError('RATE_LIMITED');
}

/**
 * Invites up to MAX_INVITATIONS_PER_BATCH (lib/shared/limits.ts) addresses with one role, or resends to those with a pending invitation.
 * Input: `{ organizationId, emails: string[], role: 'admin' | 'member' }`.
 * Output: `{ results: { email, outcome, invitationId?, reason?, code?, retryInSeconds? }[], counts }`,
 * outcome one of invited, resent, sending, already_member, invalid, rate_limited, not_delivered; a
 * rate_limited result's `code` says which limit (RATE_LIMITED, INVITATION_ACCOUNT_LIMIT,
 * INVITATION_ADDRESS_LIMIT), and `retryInSeconds` how long the cooldown has left when that is the limit.
 * An entry that is not an address is an `invalid` result, not an error. `describeOutcome`
 * (lib/shared/invite-outcomes.ts) puts each result in words. The emails are queued in the invitations'
 * transaction and sent by the job queue's worker (docs/email-delivery.md); the action waits up to
 * EMAIL_WAIT_MS (5 s) for them: `sending` is an email still on its way (the queue keeps trying, the list
 * shows the rest), `not_delivered` one the email API refused for good, with its reason.
 * Who: Owners and Admins.
 */
export const inviteMembersAction = defineAction({
  input: inviteMembersSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVITATION_ROLE', 'TOO_MANY_ADDRESSES', 'NO_VALID_ADDRESSES'],
  run: inviteMembers,
  revalidate: [['/admin/[org]', 'layout']],
});

/**
 * Reads an invitation list from a CSV file's text and checks each row before anything is sent (the invite
 * modal's `Upload CSV`). Input: `{ organizationId, csv }`: the file as text, at most MAX_CSV_BYTES
 * (512 KB) and MAX_CSV_ROWS (1,000) rows; a column of addresses and an optional role column (Admin or
 * Member; empty: the role chosen in the form), with a header row (`email`, `role`) or without one (address
 * first, role second), comma or semicolon separated, UTF-8 with or without a byte order mark.
 * Output: `{ rows: { line, email, role, problem?: { code, message }, resend? }[], ready, problems,
 * seatsLeft }`; a row's problem is one of no_address, invalid_address, unknown_role, owner_role,
 * duplicate, already_member. Sends nothing and changes nothing.
 * Who: Owners and Admins. INVALID_CSV: not CSV, no rows, a header without an email column.
 */
export const previewInviteCsvAction = defineAction({
  input: inviteCsvSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVALID_CSV', 'TOO_MANY_ROWS'],
  run: (actor, data) => previewInviteCsv(actor, data),
});

/**
 * Invites a list in which each address has its own role: the rows of an uploaded CSV (and any address
 * typed beside them). Input: `{ organizationId, invites: { email, role: 'admin' | 'member' }[] }`, at most
 * MAX_CSV_ROWS (1,000). Output: as inviteMembersAction; past the organization's hourly cap or its seats,
 * each address gets its outcome (rate_limited, no_seat), never a silent drop. Who: Owners and Admins.
 */
export const inviteListAction = defineAction({
  input: inviteListSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'INVITATION_ROLE', 'TOO_MANY_ADDRESSES', 'NO_VALID_ADDRESSES'],
  run: inviteList,
  revalidate: [['/admin/[org]', 'layout']],
});

/**
 * Sends a pending invitation again with a new link. Input: `{ organizationId, invitationId }`.
 * Output: one invite result. Who: Owners and Admins. INVITATION_DECLINED: the invitee declined it
 * (delete it, or invite the address again).
 */
export const resendInvitationAction = defineAction({
  input: resendInvitationSchema,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'INVITATION_DECLINED',
    'RATE_LIMITED',
    'INVITATION_ACCOUNT_LIMIT',
    'INVITATION_ADDRESS_LIMIT',
  ],
  run: resendInvitation,
  revalidate: [['/admin/[org]', 'layout']],
});

/**
 * Accepts an invitation as the signed-in person. Input: `{ token }`.
 * Output: `{ outcome: 'accepted' | 'already_member', organization, role }`.
 * Who: the person signed in with the invited address. RATE_LIMITED: too many link attempts from one
 * client.
 */
export const acceptInvitationAction = defineAction({
  input: tokenSchema,
  errors: [...linkRefusals, 'INVITATION_EMAIL_MISMATCH'],
  async run(actor, data) {
    await limitLinkAttempts();
    return acceptInvitation(actor, data);
  },
  revalidate: ['/'],
});

/**
 * Accepts an invitation while signed out, for an address that has no account: creates the account,
 * the membership and a session, and sets the session cookie. Input: `{ token, name? }`.
 * Output: as acceptInvitationAction. Who: whoever holds the link. ACCOUNT_EXISTS: sign in first.
 * SSO_SIGN_IN_REQUIRED: the address's organization requires SSO; sign in through its identity provider first.
 */
export const acceptInvitationAsNewUserAction = definePublicAction({
  input: acceptAsNewUserSchema,
  errors: [...linkRefusals, 'ACCOUNT_EXISTS', 'SSO_SIGN_IN_REQUIRED'],
  async run(data) {
    await limitLinkAttempts();
    const {
      sessionToken,
      sessionExpires,
      userId: _userId,
      ...result
    } = await acceptInvitationAsNewUser(data);
    // The cookie Auth.js reads (the same module configures it), so auth() finds this session.
    const { name, options } = sessionCookie();
    (await cookies()).set(name, sessionToken, { ...options, expires: sessionExpires });
    return result;
  },
});

/**
 * Declines an invitation. Input: `{ token }`. Output: `{ organization: { name } }`.
 * Who: whoever holds the link, unless signed in as someone else (INVITATION_EMAIL_MISMATCH).
 */
export const declineInvitationAction = definePublicAction({
  input: tokenSchema,
  errors: [...linkRefusals, 'INVITATION_EMAIL_MISMATCH'],
  async run(data) {
    await limitLinkAttempts();
    return declineInvitation(await getActor(), data);
  },
});
