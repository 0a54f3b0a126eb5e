// Suspending and reactivating members (docs/rules.md rule 8a), on PGlite and PostgreSQL: who may do it
// to whom (the policy's matrix), what a suspension takes away on the member's next request (the
// console's membership read, the user table, actions) and what it keeps (membership, role), the last
// active Owner under rule 4 (also when two Owners suspend each other at once), bulk all or nothing, the
// status filter, and ownership never handed to a suspended member.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships } from '@/db/schema';
import { findMembershipBySlug } from '@/lib/access';
import { changeRoles, removeMembers, setMemberStatus } from '@/lib/members';
import { searchMembers } from '@/lib/members/search';
import { listMyOrganizations, transferOwnership } from '@/lib/organizations';
import { decide, type PolicyTarget } from '@/lib/shared/policy';
import { rowOffer } from '@/lib/shared/offers';
import type { MemberRole } from '@/db/values';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner } from '../support/factories';

useTestDatabase();

async function statusOf(membershipId: string) {
  const db = await getDb();
  const [row] = await db.select().from(memberships).where(eq(memberships.id, membershipId));
  return { status: row.status, role: row.role };
}

async function ownerMembership(organizationId: string, userId: string) {
  const db = await getDb();
  const [row] = await db.select().from(memberships).where(eq(memberships.userId, userId));
  expect(row.organizationId).toBe(organizationId);
  return row.id;
}

describe('the policy: who may suspend or reactivate whom', () => {
  const actorRoles: MemberRole[] = ['owner', 'admin', 'member'];
  const targetRoles: MemberRole[] = ['owner', 'admin', 'member'];
  const expected: Record<MemberRole, Record<MemberRole, string>> = {
    owner: { owner: 'allowed', admin: 'allowed', member: 'allowed' },
    admin: { owner: 'OWNER_REQUIRED', admin: 'allowed', member: 'allowed' },
    member: { owner: 'FORBIDDEN', admin: 'FORBIDDEN', member: 'FORBIDDEN' },
  };
  const outcome = (decision: ReturnType<typeof decide>) => (decision.allowed ? 'allowed' : decision.code);

  for (const type of ['suspend', 'reactivate'] as const) {
    it(`${type}: actor role × target role, as Owners > Admins > Members act on one another`, () => {
      for (const actorRole of actorRoles) {
        for (const targetRole of targetRoles) {
          const target: PolicyTarget = {
            kind: 'member',
            userId: 'them',
            role: targetRole,
            suspended: type === 'reactivate',
          };
          expect(
            outcome(decide({ userId: 'me', role: actorRole, directory: false }, target, { type })),
            `${actorRole} → ${targetRole}`,
          ).toBe(expected[actorRole][targetRole]);
        }
      }
    });

    it(`${type}: nobody on themselves, whatever their role; never an invitation`, () => {
      for (const role of actorRoles) {
        const self: PolicyTarget = { kind: 'member', userId: 'me', role };
        expect(outcome(decide({ userId: 'me', role, directory: false }, self, { type }))).toBe(
          'SELF_SUSPEND',
        );
      }
      const invitation: PolicyTarget = { kind: 'invitation', role: 'member' };
      expect(outcome(decide({ userId: 'me', role: 'owner', directory: false }, invitation, { type }))).toBe(
        'NOT_SUSPENDABLE',
      );
      expect(outcome(decide({ userId: 'me', role: 'member', directory: false }, invitation, { type }))).toBe(
        'FORBIDDEN',
      );
    });
  }

  it('the row menu offers Suspend on an active member and Reactivate on a suspended one, and nothing on the only active Owner', () => {
    const owner = { userId: 'me', role: 'owner' as const, directory: false };
    const active: PolicyTarget = { kind: 'member', userId: 'a', role: 'member' };
    const suspended: PolicyTarget = { kind: 'member', userId: 'b', role: 'owner', suspended: true };
    expect(rowOffer(owner, active, 1)).toMatchObject({ suspend: true, reactivate: false });
    // A suspended Owner is not "the only Owner" when one other Owner is active.
    expect(rowOffer(owner, suspended, 1)).toMatchObject({ suspend: false, reactivate: true, remove: true });
    const onlyOwner: PolicyTarget = { kind: 'member', userId: 'c', role: 'owner' };
    expect(rowOffer(owner, onlyOwner, 1)).toMatchObject({ suspend: false, reactivate: false, remove: false });
  });
});

describe('suspending a member', () => {
  it('keeps their membership and role, takes their access on the next read, records it, and reactivating gives it back', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');

    const done = await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [admin.membershipId],
      status: 'suspended',
    });
    expect(done).toEqual({ changed: 1, status: 'suspended' });
    expect(await statusOf(admin.membershipId)).toEqual({ status: 'suspended', role: 'admin' });

    // The console's membership read, the user table and an action: no access.
    expect(await findMembershipBySlug(admin.userId, organization.slug)).toBeNull();
    await expect(listUserTable(admin, { organizationId: organization.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const member = await addMember(organization.id, 'member');
    await expect(
      changeRoles(admin, { organizationId: organization.id, ids: [member.membershipId], role: 'admin' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await statusOf(member.membershipId)).toEqual({ status: 'active', role: 'member' });
    // Their home page still lists the organization, as suspended.
    expect(await listMyOrganizations(admin.userId)).toEqual([
      expect.objectContaining({ id: organization.id, role: 'admin', status: 'suspended' }),
    ]);

    // The list shows it, and the status filter finds it.
    const suspended = await listUserTable(owner, {
      organizationId: organization.id,
      statuses: ['suspended'],
    });
    expect(suspended.rows.map((row) => [row.email, row.status])).toEqual([[admin.email, 'suspended']]);
    const active = await listUserTable(owner, { organizationId: organization.id, statuses: ['active'] });
    expect(active.rows.map((row) => row.email).sort()).toEqual([owner.email, member.email].sort());

    // Suspending again changes nothing and is not counted.
    expect(
      await setMemberStatus(owner, {
        organizationId: organization.id,
        ids: [admin.membershipId],
        status: 'suspended',
      }),
    ).toEqual({ changed: 0, status: 'suspended' });

    await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [admin.membershipId],
      status: 'active',
    });
    expect(await statusOf(admin.membershipId)).toEqual({ status: 'active', role: 'admin' });
    expect((await findMembershipBySlug(admin.userId, organization.slug))?.role).toBe('admin');

    const db = await getDb();
    const events = await db
      .select({ action: auditEvents.action, targetEmail: auditEvents.targetEmail })
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, organization.id))
      .orderBy(auditEvents.createdAt);
    expect(
      events.filter((e) => e.action.startsWith('member.s') || e.action === 'member.reactivated'),
    ).toEqual([
      { action: 'member.suspended', targetEmail: admin.email },
      { action: 'member.reactivated', targetEmail: admin.email },
    ]);
  });

  it('in bulk is all or nothing: an Admin selecting a Member and an Owner, or a member and an invitation, changes nobody', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    const member = await addMember(organization.id, 'member');
    const invitation = await addInvitation(organization.id);
    const ownerId = await ownerMembership(organization.id, owner.userId);

    await expect(
      setMemberStatus(admin, {
        organizationId: organization.id,
        ids: [member.membershipId, ownerId],
        status: 'suspended',
      }),
    ).rejects.toMatchObject({
      code: 'BULK_REFUSED',
      details: { refused: [expect.objectContaining({ id: ownerId, code: 'OWNER_REQUIRED' })] },
    });
    await expect(
      setMemberStatus(owner, {
        organizationId: organization.id,
        ids: [member.membershipId, invitation.id],
        status: 'suspended',
      }),
    ).rejects.toMatchObject({
      code: 'BULK_REFUSED',
      details: { refused: [expect.objectContaining({ id: invitation.id, code: 'NOT_SUSPENDABLE' })] },
    });
    await expect(
      setMemberStatus(admin, {
        organizationId: organization.id,
        ids: [admin.membershipId],
        status: 'suspended',
      }),
    ).rejects.toMatchObject({ code: 'SELF_SUSPEND' });
    expect(await statusOf(member.membershipId)).toEqual({ status: 'active', role: 'member' });
    expect(await statusOf(admin.membershipId)).toEqual({ status: 'active', role: 'admin' });
  });

  it('by filter ("select all matching") suspends every match and reactivates them the same way', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const members = await Promise.all([1, 2, 3].map(() => addMember(organization.id, 'member')));
    const filter = { search: '', role: 'member' as const, status: null };
    expect(
      await setMemberStatus(owner, {
        organizationId: organization.id,
        matching: { filter, count: 3 },
        status: 'suspended',
      }),
    ).toEqual({ changed: 3, status: 'suspended' });
    for (const member of members) expect((await statusOf(member.membershipId)).status).toBe('suspended');
    const back = await setMemberStatus(owner, {
      organizationId: organization.id,
      matching: { filter: { ...filter, status: 'suspended' }, count: 3 },
      status: 'active',
    });
    expect(back.changed).toBe(3);
  });
});

describe('the last active Owner (rule 4 counts active Owners)', () => {
  it('with one of two Owners suspended, the other can neither step down, leave nor be removed; the suspended one can be removed', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const second = await addMember(organization.id, 'owner');
    await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [second.membershipId],
      status: 'suspended',
    });
    const ownerId = await ownerMembership(organization.id, owner.userId);

    await expect(
      changeRoles(owner, { organizationId: organization.id, ids: [ownerId], role: 'admin' }),
    ).rejects.toMatchObject({ code: 'LAST_OWNER' });
    await expect(
      removeMembers(owner, { organizationId: organization.id, ids: [ownerId] }),
    ).rejects.toMatchObject({
      code: 'LAST_OWNER',
    });
    // Promoting the suspended Owner's role gains no active Owner either.
    await expect(
      changeRoles(owner, {
        organizationId: organization.id,
        ids: [ownerId, second.membershipId],
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'LAST_OWNER' });

    const removal = await removeMembers(owner, {
      organizationId: organization.id,
      ids: [second.membershipId],
    });
    expect(removal.removedMembers).toBe(1);
  });

  it('two Owners suspending each other at the same moment: one wins, one active Owner remains', async () => {
    const { organization, owner: a } = await createOrganizationWithOwner('Acme');
    const b = await addMember(organization.id, 'owner');
    const aId = await ownerMembership(organization.id, a.userId);
    const results = await Promise.allSettled([
      setMemberStatus(a, { organizationId: organization.id, ids: [b.membershipId], status: 'suspended' }),
      setMemberStatus(b, { organizationId: organization.id, ids: [aId], status: 'suspended' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // The loser was suspended first: for it, the organization is no longer there.
    expect(rejected.reason).toMatchObject({ code: 'NOT_FOUND' });
    const statuses = [(await statusOf(aId)).status, (await statusOf(b.membershipId)).status].sort();
    expect(statuses).toEqual(['active', 'suspended']);
  });
});

describe('ownership', () => {
  it('is never handed to a suspended member, and the picker does not offer one', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const admin = await addMember(organization.id, 'admin');
    await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [admin.membershipId],
      status: 'suspended',
    });
    await expect(
      transferOwnership(owner, { organizationId: organization.id, toUserId: admin.userId }),
    ).rejects.toMatchObject({ code: 'MEMBER_SUSPENDED' });
    expect(await statusOf(admin.membershipId)).toEqual({ status: 'suspended', role: 'admin' });
    expect(await searchMembers(owner, { organizationId: organization.id, query: '' })).toEqual([]);
  });
});
