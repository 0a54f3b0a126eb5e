// Last active (lib/members/last-active.ts, docs/rules.md rule 8c), on PGlite and PostgreSQL: a console visit
// writes the time when the recorded one is an hour old or more, in one statement after the membership
// read, and a visit within the hour costs no statement beyond that read; two visits racing write once.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships } from '@/db/schema';
import { findMembershipBySlug } from '@/lib/access';
import { advanceClock, now } from '@/lib/clock';
import { activityDue, recordActivity, visitWrite } from '@/lib/members/last-active';
import { setMemberStatus } from '@/lib/members';
import { useCountingHandle } from '../support/counting';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner } from '../support/factories';

const testDb = useTestDatabase();
const countingHandle = useCountingHandle(testDb);
const HOUR = 60 * 60 * 1000;

async function lastActiveOf(membershipId: string) {
  const db = await getDb();
  const [row] = await db.select().from(memberships).where(eq(memberships.id, membershipId));
  return row.lastActiveAt;
}

/** A console view as the guard makes it: the membership read, then the write when one is due. */
async function visit(userId: string, slug: string) {
  const membership = await findMembershipBySlug(userId, slug);
  const write = membership ? visitWrite(membership, now()) : null;
  await write?.();
  return write !== null;
}

describe('last active', () => {
  it('is due when never recorded or an hour old, not before', () => {
    const at = new Date('2026-12-02T10:00:00Z');
    expect(activityDue(null, at)).toBe(true);
    expect(activityDue(new Date(at.getTime() - HOUR + 1), at)).toBe(false);
    expect(activityDue(new Date(at.getTime() - HOUR), at)).toBe(true);
  });

  it('a console visit writes once an hour at most: the first view is the read and one write, views within the hour the read alone', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    expect(await lastActiveOf(admin.membershipId), 'Never, since joining').toBeNull();

    const first = await countingHandle().measure(() => visit(admin.userId, organization.slug));
    expect(first.result).toBe(true);
    expect(first.statements).toHaveLength(2);
    const recorded = await lastActiveOf(admin.membershipId);
    expect(recorded).toBeInstanceOf(Date);

    advanceClock(59 * 60 * 1000);
    for (let view = 0; view < 5; view++) {
      const again = await countingHandle().measure(() => visit(admin.userId, organization.slug));
      expect(again.result).toBe(false);
      expect(again.statements, 'no write within the hour').toHaveLength(1);
    }
    expect(await lastActiveOf(admin.membershipId)).toEqual(recorded);

    advanceClock(60 * 1000);
    const later = await countingHandle().measure(() => visit(admin.userId, organization.slug));
    expect(later.statements).toHaveLength(2);
    expect((await lastActiveOf(admin.membershipId))!.getTime()).toBeGreaterThan(recorded!.getTime());
  });

  it('"select all matching" with the 90-day filter suspends exactly the members inactive that long, freeing their seats', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const stale = await addMember(organization.id, 'member');
    const fresh = await addMember(organization.id, 'member');
    const db = await getDb();
    const ago = (days: number) => new Date(now().getTime() - days * 24 * HOUR);
    await db
      .update(memberships)
      .set({ lastActiveAt: ago(120) })
      .where(eq(memberships.id, stale.membershipId));
    await db
      .update(memberships)
      .set({ lastActiveAt: ago(3) })
      .where(eq(memberships.id, fresh.membershipId));
    const result = await setMemberStatus(owner, {
      organizationId: organization.id,
      matching: { filter: { search: '', role: null, status: 'active', inactive: 90 }, count: 1 },
      status: 'suspended',
    });
    expect(result.changed).toBe(1);
    const statuses = await db.select({ id: memberships.id, status: memberships.status }).from(memberships);
    expect(statuses.find((row) => row.id === stale.membershipId)?.status).toBe('suspended');
    expect(statuses.find((row) => row.id === fresh.membershipId)?.status).toBe('active');
  });

  it('two writes for the same hour, racing, leave the first time (the UPDATE is conditional)', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    const at = now();
    await recordActivity(organization.id, member.membershipId, at);
    await recordActivity(organization.id, member.membershipId, new Date(at.getTime() + 60_000));
    expect(await lastActiveOf(member.membershipId)).toEqual(at);
  });
});
