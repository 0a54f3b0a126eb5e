// Accepting (signed in, or signed out with a new account) and declining, each one transaction that
// locks the organization, then the invitation.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
import type { MemberRole } from '@/db/values';
import { roleIn } from '../access';
import { person, type PersonActor } from '../shared/actor';
import { openSession } from '../auth/session';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { fail } from '../shared/errors';
import { cleanPersonName } from '../shared/text';
import { emailSignInRefusal } from '../sso/enforce';
import { lockByToken, refuseUnlessOpen, type InvitationRow } from './link';

export interface AcceptResult {
  outcome: 'accepted' | 'already_member';
  organization: { id: string; name: string; slug: string };
  /** The role the person holds now. */
  role: MemberRole;
}

async function completeAcceptance(
  tx: Transaction,
  row: InvitationRow,
  user: PersonActor,
): Promise<AcceptResult> {
  const inserted = await tx
    .insert(memberships)
    .values({
      organizationId: row.organization.id,
      userId: user.userId,
      role: row.role,
      invitedById: row.invitedById,
    })
    .onConflictDoNothing({ target: [memberships.organizationId, memberships.userId] })
    .returning({ role: memberships.role });
  await tx
    .update(invitations)
    .set({ status: 'accepted', acceptedAt: now(), acceptedById: user.userId })
    .where(eq(invitations.id, row.id));
  // Someone already a member keeps the role they hold (possibly Owner); read it as access reads it.
  const role: MemberRole = inserted.length > 0 ? row.role : (await roleIn(tx, user, row.organization.id))!;
  await recordAudit(tx, row.organization.id, user, [
    {
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: row.id,
      targetEmail: row.email,
      details: { role: row.role, alreadyMember: inserted.length === 0 },
    },
  ]);
  return {
    outcome: inserted.length === 0 ? 'already_member' : 'accepted',
    organization: row.organization,
    role,
  };
}

/**
 * Accepts the invitation for the signed-in person, whose email must be the invited one
 * (case-insensitively; docs/rules.md rule 11). Atomic: two tabs, or a double click, make one membership; the second gets
 * INVITATION_ALREADY_ACCEPTED. Someone who is already a member gets `already_member`, not an error.
 */
export async function acceptInvitation(actor: PersonActor, input: { token: string }): Promise<AcceptResult> {
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
 * (ACCOUNT_EXISTS); one under Require SSO, through its identity provider (SSO_SIGN_IN_REQUIRED: the emailed
 * invitation is an emailed link like any other, lib/sso/enforce.ts).
 */
export async function acceptInvitationAsNewUser(input: {
  token: string;
  name?: string | null;
}): Promise<NewAccountAcceptance> {
  const name = cleanPersonName(input.name);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockByToken(tx, input.token);
    refuseUnlessOpen(row);
    if (row.accountExists) fail('ACCOUNT_EXISTS');
    if (await emailSignInRefusal(tx, row.email)) fail('SSO_SIGN_IN_REQUIRED');
    const [user] = await tx
      .insert(users)
      .values({ email: row.email, name, emailVerified: now() })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) fail('ACCOUNT_EXISTS');
    const { sessionToken, expires: sessionExpires } = await openSession(tx, user.id);
    const result = await completeAcceptance(tx, row, person({ userId: user.id, email: row.email, name }));
    return { ...result, userId: user.id, sessionToken, sessionExpires };
  });
}

/**
 * Declines the invitation. The link is proof enough (declining only closes it); someone signed in with a
 * different address may not decline on the invitee's behalf. The row stays, as `declined`, so the admins
 * see the answer in the user table until one of them deletes it or invites the address again.
 */
export async function declineInvitation(actor: PersonActor | null, input: { token: string }) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await lockByToken(tx, input.token);
    refuseUnlessOpen(row);
    if (actor && row.email !== actor.email.trim().toLowerCase()) fail('INVITATION_EMAIL_MISMATCH');
    await tx
      .update(invitations)
      .set({ status: 'declined', updatedAt: now() })
      .where(eq(invitations.id, row.id));
    await recordAudit(tx, row.organization.id, actor, [
      {
        action: 'invitation.declined',
        targetType: 'invitation',
        targetId: row.id,
        targetEmail: row.email,
        details: { role: row.role },
      },
    ]);
    return { organization: { name: row.organization.name } };
  });
}
