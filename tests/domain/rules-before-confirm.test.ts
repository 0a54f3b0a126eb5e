// Rules before confirmation (issue 8, item 4): the console asks lib/shared/policy.ts what to offer, with the
// Owner count read alongside the membership, and the server still refuses the same on its own. Also the
// member search behind the `Transfer ownership` picker.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { findMembershipBySlug } from '@/lib/access';
import { errorMessages } from '@/lib/shared/errors';
import { MEMBER_SEARCH_RESULTS } from '@/lib/shared/limits';
import { searchMembers } from '@/lib/members/search';
import { changeRoles, leaveOrganization, removeMembers } from '@/lib/members';
import { listMyOrganizations, transferOwnership } from '@/lib/organizations';
import { isSoleOwner, type PolicyActor } from '@/lib/shared/policy';
import {
  directoryMemberReason,
  leaveRefusal,
  ownerRowReason,
  rowOffer,
  soleOwnerReason,
} from '@/lib/shared/offers';
import { openCountingHandle, type CountingHandle } from '../support/counting';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser, membershipOf } from '../support/factories';
import { expectDomainError } from '../support/state';

const testDb = useTestDatabase();

describe('the only Owner, in lib/shared/policy.ts', () => {
  it('isSoleOwner is true only for an Owner where one Owner remains', () => {
    expect(isSoleOwner('owner', 1)).toBe(true);
    expect(isSoleOwner('owner', 2)).toBe(false);
    expect(isSoleOwner('admin', 1)).toBe(false);
    expect(isSoleOwner('member', 1)).toBe(false);
    expect(isSoleOwner(null, 1)).toBe(false);
  });

  const owner: PolicyActor = { userId: 'o1', role: 'owner', directory: false };
  const admin: PolicyActor = { userId: 'a1', role: 'admin', directory: false };
  const ownRow = { kind: 'member', userId: 'o1', role: 'owner' } as const;
  const otherOwnerRow = { kind: 'member', userId: 'o2', role: 'owner' } as const;

  it('offers the only Owner nothing on their own row (no step down, no delete), and says why', () => {
    expect(rowOffer(owner, ownRow, 1)).toEqual({
      roles: [],
      remove: false,
      resend: false,
      suspend: false,
      reactivate: false,
      detach: false,
      reason: expect.objectContaining({ message: soleOwnerReason }),
    });
  });

  it('offers an Owner stepping down and leaving once another Owner exists', () => {
    expect(rowOffer(owner, ownRow, 2)).toEqual({
      roles: ['admin', 'member'],
      remove: true,
      resend: false,
      // Nobody suspends themselves (docs/rules.md rule 8a).
      suspend: false,
      reactivate: false,
      detach: false,
      reason: null,
    });
  });

  it('offers an Admin nothing on an Owner’s row, with the rule as the reason', () => {
    expect(rowOffer(admin, otherOwnerRow, 1)).toEqual({
      roles: [],
      remove: false,
      resend: false,
      suspend: false,
      reactivate: false,
      detach: false,
      reason: expect.objectContaining({ message: ownerRowReason }),
    });
    expect(rowOffer(admin, otherOwnerRow, 3).reason?.message).toBe(ownerRowReason);
  });

  it('offers an Owner every change on another Owner’s row, and a pending invitation keeps its offers', () => {
    expect(rowOffer(owner, otherOwnerRow, 2)).toEqual({
      roles: ['admin', 'member'],
      remove: true,
      resend: false,
      suspend: true,
      reactivate: false,
      detach: false,
      reason: null,
    });
    expect(rowOffer(admin, { kind: 'invitation', role: 'member' }, 1)).toEqual({
      roles: ['admin'],
      remove: true,
      resend: true,
      suspend: false,
      reactivate: false,
      detach: false,
      reason: null,
    });
  });

  it('offers nothing on a member the directory manages but, to an Owner, Detach from directory; says why', () => {
    const managed = { kind: 'member', userId: 'd1', role: 'member', directoryManaged: true } as const;
    const nothing = { roles: [], remove: false, resend: false, suspend: false, reactivate: false };
    expect(rowOffer(owner, managed, 1)).toEqual({
      ...nothing,
      detach: true,
      reason: expect.objectContaining({ message: errorMessages.DIRECTORY_MANAGED }),
    });
    expect(rowOffer(admin, managed, 1)).toEqual({
      ...nothing,
      detach: false,
      reason: expect.objectContaining({ message: errorMessages.DIRECTORY_MANAGED }),
    });
    expect(rowOffer(owner, { ...managed, directoryManaged: false }, 1).detach).toBe(false);
  });

  it('does not offer Leave to the only Owner or to a member the directory manages, and says why', () => {
    expect(leaveRefusal({ role: 'owner', ownerCount: 1 })?.message).toBe(soleOwnerReason);
    expect(leaveRefusal({ role: 'owner', ownerCount: 2 })).toBeNull();
    expect(leaveRefusal({ role: 'member', ownerCount: 1, directoryManaged: true })?.message).toBe(
      directoryMemberReason,
    );
    expect(leaveRefusal({ role: 'member', ownerCount: 1, directoryManaged: false })).toBeNull();
  });

  it('offers only Delete on a declined invitation (no role change, no resend), and a Member nothing on an invitation', () => {
    const declined = { kind: 'invitation', role: 'member', declined: true } as const;
    for (const actor of [owner, admin])
      expect(rowOffer(actor, declined, 1)).toEqual({
        roles: [],
        remove: true,
        resend: false,
        suspend: false,
        reactivate: false,
        detach: false,
        reason: null,
      });
    const member: PolicyActor = { userId: 'm1', role: 'member', directory: false };
    expect(rowOffer(member, { kind: 'invitation', role: 'member' }, 1)).toMatchObject({
      roles: [],
      remove: false,
      resend: false,
    });
  });
});

describe('the Owner count rides in the reads the pages already make', () => {
  it('findMembershipBySlug reports the Owner count in its one statement', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Counted');
    const counting: CountingHandle = await openCountingHandle(testDb);
    try {
      const { result, statements } = await counting.measure(() =>
        findMembershipBySlug(owner.userId, organization.slug),
      );
      expect(result?.ownerCount).toBe(1);
      expect(statements).toHaveLength(1);
    } finally {
      await counting.close();
    }
    await addMember(organization.id, 'owner');
    await addMember(organization.id, 'admin');
    expect((await findMembershipBySlug(owner.userId, organization.slug))?.ownerCount).toBe(2);
  });

  it('listMyOrganizations gives each organization its own Owner count', async () => {
    const { organization: alone, owner } = await createOrganizationWithOwner('Alone');
    const { organization: shared } = await createOrganizationWithOwner('Shared');
    await addMember(shared.id, 'owner', owner);
    const mine = await listMyOrganizations(owner.userId);
    expect(mine.map((row) => [row.name, row.role, row.ownerCount])).toEqual([
      ['Alone', 'owner', 1],
      ['Shared', 'owner', 2],
    ]);
    expect(alone.id).toBe(mine[0].id);
  });
});

describe('the server refuses what the console does not offer (docs/rules.md rule 4)', () => {
  it('the only Owner cannot leave, step down or delete themself: LAST_OWNER, and they stay Owner', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Kept');
    const own = await membershipOf(organization.id, owner.userId);
    if (!own) throw new Error('the Owner has no membership');
    await expectDomainError(leaveOrganization(owner, { organizationId: organization.id }), 'LAST_OWNER');
    await expectDomainError(
      changeRoles(owner, { organizationId: organization.id, ids: [own.id], role: 'admin' }),
      'LAST_OWNER',
    );
    await expectDomainError(
      removeMembers(owner, { organizationId: organization.id, ids: [own.id] }),
      'LAST_OWNER',
    );
    expect((await membershipOf(organization.id, owner.userId))?.role).toBe('owner');
  });

  it('a Member leaves through the removal domain, and an Owner may once another Owner exists', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Door');
    const member = await addMember(organization.id, 'member');
    const result = await leaveOrganization(member, { organizationId: organization.id });
    expect(result).toEqual({ removedMembers: 1, revokedInvitations: 0, actorLeft: true });
    expect(await membershipOf(organization.id, member.userId)).toBeNull();

    await addMember(organization.id, 'owner');
    await leaveOrganization(owner, { organizationId: organization.id });
    expect(await membershipOf(organization.id, owner.userId)).toBeNull();
  });

  it('transfer still checks membership on the server: a non-member’s id is NOT_A_MEMBER, nothing changes', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Guarded');
    const stranger = await createUser();
    await expectDomainError(
      transferOwnership(owner, { organizationId: organization.id, toUserId: stranger.userId }),
      'NOT_A_MEMBER',
    );
    expect((await membershipOf(organization.id, owner.userId))?.role).toBe('owner');
  });
});

describe('searchMembers (the Transfer ownership picker)', () => {
  async function team() {
    const { organization, owner } = await createOrganizationWithOwner('Searchers');
    const ada = await addMember(
      organization.id,
      'admin',
      await createUser({ name: 'Ada Lovelace', email: 'ada@calc.test' }),
    );
    const grace = await addMember(
      organization.id,
      'member',
      await createUser({ name: 'Grace Hopper', email: 'grace@navy.test' }),
    );
    const alan = await addMember(
      organization.id,
      'member',
      await createUser({ name: null, email: 'turing@bletchley.test' }),
    );
    return { organization, owner, ada, grace, alan };
  }

  it('matches a substring of the name or the email, case-insensitively, with the role', async () => {
    const { organization, owner, ada, grace } = await team();
    expect(await searchMembers(owner, { organizationId: organization.id, query: 'HOPP' })).toEqual([
      { userId: grace.userId, name: 'Grace Hopper', email: 'grace@navy.test', role: 'member' },
    ]);
    const byEmail = await searchMembers(owner, { organizationId: organization.id, query: 'calc.te' });
    expect(byEmail.map((row) => [row.userId, row.role])).toEqual([[ada.userId, 'admin']]);
  });

  it('lists the matches that start with the query before those that only contain it', async () => {
    const { organization, owner, alan, grace } = await team();
    // "g" starts "Grace Hopper" and only sits inside "turing@bletchley.test"; by name alone, the
    // nameless turing@… would sort first.
    const found = await searchMembers(owner, { organizationId: organization.id, query: 'g' });
    expect(found.map((row) => row.userId)).toEqual([grace.userId, alan.userId]);
  });

  it('never lists the searcher, nor people of another organization, and treats % and _ literally', async () => {
    const { organization, owner } = await team();
    const { organization: other } = await createOrganizationWithOwner('Elsewhere');
    await addMember(
      other.id,
      'member',
      await createUser({ name: 'Grace Elsewhere', email: 'grace@else.test' }),
    );
    const graces = await searchMembers(owner, { organizationId: organization.id, query: 'grace' });
    expect(graces.map((row) => row.email)).toEqual(['grace@navy.test']);
    const everyone = await searchMembers(owner, { organizationId: organization.id, query: '' });
    expect(everyone.map((row) => row.userId)).not.toContain(owner.userId);
    expect(everyone).toHaveLength(3);
    expect(await searchMembers(owner, { organizationId: organization.id, query: '%' })).toEqual([]);
    expect(await searchMembers(owner, { organizationId: organization.id, query: '_' })).toEqual([]);
  });

  it('is for Owners and Admins: a Member is FORBIDDEN and an outsider NOT_FOUND', async () => {
    const { organization, ada, grace } = await team();
    expect(await searchMembers(ada, { organizationId: organization.id, query: '' })).toHaveLength(3);
    await expectDomainError(
      searchMembers(grace, { organizationId: organization.id, query: '' }),
      'FORBIDDEN',
    );
    const outsider = await createUser();
    await expectDomainError(
      searchMembers(outsider, { organizationId: organization.id, query: '' }),
      'NOT_FOUND',
    );
  });

  describe('at 10,000 members', () => {
    let counting: CountingHandle;
    beforeAll(async () => {
      counting = await openCountingHandle(testDb);
    });
    afterAll(async () => {
      await counting?.close();
    });

    it(`returns at most ${MEMBER_SEARCH_RESULTS} matches, in two statements (access, search)`, async () => {
      const { organization, owner } = await createOrganizationWithOwner('Ten Thousand');
      const db = await getDb();
      await db.execute(sql`
        WITH u AS (
          INSERT INTO users (email, name)
          SELECT 'staff-' || g || '@big.test', 'Staff ' || g FROM generate_series(1, 10000) g
          RETURNING id
        )
        INSERT INTO memberships (organization_id, user_id, role) SELECT ${organization.id}, id, 'member' FROM u`);
      const actor: Actor = owner;
      const started = performance.now();
      const { result: all, statements } = await counting.measure(() =>
        searchMembers(actor, { organizationId: organization.id, query: 'staff' }),
      );
      const first = performance.now() - started;
      const again = performance.now();
      await searchMembers(actor, { organizationId: organization.id, query: 'staf' });
      const elapsed = performance.now() - again;
      expect(all).toHaveLength(MEMBER_SEARCH_RESULTS);
      expect(statements).toHaveLength(2);
      const one = await searchMembers(actor, { organizationId: organization.id, query: 'staff-9999@' });
      expect(one.map((row) => row.email)).toEqual(['staff-9999@big.test']);
      // "99" is inside a few hundred addresses: still one page of matches, each containing it.
      const some = await searchMembers(actor, { organizationId: organization.id, query: '99' });
      expect(some).toHaveLength(MEMBER_SEARCH_RESULTS);
      expect(some.every((row) => row.email.includes('99'))).toBe(true);
      console.info(
        `searchMembers at 10,000 members: ${first.toFixed(1)} ms on a fresh connection, then ${elapsed.toFixed(1)} ms`,
      );
    });
  });
});
