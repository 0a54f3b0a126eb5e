// Require SSO and its break-glass Owners (Owners). Under Require SSO the addresses at the organization's
// verified domains sign in through its enabled connection only; the Owners it names break-glass keep the
// email link, so that a broken identity provider cannot lock the organization out of its own console.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, organizations, sessions, users } from '@/db/schema';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { atCountingDomain } from '../domains/counting';
import type { Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { enabledConnection, isUuid, lockForSso, requireCountingDomain } from './locked';

/**
 * Turns Require SSO on or off (Owners). On needs a connection turned on whose current settings passed a
 * Test connection (changing the provider's settings clears the pass: ./manage.ts) and a verified domain.
 * Turning it on ends, in the same transaction, the email-link sessions of the members whose address is
 * at one of the organization's counting domains, except its break-glass Owners: they sign in again through
 * the provider. Sessions opened by SSO stay. Turning it off changes nothing else. Audited with the
 * number of sessions ended.
 */
export async function setRequireSso(
  actor: Actor,
  organizationId: string,
  on: boolean,
): Promise<{ requireSso: boolean; sessionsEnded: number }> {
  if (typeof on !== 'boolean') fail('INVALID_INPUT');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockForSso(tx, organizationId, actor);
    if (org.requireSso === on) return { requireSso: on, sessionsEnded: 0 };
    let sessionsEnded = 0;
    if (on) {
      const connection = await enabledConnection(tx, org.id);
      if (!connection) fail('SSO_NO_ENABLED_CONNECTION');
      if (!connection.testPassedAt) fail('SSO_NOT_TESTED');
      await requireCountingDomain(tx, org.id);
      const ended = await tx
        .delete(sessions)
        .where(
          and(
            eq(sessions.method, 'email'),
            sql`${sessions.userId} IN (SELECT m.user_id FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
              WHERE m.organization_id = ${org.id} AND ${atCountingDomain(org.id, sql`u.email`)}
                AND NOT (m.role = 'owner' AND m.sso_break_glass))`,
          ),
        )
        .returning({ userId: sessions.userId });
      sessionsEnded = ended.length;
    }
    await tx
      .update(organizations)
      .set({ requireSso: on, updatedAt: now() })
      .where(eq(organizations.id, org.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: 'sso.required_changed',
        targetType: 'organization',
        targetId: org.id,
        details: on ? { to: true, sessionsEnded } : { to: false },
      },
    ]);
    return { requireSso: on, sessionsEnded };
  });
}

/**
 * Names the Owner of membership `membershipId` break-glass, or no longer (Owners). Only an Owner can be
 * named; one who stops being an Owner stops being break-glass (lib/members/change-roles.ts,
 * lib/organizations/ownership.ts). Audited with their address; no change, no event.
 */
export async function setBreakGlass(
  actor: Actor,
  organizationId: string,
  membershipId: string,
  on: boolean,
): Promise<{ membershipId: string; breakGlass: boolean }> {
  if (typeof on !== 'boolean') fail('INVALID_INPUT');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockForSso(tx, organizationId, actor);
    if (!isUuid(membershipId)) fail('NOT_A_MEMBER');
    const [target] = await tx
      .select({
        id: memberships.id,
        role: memberships.role,
        breakGlass: memberships.ssoBreakGlass,
        email: users.email,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.id, membershipId), eq(memberships.organizationId, org.id)));
    if (!target) fail('NOT_A_MEMBER');
    if (on && target.role !== 'owner') fail('SSO_BREAK_GLASS_OWNER');
    if (target.breakGlass === on) return { membershipId: target.id, breakGlass: on };
    await tx
      .update(memberships)
      .set({ ssoBreakGlass: on, updatedAt: now() })
      .where(eq(memberships.id, target.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: 'sso.break_glass_changed',
        targetType: 'member',
        targetId: target.id,
        targetEmail: target.email,
        details: { to: on },
      },
    ]);
    return { membershipId: target.id, breakGlass: on };
  });
}
