// Sending and resending (docs/rules.md rules 3, 10 and 12): every invitation of a request written in one
// transaction under the organization's lock, with its audit event and its share of the sending caps;
// the emails go out after the commit.
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { invitations } from '@/db/schema';
import type { InvitationRole, MemberRole } from '@/db/values';
import type { PersonActor } from '../shared/actor';
import {
  actorRoleQuery,
  lockOrganization,
  requireMember,
  requirePermission,
  type LockedOrganization,
} from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { invitationSettings } from '../config';
import { normalizeEmail, parseAddresses } from '../shared/email-address';
import { MAX_CSV_ROWS } from '../shared/limits';
import { fail } from '../shared/errors';
import { decide, invitableRoles, policyActorOf } from '../shared/policy';
import { isInvitationRole, isRole, roleLabels } from '@/lib/shared/roles';
import { excluded } from '../sql';
import { freeSeats, noSeatReason } from '../organizations/seats';
import { newToken } from '../auth/secret-token';
import { applyCaps, countSent, type Sender } from './caps';
import { classifyAddresses, type Candidate } from './classify';
import { emailQueue } from '../email/queue';
import { awaitDelivery, deliveryResults, invitationEmails, type OutgoingInvitation } from './delivery';
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

type Written = Candidate & OutgoingInvitation;

/** When a transaction step runs: the moment of the request, and the expiry its links get. */
interface Timing {
  at: Date;
  expiresAt: Date;
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
        inviterName: actor.name?.trim() || actor.email,
        inviterEmail: actor.email,
        organizationName: organization.name,
        roleLabel: roleLabels[role],
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
    fail(
      'TOO_MANY_ADDRESSES',
      `You can invite at most ${maxAddresses.toLocaleString('en-US')} addresses at a time.`,
    );
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

/**
 * Writes one invitation per candidate in one statement, each with a new link of which only the hash is
 * stored (docs/rules.md rule 9): a new row, or the address's pending row renewed (rule 10: the old link
 * stops working, the expiry starts again, the role becomes the one chosen now, the send count goes up).
 * A declined row of the address is revoked first: the new pending invitation replaces it.
 */
async function writeInvitations(
  tx: Transaction,
  organizationId: string,
  actor: PersonActor,
  role: InvitationRole,
  { at, expiresAt }: Timing,
  candidates: readonly Candidate[],
): Promise<Written[]> {
  if (candidates.length === 0) return [];
  // A declined invitation gives way to the new one, so the address has one row in the table. One more
  // statement, only when a declined address is invited again.
  const replaced = candidates.flatMap((candidate) => candidate.replaces);
  if (replaced.length > 0) {
    await tx
      .update(invitations)
      .set({ status: 'revoked', updatedAt: at })
      .where(and(inArray(invitations.id, replaced), eq(invitations.status, 'declined')));
  }
  const links = candidates.map((candidate) => {
    const { token, hash } = newToken();
    return { ...candidate, token, tokenHash: hash };
  });
  const written = await tx
    .insert(invitations)
    .values(
      links.map((link) => ({
        organizationId,
        email: link.email,
        role,
        tokenHash: link.tokenHash,
        invitedById: actor.userId,
        expiresAt,
        lastSentAt: at,
        deliveryStatus: 'queued' as const,
      })),
    )
    .onConflictDoUpdate({
      target: [invitations.organizationId, invitations.email],
      targetWhere: sql`status = 'pending'`,
      set: {
        tokenHash: excluded(invitations.tokenHash),
        role: excluded(invitations.role),
        invitedById: excluded(invitations.invitedById),
        expiresAt: excluded(invitations.expiresAt),
        lastSentAt: excluded(invitations.lastSentAt),
        sendCount: sql`${invitations.sendCount} + 1`,
        deliveryStatus: 'queued',
        deliveryError: null,
        updatedAt: at,
      },
    })
    .returning({ id: invitations.id, email: invitations.email, sendCount: invitations.sendCount });
  const byEmail = new Map(written.map((row) => [row.email, row]));
  return links.map((link) => ({
    ...link,
    invitationId: byEmail.get(link.email)!.id,
    sendCount: byEmail.get(link.email)!.sendCount,
  }));
}

/** One audit event per invitation written, in the same transaction. */
async function auditSent(
  tx: Transaction,
  organizationId: string,
  actor: PersonActor,
  role: InvitationRole,
  written: readonly Written[],
) {
  await recordAudit(
    tx,
    organizationId,
    actor,
    written.map((item) => ({
      action: item.kind === 'new' ? ('invitation.sent' as const) : ('invitation.resent' as const),
      targetType: 'invitation' as const,
      targetId: item.invitationId,
      targetEmail: item.email,
      details: { role },
    })),
  );
}

/** Sends a pending invitation again (same address, same role): a new link, a new expiry. */
export async function resendInvitation(
  actor: PersonActor,
  input: { organizationId: string; invitationId: string },
) {
  const db = await getDb();
  const [invitation] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      actorRole: sql<MemberRole | null>`(${actorRoleQuery(input.organizationId, actor)})`,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.id, input.invitationId),
        eq(invitations.organizationId, input.organizationId),
        inArray(invitations.status, ['pending', 'declined']),
      ),
    );
  if (!invitation) fail('NOT_FOUND');
  // The policy's answer for this row (a declined invitation is not sent again); the sending checks again.
  const policyActor = policyActorOf(actor, requireMember(invitation.actorRole));
  const declined = invitation.status === 'declined';
  const decision = decide(
    policyActor,
    { kind: 'invitation', role: invitation.role, declined },
    { type: 'resend' },
  );
  if (!decision.allowed) fail(decision.code);
  const summary = await inviteMembers(
    actor,
    { organizationId: input.organizationId, emails: [invitation.email], role: invitation.role },
    { resendOnly: true },
  );
  const [result] = summary.results;
  if (result.outcome === 'rate_limited') fail(result.code ?? 'RATE_LIMITED', result.reason);
  return result;
}
