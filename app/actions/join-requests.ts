'use server';
// Server actions for joining through a verified domain (DESIGN §10): the person asks to join (or
// withdraws the request) from their home page; Owners and Admins approve or decline in the users list.
// Each answers `{ ok: true, data } | { ok: false, error: { code, message, details? } }` (see ./result.ts).
import { askToJoin, withdrawJoinRequest } from '@/lib/domains/join';
import { approveJoinRequest, declineJoinRequest } from '@/lib/domains/join-decide';
import { joinRequestSchema, organizationIdSchema } from '@/lib/shared/validation';
import { defineAction } from './result';

/**
 * Asks to join the organization whose verified domain is the person's address's, with the Suggest or
 * Automatic policy. Input: `{ organizationId }`. Output: `{ requestId, organizationName }`. Who: a person
 * signed in with an address at the domain who is not a member there. Recorded in the activity log.
 */
export const askToJoinAction = defineAction({
  input: organizationIdSchema,
  errors: ['JOIN_NOT_OFFERED', 'JOIN_ALREADY_MEMBER', 'JOIN_REQUEST_PENDING'],
  run: askToJoin,
  revalidate: ['/'],
});

/**
 * Withdraws the person's own pending request. Input: `{ organizationId }`. Output: `{ withdrawn }`
 * (false when nothing was pending: it was answered or withdrawn already). Who: the person who asked.
 */
export const withdrawJoinRequestAction = defineAction({
  input: organizationIdSchema,
  errors: [],
  run: withdrawJoinRequest,
  revalidate: ['/'],
});

/**
 * Approves a request: the person joins as Member, taking a seat. Input: `{ organizationId, requestId }`.
 * Output: `{ email, alreadyMember }`. Who: Owners and Admins. Past the seat limit: SEAT_LIMIT, and the
 * request stays pending. A request answered meanwhile: JOIN_REQUEST_DECIDED.
 */
export const approveJoinRequestAction = defineAction({
  input: joinRequestSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'SEAT_LIMIT', 'JOIN_REQUEST_DECIDED'],
  run: approveJoinRequest,
  revalidate: [['/admin/[org]', 'layout']],
});

/**
 * Declines a request (the person may ask again). Input: `{ organizationId, requestId }`. Output:
 * `{ email }`. Who: Owners and Admins. A request answered meanwhile: JOIN_REQUEST_DECIDED.
 */
export const declineJoinRequestAction = defineAction({
  input: joinRequestSchema,
  errors: ['NOT_FOUND', 'FORBIDDEN', 'JOIN_REQUEST_DECIDED'],
  run: declineJoinRequest,
  revalidate: [['/admin/[org]', 'layout']],
});
