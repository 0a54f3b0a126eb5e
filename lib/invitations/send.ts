// Sending and resending (docs/rules.md rules 3, 10 and 12): every invitation of a request written in one
// transaction under the organization's lock, with its audit event and its share of the sending caps;
// the emails go out after the commit.
import 'server-only';
import { getDb, type Transaction } from '@/db/client';
import type { InvitationRole, MemberRole } from '@/db/values';
import type { PersonActor } from '../shared/actor';
import { lockOrganization, requirePermission, type LockedOrganization } from '../access';
import { now } from '../clock';
import { invitationSettings } from '../config';
import { normalizeEmail, parseAddresses } from '../shared/email-address';
import { MAX_CSV_ROWS } from '../shared/limits';
import { fail, refuse } from '../shared/errors';
import { invitableRoles } from '../shared/policy';
import { isInvitationRole, isRole } from '@/lib/shared/roles';
import { freeSeats, noSeatReason } from '../organizations/seats';
import { applyCaps, countSent, type Sender } from './caps';
import { auditSent, writeInvitations, type Timing, type Written } from './write';
import { classifyAddresses, type Candidate } from './classify';
import { emailQueue } from '../email/queue';
import { awaitDelivery, deliveryResults, invitationEmails } from './delivery';
import { INVALID_ADDRESS, summarize, type InviteResult, type InviteSummary } from '../shared/invite-outcomes';

/**
 * The addresses of a request: the valid ones normalized, each once (its first occurrence), grouped by the
 * role they are invited with, in the order given; the invalid ones as entered.
 */
interface InviteRequest {
  groups: { role: InvitationRole; emails: string[] }[];
  valid: string[];
  invalid: string[];
}

/**
 * Invites every address with one role (Admin or Member). Re-adding an address that has a pending
 * invitation resends it: a new link (the old one stops working), the expiry starts again and the role
 * becomes the one chosen now. One transaction writes every invitation and its audit event; the emails go
 * out after the commit, MAX_BATCH per API call; each invitation records its delivery result. An address
 * sent to less than the cooldown ago, past the organization's hourly cap, past the inviting account's
 * daily cap or past its own daily cap (both across all organizations) is `rate_limited`, with `code`
 * saying which; the other addresses still go out.
 */
export async function inviteMembers(
  actor: PersonActor,
  input: { organizationId: string; emails: readonly string[]; role: InvitationRole | MemberRole },
  options: { resendOnly?: boolean } = {},
): Promise<InviteSummary> {
  const invites = input.emails.map((email) => ({ email, role: input.role }));
  return invite(actor, input.organizationId, invites, invitationSettings().maxPerBatch, options);
}

/**
 * Invites a list in which each address has its own role (an uploaded CSV: lib/invitations/csv.ts), up
 * to MAX_CSV_ROWS addresses, as inviteMembers does: one transaction, each role's addresses in turn under
 * the same seats and caps (the earlier rows of the list first), one outcome per address.
 */
export async function inviteList(
  actor: PersonActor,
  input: { organizationId: string; invites: readonly { email: string; role: InvitationRole | MemberRole }[] },
): Promise<InviteSummary> {
  return invite(actor, input.organizationId, input.invites, MAX_CSV_ROWS, {});
}

async function invite(
  actor: PersonActor,
  organizationId: string,
  invites: readonly { email: string; role: InvitationRole | MemberRole }[],
  maxAddresses: number,
  options: { resendOnly?: boolean },
): Promise<InviteSummary> {
  const request = readRequest(invites, maxAddresses);
  const at = now();
  const timing: Timing = { at, expiresAt: new Date(at.getTime() + invitationSettings().ttlMs) };
  const db = await getDb();
  const queue = await emailQueue();
  const { settled, written, messageIds } = await db.transaction(async (tx) => {
    const organization = await authorize(
      tx,
      actor,
      organizationId,
      request.groups.map((group) => group.role),
    );
    const sender: Sender = { organizationId: organization.id, accountId: actor.userId };
    const settled: InviteResult[] = [];
    const written: Written[] = [];
    const messageIds: string[] = [];
    // One role's addresses after the other, in the transaction: each sees the seats and caps the ones
    // before it took. A typed request is one role: one pass.
    for (const { role, emails } of request.groups) {
      const classified = await classifyAddresses(tx, organization.id, emails, at, options);
      const seated = await applySeats(tx, organization, classified.candidates, at);
      const { allowed, refused } = await applyCaps(tx, sender, seated.allowed, at);
      const sent = await writeInvitations(tx, organization.id, actor, role, timing, allowed);
      await countSent(tx, sender, sent, at);
      await auditSent(tx, organization.id, actor, role, sent);
      // The emails are queued with the invitations: this commit has them, a rollback has none.
      const queued = await invitationEmails(tx, queue, organization.id, sent, {
        inviter: actor,
        organizationName: organization.name,
        role,
        expiresAt: timing.expiresAt,
      });
      settled.push(...classified.settled, ...seated.refused, ...refused);
      written.push(...sent);
      messageIds.push(...queued);
    }
    return { settled, written, messageIds };
  });
  const delivered = await awaitDelivery(written, messageIds);
  const invalid = request.invalid.map((email): InviteResult => ({
    email,
    outcome: 'invalid',
    reason: INVALID_ADDRESS,
  }));
  return summarize(
    [...request.valid, ...request.invalid],
    [...invalid, ...settled, ...deliveryResults(written, delivered)],
  );
}

/**
 * Reads the addresses and their roles, or refuses the whole request (more than `maxAddresses`, none, a
 * role invitations cannot carry). An address given twice is invited once, with the role given first.
 */
function readRequest(
  invites: readonly { email: string; role: InvitationRole | MemberRole }[],
  maxAddresses: number,
): InviteRequest {
  const parsed = parseAddresses(invites.map((item) => item.email));
  const count = parsed.valid.length + parsed.invalid.length;
  if (count > maxAddresses)
    refuse('TOO_MANY_ADDRESSES', {
      message: `You can invite at most ${maxAddresses.toLocaleString('en-US')} addresses at a time.`,
      detail: { key: 'tooManyAddresses', values: { max: maxAddresses } },
    });
  if (count === 0) fail('NO_VALID_ADDRESSES');
  const roleOf = new Map<string, InvitationRole | MemberRole>();
  for (const item of invites) {
    // docs/rules.md rule 3: an invitation carries Admin or Member; an Owner is made after joining.
    if (!isInvitationRole(item.role)) fail(isRole(item.role) ? 'INVITATION_ROLE' : 'INVALID_INPUT');
    const address = normalizeEmail(item.email);
    if (!roleOf.has(address)) roleOf.set(address, item.role);
  }
  const groups = new Map<InvitationRole, string[]>();
  for (const email of parsed.valid) {
    const role = roleOf.get(email) as InvitationRole;
    groups.set(role, [...(groups.get(role) ?? []), email]);
  }
  return {
    groups: [...groups].map(([role, emails]) => ({ role, emails })),
    valid: parsed.valid,
    invalid: parsed.invalid,
  };
}

/**
 * The candidates that fit in the organization's seats (lib/organizations/seats.ts), in the order typed; the others are
 * `no_seat`. A resend of an invitation still open keeps its seat. Without a limit, one statement less.
 */
async function applySeats(
  tx: Transaction,
  organization: LockedOrganization,
  candidates: readonly Candidate[],
  at: Date,
): Promise<{ allowed: Candidate[]; refused: InviteResult[] }> {
  const limit = organization.seatLimit;
  if (limit === null || !candidates.some((candidate) => candidate.takesSeat))
    return { allowed: [...candidates], refused: [] };
  let free = (await freeSeats(tx, organization, at)) ?? 0;
  const allowed: Candidate[] = [];
  const refused: InviteResult[] = [];
  for (const candidate of candidates) {
    if (!candidate.takesSeat) allowed.push(candidate);
    else if (free > 0) {
      allowed.push(candidate);
      free -= 1;
    } else
      refused.push({
        email: candidate.email,
        outcome: 'no_seat',
        code: 'SEAT_LIMIT',
        reason: noSeatReason(limit),
        limit,
      });
  }
  return { allowed, refused };
}

/** Locks the organization, as every membership change does first, and checks that the actor may invite with each of `roles`. */
async function authorize(
  tx: Transaction,
  actor: PersonActor,
  organizationId: string,
  roles: readonly InvitationRole[],
): Promise<LockedOrganization> {
  const organization = await lockOrganization(tx, organizationId, actor);
  const actorRole = requirePermission(organization.actorRole, 'members:invite');
  if (roles.some((role) => !invitableRoles(actorRole).includes(role))) fail('INVITATION_ROLE');
  return organization;
}
