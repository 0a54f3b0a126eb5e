// Sending and resending: every invitation of a request written in one transaction under the
// organization's lock, with its audit event and its share of the sending limits; the emails go out after.
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations, memberships, users, type InvitationRole, type MemberRole } from '@/db/schema';
import type { Actor } from '../actor';
import { lockOrganization } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { invitationSettings } from '../config';
import { parseAddresses } from '../email-address';
import { errorMessages, fail, type ErrorCode } from '../errors';
import { can, invitableRoles, roleLabels } from '../policy';
import { hit, hitEach, lockBuckets, usedInWindow } from '../rate-limit';
import { rows, textArray } from '../sql';
import { newToken } from '../tokens';
import { deliver, type Prepared } from './delivery';
import { countOutcomes, type InviteResult, type InviteSummary } from './outcomes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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
  actor: Actor,
  input: { organizationId: string; emails: readonly string[]; role: InvitationRole | MemberRole },
  options: { resendOnly?: boolean } = {},
): Promise<InviteSummary> {
  const settings = invitationSettings();
  const parsed = parseAddresses(input.emails);
  if (parsed.valid.length + parsed.invalid.length > settings.maxPerBatch) fail('TOO_MANY_ADDRESSES');
  if (parsed.valid.length === 0 && parsed.invalid.length === 0) fail('NO_VALID_ADDRESSES');
  if (input.role !== 'admin' && input.role !== 'member') fail(input.role === 'owner' ? 'INVITATION_ROLE' : 'INVALID_INPUT');
  const role: InvitationRole = input.role;

  const at = now();
  const expiresAt = new Date(at.getTime() + settings.ttlMs);
  const results = new Map<string, InviteResult>();
  for (const email of parsed.invalid) results.set(email, { email, outcome: 'invalid', reason: 'Not a valid email address.' });

  const db = await getDb();
  const { prepared, organizationName } = await db.transaction(async (tx) => {
    const org = await lockOrganization(tx, input.organizationId, actor.userId);
    if (!org.actorRole) fail('NOT_FOUND');
    if (!can(org.actorRole, 'members:invite')) fail('FORBIDDEN');
    if (!invitableRoles(org.actorRole).includes(role)) fail('INVITATION_ROLE');
    if (parsed.valid.length === 0) return { prepared: [] as Prepared[], organizationName: org.name };

    const existing = await rows<{ kind: 'member' | 'invitation'; email: string; last_sent_at: string | null; delivery_status: string | null }>(
      tx,
      sql`SELECT 'member' AS kind, u.email, NULL AS last_sent_at, NULL AS delivery_status
            FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
            WHERE m.organization_id = ${org.id} AND u.email = ANY(${textArray(parsed.valid)})
          UNION ALL
          SELECT 'invitation', i.email, i.last_sent_at::text, i.delivery_status::text
            FROM ${invitations} i
            WHERE i.organization_id = ${org.id} AND i.status = 'pending' AND i.email = ANY(${textArray(parsed.valid)})`,
    );
    const members = new Set(existing.filter((row) => row.kind === 'member').map((row) => row.email));
    const pending = new Map(existing.filter((row) => row.kind === 'invitation').map((row) => [row.email, row]));

    const candidates: Prepared[] = [];
    for (const email of parsed.valid) {
      if (members.has(email)) {
        results.set(email, { email, outcome: 'already_member', reason: 'Already a member of the organization.' });
        continue;
      }
      const open = pending.get(email);
      // A resend of a row that was revoked or accepted meanwhile must not bring it back as a new one.
      if (options.resendOnly && !open) fail('NOT_FOUND');
      if (open && open.delivery_status !== 'failed' && open.last_sent_at) {
        const since = at.getTime() - new Date(open.last_sent_at).getTime();
        if (since < settings.resendCooldownMs) {
          const wait = Math.ceil((settings.resendCooldownMs - since) / 1000);
          results.set(email, { email, outcome: 'rate_limited', code: 'RATE_LIMITED', reason: `Sent moments ago. You can resend in ${wait} s.` });
          continue;
        }
      }
      const { token, hash } = newToken();
      candidates.push({ email, kind: open ? 'resend' : 'new', token, tokenHash: hash });
    }

    if (candidates.length === 0) return { prepared: [] as Prepared[], organizationName: org.name };

    // The limits, counted in the database. The organization's hourly cap is safe under the
    // organization's lock. The account's and the addresses' daily caps are shared with other
    // organizations, whose invitations do not take this lock: their buckets are locked here until the
    // commit (always account first, then addresses in sorted order, so two invitations cannot deadlock).
    const capKey = `invitations:${org.id}`;
    const accountKey = `invitations-by:${actor.userId}`;
    const addressKey = (email: string) => `invitations-to:${email}`;
    let orgRoom = settings.perOrganizationPerHour - (await usedInWindow(tx, capKey, at, HOUR));
    let accountRoom = settings.perAccountPerDay - ((await lockBuckets(tx, [accountKey], at, DAY)).get(accountKey) ?? 0);
    const received = await lockBuckets(tx, candidates.map((item) => addressKey(item.email)), at, DAY);
    const sending: Prepared[] = [];
    for (const item of candidates) {
      let refusal: { code: ErrorCode; reason: string } | null = null;
      if ((received.get(addressKey(item.email)) ?? 0) >= settings.perAddressPerDay) {
        refusal = { code: 'INVITATION_ADDRESS_LIMIT', reason: errorMessages.INVITATION_ADDRESS_LIMIT };
      } else if (orgRoom <= 0) {
        refusal = {
          code: 'RATE_LIMITED',
          reason: `Your organization can send ${settings.perOrganizationPerHour} invitations an hour. Try again later.`,
        };
      } else if (accountRoom <= 0) {
        refusal = { code: 'INVITATION_ACCOUNT_LIMIT', reason: errorMessages.INVITATION_ACCOUNT_LIMIT };
      }
      if (refusal) {
        results.set(item.email, { email: item.email, outcome: 'rate_limited', ...refusal });
        continue;
      }
      sending.push(item);
      orgRoom -= 1;
      accountRoom -= 1;
    }
    if (sending.length === 0) return { prepared: [] as Prepared[], organizationName: org.name };

    const written = await tx
      .insert(invitations)
      .values(
        sending.map((item) => ({
          organizationId: org.id,
          email: item.email,
          role,
          tokenHash: item.tokenHash,
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
          tokenHash: sql`excluded.token_hash`,
          role: sql`excluded.role`,
          invitedById: sql`excluded.invited_by_id`,
          expiresAt: sql`excluded.expires_at`,
          lastSentAt: sql`excluded.last_sent_at`,
          sendCount: sql`${invitations.sendCount} + 1`,
          deliveryStatus: 'queued',
          deliveryError: null,
          updatedAt: at,
        },
      })
      .returning({ id: invitations.id, email: invitations.email, sendCount: invitations.sendCount });
    const byEmail = new Map(written.map((row) => [row.email, row]));
    for (const item of sending) {
      item.invitationId = byEmail.get(item.email)!.id;
      item.sendCount = byEmail.get(item.email)!.sendCount;
    }
    await hit(tx, capKey, at, HOUR, sending.length);
    await hit(tx, accountKey, at, DAY, sending.length);
    await hitEach(tx, sending.map((item) => addressKey(item.email)), at, DAY);
    await recordAudit(
      tx,
      org.id,
      actor,
      sending.map((item) => ({
        action: item.kind === 'new' ? ('invitation.sent' as const) : ('invitation.resent' as const),
        targetType: 'invitation' as const,
        targetId: item.invitationId,
        targetEmail: item.email,
        details: { role },
      })),
    );
    return { prepared: sending, organizationName: org.name };
  });

  if (prepared.length > 0) {
    const delivered = await deliver(prepared, {
      inviterName: actor.name?.trim() || actor.email,
      inviterEmail: actor.email,
      organizationName,
      roleLabel: roleLabels[role],
      expiresAt,
    });
    for (const item of prepared) {
      const outcome = delivered.get(item.email)!;
      results.set(item.email, {
        email: item.email,
        invitationId: item.invitationId,
        outcome: outcome.ok ? (item.kind === 'new' ? 'invited' : 'resent') : 'not_delivered',
        reason: outcome.ok ? undefined : outcome.error,
      });
    }
  }

  // Input order, as the person typed them.
  const ordered = [...parsed.valid, ...parsed.invalid].map((email) => results.get(email)!);
  return { results: ordered, counts: countOutcomes(ordered) };
}

/** Sends a pending invitation again (same address, same role): a new link, a new expiry. */
export async function resendInvitation(actor: Actor, input: { organizationId: string; invitationId: string }) {
  const db = await getDb();
  const [invitation] = await rows<{ email: string; role: InvitationRole }>(
    db,
    sql`SELECT email, role FROM ${invitations}
        WHERE id = ${input.invitationId} AND organization_id = ${input.organizationId} AND status = 'pending'`,
  );
  if (!invitation) fail('NOT_FOUND');
  const summary = await inviteMembers(
    actor,
    { organizationId: input.organizationId, emails: [invitation.email], role: invitation.role },
    { resendOnly: true },
  );
  const [result] = summary.results;
  if (result!.outcome === 'rate_limited') fail(result!.code ?? 'RATE_LIMITED', result!.reason);
  return result!;
}
