import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { invitations, memberships } from '@/db/schema';
import type { MemberRole } from '@/db/values';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { changeRoles } from '@/lib/members';
import { sortKeys } from '@/lib/shared/user-table';
import { listUserTable, type UserRow } from '@/lib/user-table/list';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../support/db';
import { openCountingHandle, type CountingHandle } from '../support/counting';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';

const testDb = useTestDatabase();

const DAY = 24 * 3_600_000;

/**
 * An organization with named members of every role and invitations of every status:
 *   Owner "Olivia Owner", Admin "Zoe Alpha", Member "Bob Beta", Member "100% Sure", Member "Under_score",
 *   Member with no name, pending (admin) invitation, expired invitation, not-delivered invitation.
 */
async function seedOrganization() {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const orgId = organization.id;
  const zoe = await addMember(
    orgId,
    'admin',
    await createUser({ email: 'zoe@alpha.example.com', name: 'Zoe Alpha' }),
  );
  const bob = await addMember(
    orgId,
    'member',
    await createUser({ email: 'bob.beta@example.com', name: 'Bob Beta' }),
  );
  const percent = await addMember(
    orgId,
    'member',
    await createUser({ email: 'sure@example.com', name: '100% Sure' }),
  );
  const underscore = await addMember(
    orgId,
    'member',
    await createUser({ email: 'under@example.com', name: 'Under_score' }),
  );
  const nameless = await addMember(
    orgId,
    'member',
    await createUser({ email: 'nameless@example.com', name: null }),
  );
  const pending = await addInvitation(orgId, {
    email: 'pending.ALPHA@example.com',
    role: 'admin',
    invitedById: owner.userId,
  });
  const expired = await addInvitation(orgId, {
    email: 'expired@example.com',
    expiresAt: new Date(Date.now() - DAY),
  });
  const failed = await addInvitation(orgId, { email: 'failed@example.com' });
  const db = await getDb();
  await db
    .update(invitations)
    .set({ deliveryStatus: 'failed', deliveryError: 'Mailbox full' })
    .where(eq(invitations.id, failed.id));
  // Last active: Zoe two days ago, Bob forty; 100% Sure joined a hundred days ago and never came back.
  const ago = (days: number) => new Date(Date.now() - days * DAY);
  await db
    .update(memberships)
    .set({ lastActiveAt: ago(2) })
    .where(eq(memberships.id, zoe.membershipId));
  await db
    .update(memberships)
    .set({ lastActiveAt: ago(40) })
    .where(eq(memberships.id, bob.membershipId));
  await db
    .update(memberships)
    .set({ createdAt: ago(100) })
    .where(eq(memberships.id, percent.membershipId));
  return { orgId, owner, zoe, bob, percent, underscore, nameless, pending, expired, failed };
}

const emailsOf = (rows: UserRow[]) => rows.map((r) => r.email).sort();

describe('search', () => {
  it('finds members by name and by email, case-insensitively, and invitations by email', async () => {
    const { orgId, owner } = await seedOrganization();
    const find = async (search: string) =>
      emailsOf((await listUserTable(owner, { organizationId: orgId, search })).rows);
    expect(await find('zoe')).toEqual(['zoe@alpha.example.com']);
    expect(await find('ALPHA')).toEqual(['pending.alpha@example.com', 'zoe@alpha.example.com']);
    expect(await find('bEtA')).toEqual(['bob.beta@example.com']);
    expect(await find('Bob Beta')).toEqual(['bob.beta@example.com']);
    expect(await find('  failed@EXAMPLE.com  ')).toEqual(['failed@example.com']);
    expect(await find('nobody-here')).toEqual([]);
    expect((await listUserTable(owner, { organizationId: orgId, search: '' })).total).toBe(9);
  });

  it('treats % and _ literally', async () => {
    const { orgId, owner } = await seedOrganization();
    const find = async (search: string) =>
      emailsOf((await listUserTable(owner, { organizationId: orgId, search })).rows);
    expect(await find('%')).toEqual(['sure@example.com']);
    expect(await find('100%')).toEqual(['sure@example.com']);
    expect(await find('_')).toEqual(['under@example.com']);
    expect(await find('r_s')).toEqual(['under@example.com']);
    expect(await find('b_b')).toEqual([]);
    expect(await find('\\')).toEqual([]);
  });
});

describe('filters', () => {
  it('filters by role, members and invitations alike', async () => {
    const { orgId, owner } = await seedOrganization();
    const list = async (roles: MemberRole[]) =>
      emailsOf((await listUserTable(owner, { organizationId: orgId, roles })).rows);
    expect(await list(['owner'])).toEqual([owner.email]);
    expect(await list(['admin'])).toEqual(['pending.alpha@example.com', 'zoe@alpha.example.com']);
    expect(await list(['member'])).toHaveLength(6); // 4 members, the expired and the failed invitation
    expect(await list(['owner', 'admin'])).toHaveLength(3);
  });

  it('filters by status: active, pending, expired, not_delivered', async () => {
    const { orgId, owner } = await seedOrganization();
    const list = async (statuses: ('active' | 'pending' | 'expired' | 'not_delivered')[]) =>
      (await listUserTable(owner, { organizationId: orgId, statuses })).rows;
    const active = await list(['active']);
    expect(active).toHaveLength(6);
    expect(active.every((r) => r.kind === 'member' && r.status === 'active')).toBe(true);
    expect(emailsOf(await list(['pending']))).toEqual(['pending.alpha@example.com']);
    expect(emailsOf(await list(['expired']))).toEqual(['expired@example.com']);
    const failed = await list(['not_delivered']);
    expect(failed).toEqual([
      expect.objectContaining({
        email: 'failed@example.com',
        status: 'not_delivered',
        deliveryError: 'Mailbox full',
      }),
    ]);
    expect(emailsOf(await list(['pending', 'expired']))).toEqual([
      'expired@example.com',
      'pending.alpha@example.com',
    ]);
  });

  it('combines search, role and status filters', async () => {
    const { orgId, owner } = await seedOrganization();
    const page = await listUserTable(owner, {
      organizationId: orgId,
      search: 'alpha',
      roles: ['admin'],
      statuses: ['active'],
    });
    expect(emailsOf(page.rows)).toEqual(['zoe@alpha.example.com']);
    expect(page.total).toBe(1);
  });

  it('returns each row with its kind, id, role, inviter and dates', async () => {
    const { orgId, owner, zoe, pending } = await seedOrganization();
    const { rows } = await listUserTable(owner, { organizationId: orgId });
    expect(rows.find((r) => r.email === zoe.email)).toMatchObject({
      kind: 'member',
      id: zoe.membershipId,
      userId: zoe.userId,
      name: 'Zoe Alpha',
      role: 'admin',
      status: 'active',
      expiresAt: null,
    });
    const invite = rows.find((r) => r.id === pending.id)!;
    expect(invite).toMatchObject({
      kind: 'invitation',
      userId: null,
      name: null,
      role: 'admin',
      status: 'pending',
      invitedBy: owner.email,
    });
    expect(invite.date).toBeInstanceOf(Date);
    expect(invite.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('last active', () => {
  it('is read with each member ("Never": null); the inactivity filter finds members not active for 30 or 90 days, counting a never-active one from when they joined, and no invitations', async () => {
    const { orgId, owner, zoe, bob, percent } = await seedOrganization();
    const { rows } = await listUserTable(owner, { organizationId: orgId, pageSize: 100 });
    const byEmail = new Map(rows.map((row) => [row.email, row]));
    expect(byEmail.get(zoe.email)?.lastActiveAt).toBeInstanceOf(Date);
    expect(byEmail.get(percent.email)?.lastActiveAt).toBeNull();
    expect(byEmail.get('pending.alpha@example.com')?.lastActiveAt).toBeNull();

    const inactive = async (days: number) =>
      emailsOf(
        (await listUserTable(owner, { organizationId: orgId, inactiveDays: days, pageSize: 100 })).rows,
      );
    expect(await inactive(30)).toEqual([bob.email, percent.email].sort());
    expect(await inactive(90)).toEqual([percent.email]);
    const counted = await listUserTable(owner, { organizationId: orgId, inactiveDays: 30 });
    expect(counted.total).toBe(2);
  });
});

describe('sorting', () => {
  const roleRank: Record<string, number> = { owner: 0, admin: 1, member: 2 };
  const statusRank: Record<string, number> = { active: 0, pending: 1, not_delivered: 2, expired: 3 };
  const keyOf: Record<(typeof sortKeys)[number], (row: UserRow) => string | number> = {
    name: (r) => (r.name ?? r.email).toLowerCase(),
    email: (r) => r.email,
    role: (r) => roleRank[r.role],
    status: (r) => statusRank[r.status],
    date: (r) => r.date.getTime(),
    active: (r) => r.lastActiveAt?.getTime() ?? -Infinity,
  };

  it.each(
    sortKeys.flatMap((key) => (['asc', 'desc'] as const).map((direction) => [key, direction] as const)),
  )('sorts by %s %s', async (sort, direction) => {
    const { orgId, owner } = await seedOrganization();
    const { rows } = await listUserTable(owner, { organizationId: orgId, sort, direction, pageSize: 100 });
    expect(rows).toHaveLength(9);
    const keys = rows.map(keyOf[sort]);
    const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (direction === 'desc') sorted.reverse();
    expect(keys).toEqual(sorted);
    // Not trivially sorted: the keys differ, so asc and desc give different first rows.
    expect(new Set(keys).size).toBeGreaterThan(1);
  });

  it('sorts by date, newest first, by default', async () => {
    const { orgId, owner } = await seedOrganization();
    const { rows } = await listUserTable(owner, { organizationId: orgId, pageSize: 100 });
    const dates = rows.map((r) => r.date.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });
});

describe('pagination', () => {
  async function orgOf25() {
    const { organization, owner } = await createOrganizationWithOwner('Paged');
    const db = await getDb();
    await db.execute(sql`
      WITH u AS (
        INSERT INTO users (email, name)
        SELECT 'paged-' || lpad(g::text, 2, '0') || '@example.com', 'Paged ' || lpad(g::text, 2, '0') FROM generate_series(1, 24) g
        RETURNING id
      )
      INSERT INTO memberships (organization_id, user_id, role) SELECT ${organization.id}, id, 'member' FROM u`);
    return { orgId: organization.id, owner };
  }

  it('page 2 of 3 holds the next 10 rows, the total stays 25, and pages do not overlap', async () => {
    const { orgId, owner } = await orgOf25();
    const query = { organizationId: orgId, sort: 'email' as const, direction: 'asc' as const, pageSize: 10 };
    const pages = await Promise.all([1, 2, 3].map((page) => listUserTable(owner, { ...query, page })));
    expect(pages.map((p) => [p.page, p.rows.length, p.total, p.pageCount])).toEqual([
      [1, 10, 25, 3],
      [2, 10, 25, 3],
      [3, 5, 25, 3],
    ]);
    const all = pages.flatMap((p) => p.rows.map((r) => r.email));
    expect(new Set(all).size).toBe(25);
    expect(all).toEqual([...all].sort());
    expect(pages[1].rows[0].email).toBe('paged-11@example.com'); // paged-01..24, then the Owner's user-… address
  });

  it('a page past the end is answered with the last page: its rows, its number and the right total', async () => {
    const { orgId, owner } = await orgOf25();
    const page = await listUserTable(owner, { organizationId: orgId, pageSize: 10, page: 7 });
    expect(page).toMatchObject({ total: 25, page: 3, pageSize: 10, pageCount: 3 });
    expect(page.rows).toHaveLength(5);
  });

  it('an unsupported page size falls back to 25, and page numbers below 1 to 1', async () => {
    const { orgId, owner } = await orgOf25();
    const page = await listUserTable(owner, { organizationId: orgId, pageSize: 7, page: -3 });
    expect(page).toMatchObject({ page: 1, pageSize: 25, total: 25 });
    expect(page.rows).toHaveLength(25);
  });

  it('an empty result on page 1 has total 0 and one page', async () => {
    const { orgId, owner } = await orgOf25();
    expect(await listUserTable(owner, { organizationId: orgId, search: 'nothing matches' })).toMatchObject({
      rows: [],
      total: 0,
      pageCount: 1,
    });
  });
});

describe('statements per call do not grow with the organization', () => {
  let counting: CountingHandle;
  beforeAll(async () => {
    counting = await openCountingHandle(testDb);
  });
  afterAll(async () => {
    await counting?.close();
  });

  /** An organization with `size` members in all, seeded with one statement per table. */
  async function organizationOf(size: number): Promise<{ orgId: string; owner: Actor; memberIds: string[] }> {
    const { organization, owner } = await createOrganizationWithOwner(`Org ${size}`);
    const db = await getDb();
    await db.execute(sql`
      WITH u AS (
        INSERT INTO users (email, name)
        SELECT 'bulk-' || ${size}::text || '-' || g || '@example.com', 'Bulk ' || g FROM generate_series(1, ${size - 1}::int) g
        RETURNING id
      )
      INSERT INTO memberships (organization_id, user_id, role) SELECT ${organization.id}, id, 'member' FROM u`);
    await db.execute(sql`
      INSERT INTO invitations (organization_id, email, role, token_hash, expires_at)
      SELECT ${organization.id}, 'invite-' || ${size}::text || '-' || g || '@example.com', 'member', md5(random()::text || g), now() + interval '7 days'
      FROM generate_series(1, 5) g`);
    const memberIds: unknown = await db.execute(
      sql`SELECT id FROM memberships WHERE organization_id = ${organization.id} AND role = 'member'`,
    );
    const list = Array.isArray(memberIds) ? memberIds : (memberIds as { rows: { id: string }[] }).rows;
    return { orgId: organization.id, owner, memberIds: (list as { id: string }[]).map((r) => r.id) };
  }

  it('listUserTable issues the same number of statements at 10 and at 2,000 members: one for the first page, two for a later one', async () => {
    const small = await organizationOf(10);
    const large = await organizationOf(2_000);
    const query = {
      search: 'bulk',
      roles: ['member' as const],
      sort: 'name' as const,
      direction: 'asc' as const,
      pageSize: 10,
    };

    const firstSmall = await counting.measure(() =>
      listUserTable(small.owner, { organizationId: small.orgId, ...query, page: 1 }),
    );
    const firstLarge = await counting.measure(() =>
      listUserTable(large.owner, { organizationId: large.orgId, ...query, page: 1 }),
    );
    expect(firstSmall.result.total).toBe(9);
    expect(firstLarge.result.total).toBe(1_999);
    expect(firstLarge.result.rows).toHaveLength(10);
    expect(firstSmall.statements).toHaveLength(1);
    expect(firstLarge.statements).toHaveLength(1);

    const fewer = await organizationOf(25);
    const laterSmall = await counting.measure(() =>
      listUserTable(fewer.owner, { organizationId: fewer.orgId, ...query, page: 2 }),
    );
    const laterLarge = await counting.measure(() =>
      listUserTable(large.owner, { organizationId: large.orgId, ...query, page: 2 }),
    );
    expect(laterSmall.result.rows).toHaveLength(10);
    expect(laterLarge.result.rows).toHaveLength(10);
    expect(laterSmall.statements).toHaveLength(2);
    expect(laterLarge.statements).toHaveLength(2);

    const unfiltered = await counting.measure(() =>
      listUserTable(large.owner, { organizationId: large.orgId, pageSize: 100, page: 20 }),
    );
    expect(unfiltered.result.total).toBe(2_005);
    expect(unfiltered.statements).toHaveLength(2);
  });

  it('a bulk role change issues the same number of statements for 3 rows and for 1,500', async () => {
    const small = await organizationOf(10);
    const large = await organizationOf(2_000);
    const a = await counting.measure(() =>
      changeRoles(small.owner, {
        organizationId: small.orgId,
        ids: small.memberIds.slice(0, 3),
        role: 'admin',
      }),
    );
    const b = await counting.measure(() =>
      changeRoles(large.owner, {
        organizationId: large.orgId,
        ids: large.memberIds.slice(0, 1_500),
        role: 'admin',
      }),
    );
    expect(a.result.changed).toBe(3);
    expect(b.result.changed).toBe(1_500);
    expect(b.statements.length).toBe(a.statements.length);
  });
});
