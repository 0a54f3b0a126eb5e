// The person an identity provider vouched for, let into its organization (DESIGN §11): the address must
// be at one of the organization's verified domains; a member is signed in unless suspended; anyone else
// joins just in time, with the connection's default role and within seats, or is refused. One
// transaction under the organization's lock (the lock every change to membership takes), which also
// opens the session, so a refusal changes nothing.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '@/db/client';
import { memberships, organizations, users, type SsoConnection } from '@/db/schema';
import type { SsoRefusal } from '@/db/values';
import { lockOrganizationRow } from '../access';
import { recordAudit } from '../audit';
import { openSession } from '../auth/session';
import { now } from '../clock';
import { atCountingDomain } from '../domains/counting';
import { freeSeats } from '../organizations/seats';
import { person } from '../shared/actor';

export type Admission =
  | { ok: true; userId: string; session: { sessionToken: string; expires: Date } }
  | { ok: false; refusal: SsoRefusal; userId: string | null };

/** The account of `email` and its membership in the organization, if any. */
async function accountAndMembership(tx: Transaction, organizationId: string, email: string) {
  const [row] = await tx
    .select({
      userId: users.id,
      userName: users.name,
      membershipId: memberships.id,
      status: memberships.status,
    })
    .from(users)
    .leftJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.organizationId, organizationId)),
    )
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

/** Whether `email` is at one of the organization's verified domains (verified, or failing within its grace). */
export async function atOrganizationDomain(
  db: Database | Transaction,
  organizationId: string,
  email: string,
): Promise<boolean> {
  const [row] = await db
    .select({ at: atCountingDomain(organizationId, sql`${email}::text`) })
    .from(sql`(SELECT 1) AS one`);
  return Boolean(row?.at);
}

/** Lets `email` (lower-cased, valid) in through `connection`, or says why not. */
export async function admitThroughSso(
  tx: Transaction,
  connection: SsoConnection,
  email: string,
  name: string | null,
): Promise<Admission> {
  const organizationId = connection.organizationId;
  await lockOrganizationRow(tx, organizationId);
  const [organization] = await tx
    .select({ seatLimit: organizations.seatLimit })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const found = await accountAndMembership(tx, organizationId, email);
  const refuse = (refusal: SsoRefusal): Admission => ({ ok: false, refusal, userId: found?.userId ?? null });
  if (!organization || !(await atOrganizationDomain(tx, organizationId, email)))
    return refuse('outside_domains');
  if (found?.status === 'suspended') return refuse('suspended');
  const at = now();
  if (!found?.membershipId) {
    if (!connection.justInTime) return refuse('jit_off');
    const free = await freeSeats(tx, { id: organizationId, seatLimit: organization.seatLimit }, at);
    if (free !== null && free < 1) return refuse('no_seat');
  }
  // Another sign-in may create the same account at this moment: then it is theirs and ours.
  const userId =
    found?.userId ??
    (
      await tx
        .insert(users)
        .values({ email, name, emailVerified: at })
        .onConflictDoUpdate({ target: users.email, set: { email } })
        .returning({ id: users.id })
    )[0].id;
  // The provider's name fills an account that has none; a name the person chose stays theirs.
  if (found && !found.userName && name) await tx.update(users).set({ name }).where(eq(users.id, userId));
  const actor = person({ userId, email, name: found?.userName ?? name });
  const details = { connection: connection.name };
  let membershipId = found?.membershipId ?? null;
  if (membershipId) {
    await tx.update(memberships).set({ ssoSignedInAt: at }).where(eq(memberships.id, membershipId));
  } else {
    const [joined] = await tx
      .insert(memberships)
      .values({ organizationId, userId, role: connection.defaultRole, ssoSignedInAt: at })
      .returning({ id: memberships.id });
    membershipId = joined.id;
    await recordAudit(tx, organizationId, actor, [
      {
        action: 'sso.joined',
        targetType: 'member',
        targetId: membershipId,
        targetEmail: email,
        details: { ...details, role: connection.defaultRole },
      },
    ]);
  }
  const session = await openSession(tx, userId, 'sso');
  await recordAudit(tx, organizationId, actor, [
    { action: 'sso.signed_in', targetType: 'member', targetId: membershipId, targetEmail: email, details },
  ]);
  return { ok: true, userId, session };
}
