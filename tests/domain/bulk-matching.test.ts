// "Select all N matching": a bulk change aimed at every row the user table's filter matches, across
// pages, resolved on the server inside the change's transaction, all or nothing (docs/rules.md rules 4
// and 6), refused when the matching rows are no longer as many as the person saw, and within the
// statement budget of a bulk change by id.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { person, type PersonActor as Actor } from '@/lib/shared/actor';
import { changeRoles, removeMembers, type TableFilter } from '@/lib/members';
import { listUserTable } from '@/lib/user-table/list';
import { useCountingHandle } from '../support/counting';
import { eventually } from '../support/eventually';
import { useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
  addManyMembers,
} from '../support/factories';
import { auditActions, expectDomainError, snapshot } from '../support/state';
import { rawRows } from '../support/raw-rows';

const testDb = useTestDatabase();

const noFilter: TableFilter = { search: '', role: null, status: null };

/**
 * An organization with 23 Members and 4 pending invitations whose addresses hold "crew", 5 Members and
 * 2 invitations that don't, an Admin, and its Owner: 36 rows in all, 27 of them matching "crew".
 */
async function crewOrganization() {
  const { organization, owner } = await createOrganizationWithOwner('Crew & Co');
  const orgId = organization.id;
  const ownerMembership = await membershipOf(orgId, owner.userId);
  const crew: string[] = [];
  const others: string[] = [];
  for (let n = 1; n <= 23; n++) {
    const person = await createUser({ email: `crew-${n}@example.com`, name: `Crew ${n}` });
    crew.push((await addMember(orgId, 'member', person)).membershipId);
  }
  for (let n = 1; n <= 4; n++)
    crew.push((await addInvitation(orgId, { email: `crew-invite-${n}@example.com` })).id);
  for (let n = 1; n <= 5; n++) {
    const person = await createUser({ email: `other-${n}@example.com`, name: `Other ${n}` });
    others.push((await addMember(orgId, 'member', person)).membershipId);
  }
  for (let n = 1; n <= 2; n++)
    others.push((await addInvitation(orgId, { email: `guest-${n}@example.com` })).id);
  const admin = await addMember(orgId, 'admin', await createUser({ email: 'ada@example.com', name: 'Ada' }));
  return { orgId, owner: { ...owner, membershipId: ownerMembership.id }, admin, crew, others };
}

/** Every row id the table lists for `filter`, read page by page (10 a page) as the console would. */
async function idsListed(actor: Actor, orgId: string, filter: TableFilter) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await listUserTable(actor, {
      organizationId: orgId,
      search: filter.search,
      roles: filter.role ? [filter.role] : undefined,
      statuses: filter.status ? [filter.status] : undefined,
      page,
      pageSize: 10,
    });
    ids.push(...result.rows.map((row) => row.id));
    if (page >= result.pageCount) return { ids, total: result.total };
  }
}

async function roleOf(id: string) {
  const { members, invites } = await snapshot();
  return members.find((m) => m.id === id)?.role ?? invites.find((i) => i.id === id)?.role;
}

describe('every matching row, on every page', () => {
  it('a role change reaches exactly the rows the filter lists across its pages, and no other', async () => {
    const { orgId, owner, crew, others, admin } = await crewOrganization();
    const filter = { ...noFilter, search: 'CREW' };
    const listed = await idsListed(owner, orgId, filter);
    expect(listed.total).toBe(27);
    expect(new Set(listed.ids)).toEqual(new Set(crew));

    const result = await changeRoles(owner, {
      organizationId: orgId,
      matching: { filter, count: listed.total },
      role: 'admin',
    });
    expect(result).toEqual({ changed: 27, role: 'admin', actorLostAccess: false });
    for (const id of crew) expect(await roleOf(id)).toBe('admin');
    for (const id of others) expect(await roleOf(id)).toBe('member');
    expect(await roleOf(owner.membershipId)).toBe('owner');
    expect(await roleOf(admin.membershipId)).toBe('admin');
    const events = await auditActions(orgId);
    expect(
      events
        .filter((e) => e.action.endsWith('role_changed'))
        .map((e) => e.targetId)
        .sort(),
    ).toEqual([...crew].sort());
  });

  it('a removal with a role and a status filter removes those members only; the pending filter revokes only invitations', async () => {
    const { orgId, owner, crew, others, admin } = await crewOrganization();
    const members = { search: 'crew', role: 'member' as const, status: 'active' as const };
    const removed = await removeMembers(owner, {
      organizationId: orgId,
      matching: { filter: members, count: 23 },
    });
    expect(removed).toEqual({ removedMembers: 23, revokedInvitations: 0, actorLeft: false });

    const pending = { search: '', role: null, status: 'pending' as const };
    const revoked = await removeMembers(owner, {
      organizationId: orgId,
      matching: { filter: pending, count: 6 },
    });
    expect(revoked).toEqual({ removedMembers: 0, revokedInvitations: 6, actorLeft: false });

    const after = await snapshot();
    expect(after.members.map((m) => m.id).sort()).toEqual(
      [owner.membershipId, admin.membershipId, ...others.slice(0, 5)].sort(),
    );
    expect(after.invites.every((i) => i.status === 'revoked')).toBe(true);
    expect(crew.some((id) => after.members.some((m) => m.id === id))).toBe(false);
  });
});

describe('the list changed since the person looked', () => {
  it('one more matching row than counted: SELECTION_CHANGED naming both counts, and nothing changes', async () => {
    const { orgId, owner } = await crewOrganization();
    const filter = { ...noFilter, search: 'crew' };
    await addMember(orgId, 'member', await createUser({ email: 'crew-late@example.com' }));
    const before = await snapshot();
    for (const attempt of [
      () => changeRoles(owner, { organizationId: orgId, matching: { filter, count: 27 }, role: 'admin' }),
      () => removeMembers(owner, { organizationId: orgId, matching: { filter, count: 27 } }),
    ]) {
      const error = await expectDomainError(attempt(), 'SELECTION_CHANGED');
      expect(error.details).toEqual({ expected: 27, found: 28 });
      expect(error.message).toContain('the 27 users matching your filters, and 28 users match them now');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('one fewer matching row than counted is refused the same way', async () => {
    const { orgId, owner, crew } = await crewOrganization();
    await removeMembers(owner, { organizationId: orgId, ids: [crew[0]] });
    const before = await snapshot();
    const error = await expectDomainError(
      changeRoles(owner, {
        organizationId: orgId,
        matching: { filter: { ...noFilter, search: 'crew' }, count: 27 },
        role: 'admin',
      }),
      'SELECTION_CHANGED',
    );
    expect(error.details).toEqual({ expected: 27, found: 26 });
    expect(await snapshot()).toEqual(before);
  });

  it('a count of 0 or above MAX_SELECTION is INVALID_INPUT before anything is read', async () => {
    const { orgId, owner } = await crewOrganization();
    for (const count of [0, 10_001, 2.5])
      await expectDomainError(
        changeRoles(owner, { organizationId: orgId, matching: { filter: noFilter, count }, role: 'admin' }),
        'INVALID_INPUT',
      );
  });
});

describe('the same rules as a selection by id', () => {
  it('an Admin selecting all matching rows when they include the Owner changes nothing: BULK_REFUSED names the Owner', async () => {
    const { orgId, owner, admin } = await crewOrganization();
    const before = await snapshot();
    const error = await expectDomainError(
      changeRoles(admin, {
        organizationId: orgId,
        matching: { filter: noFilter, count: 36 },
        role: 'member',
      }),
      'BULK_REFUSED',
    );
    expect((error.details!.refused as { id: string; code: string }[]).map((r) => [r.id, r.code])).toEqual([
      [owner.membershipId, 'OWNER_REQUIRED'],
    ]);
    expect(error.message).toContain('1 of the 36 selected');
    expect(await snapshot()).toEqual(before);
  });

  it('an Admin may not make the matching Members Owners (OWNER_REQUIRED each) nor the invitations (INVITATION_ROLE): nothing changes', async () => {
    const { orgId, admin } = await crewOrganization();
    const filter = { search: 'crew', role: 'member' as const, status: null };
    const before = await snapshot();
    const error = await expectDomainError(
      changeRoles(admin, { organizationId: orgId, matching: { filter, count: 27 }, role: 'owner' }),
      'BULK_REFUSED',
    );
    const codes = (error.details!.refused as { code: string }[]).map((r) => r.code);
    expect(codes.filter((code) => code === 'OWNER_REQUIRED')).toHaveLength(23);
    expect(codes.filter((code) => code === 'INVITATION_ROLE')).toHaveLength(4);
    expect(await snapshot()).toEqual(before);
  });

  it('demoting or removing every Owner through the Owner filter is LAST_OWNER, even with the viewer among them', async () => {
    const { orgId, owner } = await crewOrganization();
    const second = await addMember(orgId, 'owner');
    const owners = { search: '', role: 'owner' as const, status: null };
    const before = await snapshot();
    await expectDomainError(
      changeRoles(owner, { organizationId: orgId, matching: { filter: owners, count: 2 }, role: 'admin' }),
      'LAST_OWNER',
    );
    await expectDomainError(
      removeMembers(owner, { organizationId: orgId, matching: { filter: owners, count: 2 } }),
      'LAST_OWNER',
    );
    expect(await snapshot()).toEqual(before);
    // Owners matching a search that leaves one of them out may be demoted: one Owner remains.
    const result = await changeRoles(owner, {
      organizationId: orgId,
      matching: { filter: { ...owners, search: second.email }, count: 1 },
      role: 'admin',
    });
    expect(result.changed).toBe(1);
    expect(await roleOf(second.membershipId)).toBe('admin');
  });

  it('a Member is FORBIDDEN and a non-member NOT_FOUND, whatever the count, so neither learns how many rows match', async () => {
    const { orgId, crew } = await crewOrganization();
    const memberId = crew[0];
    const { members } = await snapshot();
    const member = members.find((m) => m.id === memberId)!;
    const asMember: Actor = person({ userId: member.userId, email: 'crew-1@example.com' });
    const stranger = await createUser();
    const before = await snapshot();
    for (const count of [1, 36]) {
      await expectDomainError(
        removeMembers(asMember, { organizationId: orgId, matching: { filter: noFilter, count } }),
        'FORBIDDEN',
      );
      await expectDomainError(
        removeMembers(stranger, { organizationId: orgId, matching: { filter: noFilter, count } }),
        'NOT_FOUND',
      );
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('statements', () => {
  const countingHandle = useCountingHandle(testDb);

  it('a role change of 1,000 matching rows takes no more statements than one of 3 rows by id, and at most 4 (lock, read, the change with its emails, their jobs)', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Thousand');
    const db = await getDb();
    await addManyMembers(organization.id, 1_000);
    const few = (await snapshot()).members.filter((m) => m.role === 'member').slice(0, 3);
    // The worker sends each change's emails in the background, through the app's database: it must have
    // nothing left to do while a change's own statements are counted, neither a message nor a job (an
    // earlier test's job, whose messages the truncation removed, still makes it read the table).
    const emailsSent = async () => {
      const [left] = await rawRows<{ n: number }>(
        db,
        sql`SELECT (SELECT count(*) FROM email_messages WHERE status IN ('queued', 'sending', 'retrying'))
                 + (SELECT count(*) FROM pgboss.job WHERE name = 'email' AND state IN ('created', 'retry', 'active'))
                 AS n`,
      );
      return Number(left.n) === 0;
    };

    await eventually(emailsSent);
    const byId = await countingHandle().measure(() =>
      changeRoles(owner, { organizationId: organization.id, ids: few.map((m) => m.id), role: 'admin' }),
    );
    await eventually(emailsSent);
    const byFilter = await countingHandle().measure(() =>
      changeRoles(owner, {
        organizationId: organization.id,
        matching: { filter: { search: 'many-', role: null, status: null }, count: 1_000 },
        role: 'admin',
      }),
    );
    expect(byId.result.changed).toBe(3);
    expect(byFilter.result.changed).toBe(997);
    const counted = (list: string[]) => list.filter((s) => !/^\s*(begin|commit|rollback)\b/i.test(s)).length;
    expect(counted(byFilter.statements)).toBe(counted(byId.statements));
    expect(counted(byFilter.statements)).toBeLessThanOrEqual(4);

    await eventually(emailsSent, 60_000);
    const removal = await countingHandle().measure(() =>
      removeMembers(owner, {
        organizationId: organization.id,
        matching: { filter: { search: 'many-', role: 'admin', status: null }, count: 1_000 },
      }),
    );
    expect(removal.result.removedMembers).toBe(1_000);
    expect(counted(removal.statements)).toBeLessThanOrEqual(4);
  });
});
