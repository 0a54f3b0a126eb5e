// Last active (docs/rules.md rule 8c): when each member last used AI Hub in an organization, kept to the
// hour. A visit writes only when the hour has turned since the last write, so a busy member costs one
// write an hour and a view where no write is due costs no statement at all: the membership read that
// every console page makes already carries the time (lib/access.ts findMembershipBySlug). The rest of
// AI Hub records its own use of an organization through recordActivity.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships } from '@/db/schema';

/** How stale the recorded time may get before a visit writes it again. */
export const ACTIVITY_PRECISION_MS = 60 * 60 * 1000;

/** Whether a visit at `at` should be written: never recorded since joining, or an hour or more ago. */
export function activityDue(lastActiveAt: Date | null, at: Date): boolean {
  return lastActiveAt === null || at.getTime() - lastActiveAt.getTime() >= ACTIVITY_PRECISION_MS;
}

/**
 * Records that the member of `membershipId` (in `organizationId`: every statement on membership data
 * names its organization) used AI Hub at `at`: one conditional UPDATE, which writes nothing when another
 * request recorded the same hour meanwhile.
 */
export async function recordActivity(organizationId: string, membershipId: string, at: Date): Promise<void> {
  const db = await getDb();
  const since = new Date(at.getTime() - ACTIVITY_PRECISION_MS).toISOString();
  await db.execute(sql`
    UPDATE ${memberships} SET last_active_at = ${at.toISOString()}::timestamptz
    WHERE organization_id = ${organizationId} AND id = ${membershipId}
      AND (last_active_at IS NULL OR last_active_at <= ${since}::timestamptz)`);
}

/**
 * A visit by the member of `membership` at `at`: the write to run after the response when one is due
 * (the hour has turned since the recorded time), else null, and then nothing is written at all.
 */
export function visitWrite(
  membership: { organization: { id: string }; membershipId: string; lastActiveAt: Date | null },
  at: Date,
): (() => Promise<void>) | null {
  if (!activityDue(membership.lastActiveAt, at)) return null;
  return () => recordActivity(membership.organization.id, membership.membershipId, at);
}
