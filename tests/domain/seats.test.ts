// Seats (lib/organizations/seats.ts, docs/rules.md rule 8b), on PGlite and PostgreSQL: an organization with a limit
// invites up to it and gives the other addresses `no_seat`; a resend of an open invitation keeps its
// seat; a suspended member frees theirs and reactivating past the limit is refused; lowering the limit
// below what is used takes nothing away; two batches inviting at the same moment never exceed it; the
// users page reads the seats in the statement it already makes.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, invitations } from '@/db/schema';
import { advanceClock } from '@/lib/clock';
import { defaultSeatLimit } from '@/lib/config';
import { inviteMembers } from '@/lib/invitations';
import { describeOutcome } from '@/lib/shared/invite-outcomes';
import { setMemberStatus } from '@/lib/members';
import { createOrganization, setSeatLimit } from '@/lib/organizations';
import { listUserTable } from '@/lib/user-table/list';
import { seatLimitSchema } from '@/lib/shared/validation';
import { useTestDatabase, usingPostgres } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';

useTestDatabase();

const addresses = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}@example.com`);

describe('inviting with a seat limit', () => {
  it('invites up to the limit, in the order typed; the rest are no_seat with the reason, and nothing is written for them', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 3 });
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: addresses('seat', 4),
      role: 'member',
    });
    expect(summary.results.map((r) => [r.email, r.outcome])).toEqual([
      ['seat-1@example.com', 'invited'],
      ['seat-2@example.com', 'invited'],
      ['seat-3@example.com', 'no_seat'],
      ['seat-4@example.com', 'no_seat'],
    ]);
    const refused = summary.results[2];
    expect(refused.code).toBe('SEAT_LIMIT');
    expect(describeOutcome(refused)).toEqual({
      label: 'No seat',
      sentence: 'No seat left: all 3 seats are taken. Free a seat or raise the limit in Settings.',
    });
    const db = await getDb();
    const rows = await db.select().from(invitations).where(eq(invitations.organizationId, organization.id));
    expect(rows.map((row) => row.email).sort()).toEqual(['seat-1@example.com', 'seat-2@example.com']);
  });

  it('a resend of an open invitation keeps its seat; an expired one needs a seat again', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const open = await addInvitation(organization.id, { email: 'open@example.com' });
    const stale = await addInvitation(organization.id, {
      email: 'stale@example.com',
      expiresAt: new Date(Date.now() - 60_000),
    });
    // Used: the Owner and the open invitation (the expired one holds no seat).
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 2 });
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [open.email, stale.email],
      role: 'member',
    });
    expect(summary.results.map((r) => [r.email, r.outcome])).toEqual([
      ['open@example.com', 'resent'],
      ['stale@example.com', 'no_seat'],
    ]);
  });

  it('a suspended member frees a seat; reactivating past the limit is refused with SEAT_LIMIT and changes nothing', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 2 });
    expect(
      (
        await inviteMembers(owner, {
          organizationId: organization.id,
          emails: ['x@example.com'],
          role: 'member',
        })
      ).results[0].outcome,
    ).toBe('no_seat');

    await setMemberStatus(owner, {
      organizationId: organization.id,
      ids: [member.membershipId],
      status: 'suspended',
    });
    expect(
      (
        await inviteMembers(owner, {
          organizationId: organization.id,
          emails: ['x@example.com'],
          role: 'member',
        })
      ).results[0].outcome,
    ).toBe('invited');

    await expect(
      setMemberStatus(owner, {
        organizationId: organization.id,
        ids: [member.membershipId],
        status: 'active',
      }),
    ).rejects.toMatchObject({
      code: 'SEAT_LIMIT',
      message:
        'Nothing was changed: reactivating 1 member would use 3 of 2 seats. Free seats or raise the limit in Settings first.',
    });
    const table = await listUserTable(owner, { organizationId: organization.id, statuses: ['suspended'] });
    expect(table.rows.map((row) => row.email)).toEqual([member.email]);
  });

  it('lowering the limit below what is used is allowed and takes nothing away; only new seats are refused', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await addMember(organization.id, 'admin');
    await addInvitation(organization.id);
    const lowered = await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 1 });
    expect(lowered).toEqual({ seatLimit: 1, used: 3 });
    const table = await listUserTable(owner, { organizationId: organization.id });
    expect(table.total).toBe(3);
    expect(table.seats).toEqual({ activeMembers: 2, used: 3 });
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['late@example.com'],
      role: 'member',
    });
    expect(summary.results[0].outcome).toBe('no_seat');

    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: null });
    advanceClock(1_000);
    expect(
      (
        await inviteMembers(owner, {
          organizationId: organization.id,
          emails: ['late@example.com'],
          role: 'member',
        })
      ).results[0].outcome,
    ).toBe('invited');
    const db = await getDb();
    const events = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organization.seat_limit_changed'));
    expect(events.map((event) => event.details)).toEqual([
      { from: null, to: 1, used: 3 },
      { from: 1, to: null, used: 3 },
    ]);
  });

  it.runIf(usingPostgres)(
    'two batches inviting at the same moment never exceed the limit (PostgreSQL, two connections)',
    async () => {
      const { organization, owner } = await createOrganizationWithOwner('Acme');
      const admin = await addMember(organization.id, 'admin');
      await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 6 });
      const [a, b] = await Promise.all([
        inviteMembers(owner, { organizationId: organization.id, emails: addresses('a', 4), role: 'member' }),
        inviteMembers(admin, { organizationId: organization.id, emails: addresses('b', 4), role: 'member' }),
      ]);
      const invited = [...a.results, ...b.results].filter((r) => r.outcome === 'invited').length;
      const noSeat = [...a.results, ...b.results].filter((r) => r.outcome === 'no_seat').length;
      expect(invited).toBe(4);
      expect(noSeat).toBe(4);
      const table = await listUserTable(owner, { organizationId: organization.id });
      expect(table.seats.used).toBe(6);
    },
  );
});

describe('the seat limit setting', () => {
  it('is for Owners and Admins; a Member is refused and nothing changes', async () => {
    const { organization } = await createOrganizationWithOwner('Acme');
    const member = await addMember(organization.id, 'member');
    await expect(
      setSeatLimit(member, { organizationId: organization.id, seatLimit: 5 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('takes a whole number from 1 to 1,000,000, or empty for none; anything else is refused with the rule', () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(seatLimitSchema.parse({ organizationId: id, seatLimit: '' }).seatLimit).toBeNull();
    expect(seatLimitSchema.parse({ organizationId: id, seatLimit: null }).seatLimit).toBeNull();
    expect(seatLimitSchema.parse({ organizationId: id, seatLimit: ' 50 ' }).seatLimit).toBe(50);
    for (const bad of [
      '0',
      '-3',
      '2.5',
      'ten',
      '1e9',
      '1000001',
      true,
      {},
      [],
      1.5,
      Number.NaN,
      '12345678901',
    ])
      expect(
        seatLimitSchema.safeParse({ organizationId: id, seatLimit: bad }).success,
        JSON.stringify(bad),
      ).toBe(false);
  });

  it('a new organization starts with DEFAULT_SEAT_LIMIT, or none when it is unset', async () => {
    vi.stubEnv('DEFAULT_SEAT_LIMIT', '25');
    expect(defaultSeatLimit()).toBe(25);
    const founder = await createUser();
    expect((await createOrganization(founder, { name: 'Limited' })).seatLimit).toBe(25);
    vi.stubEnv('DEFAULT_SEAT_LIMIT', undefined);
    expect((await createOrganization(founder, { name: 'Open' })).seatLimit).toBeNull();
  });
});
