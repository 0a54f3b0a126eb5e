// Invitations: send and resend in one transaction, deliver in batches after the commit, look up by the
// link's secret, accept (signed in, or signed out with a new account), decline.
import { eq, sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import {
  invitations,
  memberships,
  organizations,
  users,
  type InvitationRole,
  type MemberRole,
} from '@/db/schema';
import { renderInvitationEmail } from '@/emails/render';
import type { Actor } from './actor';
import { lockOrganization } from './access';
import { openSession } from './auth/session';
import { recordAudit } from './audit';
import { now } from './clock';
import { appUrl, invitationLookupsPerMinute, invitationSettings } from './config';
import { sendEmails, type EmailMessage } from './email';
import { parseAddresses } from './email-address';
import { errorMessages, fail, type ErrorCode } from './errors';
import { can, invitableRoles, roleLabels } from './policy';
import { allow, hit, hitEach, lockBuckets, usedInWindow } from './rate-limit';
import { jsonb, rows, textArray } from './sql';
import { cleanPersonName } from './text';
import { hashToken, isWellFormedToken, newToken } from './tokens';

export type InviteOutcome = 'invited' | 'resent' | 'already_member' | 'invalid' | 'rate_limited' | 'not_delivered';

export interface InviteResult {
  email: string;
  outcome: InviteOutcome;
  invitationId?: string;
  /** Why it was not delivered or was refused, in words. */
  reason?: string;
  /** For `rate_limited`: which limit (RATE_LIMITED for the cooldown and the hourly cap). */
  code?: ErrorCode;
}

export interface InviteSummary {
  results: InviteResult[];
  counts: Record<InviteOutcome, number>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function invitationUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}

function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function countOutcomes(results: InviteResult[]): Record<InviteOutcome, number> {
  const counts: Record<InviteOutcome, number> = {
    invited: 0,
    resent: 0,
    already_member: 0,
    invalid: 0,
    rate_limited: 0,
    not_delivered: 0,
  };
  for (const result of results) counts[result.outcome]++;
  return counts;
}

interface Prepared {
  email: string;
  kind: 'new' | 'resend';
  token: string;
  tokenHash: string;
  invitationId?: string;
  sendCount?: number;
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

const URL_PLACEHOLDER = 'https://invitation.placeholder/accept-url';

/** The reason an address reads when its email could not be built (nothing was sent to it). */
const NOT_PREPARED = 'The invitation email could not be prepared, so it was not sent. Send it again.';

type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/**
 * Renders the email once for the batch (only the link differs), sends everything through the email
 * module, then records each invitation's delivery result in one statement. The update is keyed by the
 * link's hash, so a newer resend that raced this one keeps its own result.
 *
 * Runs after the invitations committed, so it never throws: the invitations exist whatever happens
 * here, and an error reported as INTERNAL ("Nothing was changed") would be false. A template that fails
 * sends nothing and each address reads NOT_PREPARED (recorded as failed, so Resend works at once); a
 * failure to record the results is logged and the person still learns what the email API answered (the
 * rows then stay `queued`, shown as Pending).
 */
async function deliver(
  prepared: Prepared[],
  props: { inviterName: string; inviterEmail: string; organizationName: string; roleLabel: string; expiresAt: Date },
): Promise<Map<string, DeliveryOutcome>> {
  let messages: EmailMessage[] | null = null;
  try {
    const template = await renderInvitationEmail({ ...props, expiresAt: formatDate(props.expiresAt), acceptUrl: URL_PLACEHOLDER });
    messages = prepared.map((item) => {
      const url = invitationUrl(item.token);
      return {
        to: item.email,
        subject: template.subject,
        html: template.html.replaceAll(URL_PLACEHOLDER, url),
        text: template.text.replaceAll(URL_PLACEHOLDER, url),
        idempotencyKey: `invitation-${item.invitationId}-${item.sendCount}`,
        tags: { kind: 'invitation' },
      };
    });
  } catch (error) {
    console.error('[invitations] could not prepare the invitation email; nothing was sent', error);
  }
  let results: DeliveryOutcome[];
  if (!messages) {
    results = prepared.map(() => ({ ok: false, error: NOT_PREPARED }));
  } else {
    try {
      results = await sendEmails(messages);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      results = messages.map(() => ({ ok: false as const, error: reason }));
    }
  }
  const outcome = new Map<string, DeliveryOutcome>();
  const updates = prepared.map((item, index) => {
    const result = results[index] ?? { ok: false as const, error: NOT_PREPARED };
    outcome.set(item.email, result.ok ? { ok: true } : { ok: false, error: result.error });
    return {
      id: item.invitationId,
      token_hash: item.tokenHash,
      status: result.ok ? 'sent' : 'failed',
      error: result.ok ? null : result.error.slice(0, 500),
    };
  });
  try {
    const db = await getDb();
    await db.execute(sql`
      UPDATE ${invitations} AS i SET delivery_status = x.status::delivery_status, delivery_error = x.error
      FROM jsonb_to_recordset(${jsonb(updates)}) AS x(id uuid, token_hash text, status text, error text)
      WHERE i.id = x.id AND i.token_hash = x.token_hash`);
  } catch (error) {
    console.error('[invitations] could not record the delivery results; the invitations stay queued', error);
  }
  return outcome;
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

// ---------------------------------------------------------------------------------------------------
// The link

export type InvitationView =
  | {
      status: 'valid' | 'expired' | 'accepted';
      invitationId: string;
      email: string;
      role: InvitationRole;
      expiresAt: Date;
      organization: { id: string; name: string; slug: string };
      inviter: { name: string | null; email: string | null };
      /** Whether an account with the invited address exists (decides the signed-out path). */
      accountExists: boolean;
    }
  | { status: 'invalid' };

interface InvitationRow {
  id: string;
  email: string;
  role: InvitationRole;
  status: 'pending' | 'accepted' | 'revoked';
  expires_at: string | Date;
  invited_by_id: string | null;
  organization_id: string;
  organization_name: string;
  organization_slug: string;
  inviter_name: string | null;
  inviter_email: string | null;
  account_exists: boolean;
}

async function findByToken(db: Executor, token: string, lock: boolean): Promise<InvitationRow | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await rows<InvitationRow>(
    db,
    sql`SELECT i.id, i.email, i.role, i.status, i.expires_at, i.invited_by_id, i.organization_id,
               o.name AS organization_name, o.slug AS organization_slug,
               inviter.name AS inviter_name, inviter.email AS inviter_email,
               EXISTS (SELECT 1 FROM ${users} u WHERE u.email = i.email) AS account_exists
        FROM ${invitations} i
        JOIN ${organizations} o ON o.id = i.organization_id
        LEFT JOIN ${users} inviter ON inviter.id = i.invited_by_id
        WHERE i.token_hash = ${hashToken(token)}
        ${lock ? sql`FOR UPDATE OF i` : sql``}`,
  );
  return row ?? null;
}

/**
 * Reads the invitation of `token` for a change (accept, decline), taking the locks in the order every
 * membership change takes them: the organization's row first (as lockOrganization does), then the
 * invitation's. Locking the invitation first deadlocked against a concurrent change in the same
 * organization (which holds the organization and waits for the invitation, while the accept waits for
 * the organization through its foreign keys), and let a revoke or a role change that had read the
 * invitation as pending record an event for a change that never happened.
 */
async function lockByToken(tx: Executor, token: string): Promise<InvitationRow | null> {
  if (!isWellFormedToken(token)) return null;
  const [ref] = await rows<{ organization_id: string }>(
    tx,
    sql`SELECT organization_id FROM ${invitations} WHERE token_hash = ${hashToken(token)}`,
  );
  if (!ref) return null;
  await tx.execute(sql`SELECT id FROM ${organizations} WHERE id = ${ref.organization_id} FOR UPDATE`);
  return findByToken(tx, token, true);
}

function statusOf(row: InvitationRow | null): InvitationView['status'] {
  if (!row || row.status === 'revoked') return 'invalid';
  if (row.status === 'accepted') return 'accepted';
  return new Date(row.expires_at).getTime() <= now().getTime() ? 'expired' : 'valid';
}

/** What the link shows: valid, expired, accepted, or invalid (unknown and revoked look the same). */
export async function getInvitation(token: string): Promise<InvitationView> {
  const db = await getDb();
  const row = await findByToken(db, token, false);
  const status = statusOf(row);
  if (status === 'invalid' || !row) return { status: 'invalid' };
  return {
    status,
    invitationId: row.id,
    email: row.email,
    role: row.role,
    expiresAt: new Date(row.expires_at),
    organization: { id: row.organization_id, name: row.organization_name, slug: row.organization_slug },
    inviter: { name: row.inviter_name, email: row.inviter_email },
    accountExists: Boolean(row.account_exists),
  };
}

export interface AcceptResult {
  outcome: 'accepted' | 'already_member';
  organization: { id: string; name: string; slug: string };
  /** The role the person holds now. */
  role: MemberRole;
}

function refuseUnlessOpen(row: InvitationRow | null): asserts row is InvitationRow {
  const status = statusOf(row);
  if (status === 'invalid') fail('INVITATION_INVALID');
  if (status === 'accepted') fail('INVITATION_ALREADY_ACCEPTED');
  if (status === 'expired') fail('INVITATION_EXPIRED');
}

async function completeAcceptance(tx: Executor, row: InvitationRow, user: Actor): Promise<AcceptResult> {
  const organization = { id: row.organization_id, name: row.organization_name, slug: row.organization_slug };
  const inserted = await tx
    .insert(memberships)
    .values({ organizationId: row.organization_id, userId: user.userId, role: row.role, invitedById: row.invited_by_id })
    .onConflictDoNothing({ target: [memberships.organizationId, memberships.userId] })
    .returning({ role: memberships.role });
  await tx
    .update(invitations)
    .set({ status: 'accepted', acceptedAt: now(), acceptedById: user.userId })
    .where(eq(invitations.id, row.id));
  let role: MemberRole = row.role;
  if (inserted.length === 0) {
    const [current] = await rows<{ role: MemberRole }>(
      tx,
      sql`SELECT role FROM ${memberships} WHERE organization_id = ${row.organization_id} AND user_id = ${user.userId}`,
    );
    role = current!.role;
  }
  await recordAudit(tx, row.organization_id, user, [
    {
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: row.id,
      targetEmail: row.email,
      details: { role: row.role, alreadyMember: inserted.length === 0 },
    },
  ]);
  return { outcome: inserted.length === 0 ? 'already_member' : 'accepted', organization, role };
}

/**
 * Accepts the invitation for the signed-in person, whose email must be the invited one
 * (case-insensitively). Atomic: two tabs, or a double click, make one membership; the second gets
 * INVITATION_ALREADY_ACCEPTED. Someone who is already a member gets `already_member`, not an error.
 */
export async function acceptInvitation(actor: Actor, input: { token: string }): Promise<AcceptResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockByToken(tx, input.token);
    refuseUnlessOpen(row);
    if (row.email !== actor.email.trim().toLowerCase()) fail('INVITATION_EMAIL_MISMATCH');
    return completeAcceptance(tx, row, actor);
  });
}

export interface NewAccountAcceptance extends AcceptResult {
  userId: string;
  sessionToken: string;
  sessionExpires: Date;
}

/**
 * Accepts for someone who is signed out and has no account yet: the emailed link proved they own the
 * address, so the account is created, the membership added and a database session opened, in one
 * transaction. The caller sets the session cookie. An address that has an account must sign in instead
 * (ACCOUNT_EXISTS).
 */
export async function acceptInvitationAsNewUser(input: { token: string; name?: string | null }): Promise<NewAccountAcceptance> {
  const name = cleanPersonName(input.name);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockByToken(tx, input.token);
    refuseUnlessOpen(row);
    if (row.account_exists) fail('ACCOUNT_EXISTS');
    const [user] = await tx
      .insert(users)
      .values({ email: row.email, name, emailVerified: now() })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) fail('ACCOUNT_EXISTS');
    const { sessionToken, expires: sessionExpires } = await openSession(tx, user.id);
    const result = await completeAcceptance(tx, row, { userId: user.id, email: row.email, name });
    return { ...result, userId: user.id, sessionToken, sessionExpires };
  });
}

/**
 * Declines the invitation. The link is proof enough (declining only closes it); someone signed in with a
 * different address may not decline on the invitee's behalf.
 */
export async function declineInvitation(actor: Actor | null, input: { token: string }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockByToken(tx, input.token);
    refuseUnlessOpen(row);
    if (actor && row.email !== actor.email.trim().toLowerCase()) fail('INVITATION_EMAIL_MISMATCH');
    await tx.update(invitations).set({ status: 'revoked' }).where(eq(invitations.id, row.id));
    await recordAudit(tx, row.organization_id, actor, [
      { action: 'invitation.declined', targetType: 'invitation', targetId: row.id, targetEmail: row.email, details: { role: row.role } },
    ]);
    return { organization: { name: row.organization_name } };
  });
}


/**
 * Counts one look-up or accept of an invitation link by `clientKey` (the client's address) and says
 * whether it is within INVITATION_LOOKUPS_PER_MINUTE. Counted in the database, so the limit holds across
 * app servers; it keeps anyone from trying links at speed.
 */
export async function allowInvitationAttempt(clientKey: string): Promise<boolean> {
  const db = await getDb();
  return allow(db, `invitation-link:${clientKey}`, invitationLookupsPerMinute(), now(), 60_000);
}
