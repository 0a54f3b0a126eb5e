// The link: an invitation found by its secret (unknown, revoked, expired, accepted or open), locked for
// a change in the order every membership change locks, and the limit on trying links.
import 'server-only';
import { eq, exists } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Database, type Transaction } from '@/db/client';
import { invitations, organizations, users } from '@/db/schema';
import type { InvitationRole } from '@/db/values';
import { lockOrganizationRow } from '../access';
import { now } from '../clock';
import { appUrl, invitationLookupsPerMinute } from '../config';
import { fail } from '../shared/errors';
import { allow } from '../rate-limit';
import { hashToken, isWellFormedToken } from '../auth/secret-token';

/** The address the email links to; the secret in it is the only proof of the invitation (docs/rules.md rule 9). */
export function invitationUrl(token: string): string {
  return `${appUrl()}/invite/${token}`;
}

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

const inviter = alias(users, 'inviter');

/** The invitation whose link hashes to `tokenHash`, with its organization and who sent it. */
function selectByTokenHash(db: Database, tokenHash: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      status: invitations.status,
      expiresAt: invitations.expiresAt,
      invitedById: invitations.invitedById,
      organization: { id: organizations.id, name: organizations.name, slug: organizations.slug },
      inviterName: inviter.name,
      inviterEmail: inviter.email,
      /** Whether an account with the invited address exists (decides the signed-out path). */
      accountExists: exists(
        db.select({ id: users.id }).from(users).where(eq(users.email, invitations.email)),
      ).mapWith(Boolean),
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedById))
    .where(eq(invitations.tokenHash, tokenHash));
}

export type InvitationRow = Awaited<ReturnType<typeof selectByTokenHash>>[number];

async function readByTokenHash(
  db: Database,
  tokenHash: string,
  options: { lock: boolean },
): Promise<InvitationRow | null> {
  const query = selectByTokenHash(db, tokenHash);
  const [row] = options.lock ? await query.for('update', { of: invitations }) : await query;
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
export async function lockByToken(tx: Transaction, token: string): Promise<InvitationRow | null> {
  if (!isWellFormedToken(token)) return null;
  const tokenHash = hashToken(token);
  const [ref] = await tx
    .select({ organizationId: invitations.organizationId })
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash));
  if (!ref) return null;
  await lockOrganizationRow(tx, ref.organizationId);
  return readByTokenHash(tx, tokenHash, { lock: true });
}

function statusOf(row: InvitationRow | null): InvitationView['status'] {
  if (!row || row.status === 'revoked' || row.status === 'declined') return 'invalid';
  if (row.status === 'accepted') return 'accepted';
  return row.expiresAt.getTime() <= now().getTime() ? 'expired' : 'valid';
}

/** What the link shows: valid, expired, accepted, or invalid (unknown, revoked and declined look the same). */
export async function getInvitation(token: string): Promise<InvitationView> {
  const row = isWellFormedToken(token)
    ? await readByTokenHash(await getDb(), hashToken(token), { lock: false })
    : null;
  const status = statusOf(row);
  if (status === 'invalid' || !row) return { status: 'invalid' };
  return {
    status,
    invitationId: row.id,
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt,
    organization: row.organization,
    inviter: { name: row.inviterName, email: row.inviterEmail },
    accountExists: row.accountExists,
  };
}

/** Refuses a link that is unknown or revoked, accepted, or expired: only an open invitation can change. */
export function refuseUnlessOpen(row: InvitationRow | null): asserts row is InvitationRow {
  const status = statusOf(row);
  if (status === 'invalid') fail('INVITATION_INVALID');
  if (status === 'accepted') fail('INVITATION_ALREADY_ACCEPTED');
  if (status === 'expired') fail('INVITATION_EXPIRED');
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
