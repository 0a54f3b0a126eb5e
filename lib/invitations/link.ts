// The link: an invitation found by its secret (unknown, revoked, expired, accepted or open), locked for
// a change in the order every membership change locks, and the limit on trying links.
import { sql } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { invitations, organizations, users, type InvitationRole } from '@/db/schema';
import { now } from '../clock';
import { appUrl, invitationLookupsPerMinute } from '../config';
import { fail } from '../errors';
import { allow } from '../rate-limit';
import { rows } from '../sql';
import { hashToken, isWellFormedToken } from '../tokens';

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

export interface InvitationRow {
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
export async function lockByToken(tx: Executor, token: string): Promise<InvitationRow | null> {
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
