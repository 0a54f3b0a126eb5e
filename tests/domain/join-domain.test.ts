// Joining through a verified domain (lib/domains/join*.ts, DESIGN §10), on PGlite and PostgreSQL: who is
// offered an organization on their home page, per join policy and domain status; asking, withdrawing;
// Owners and Admins approving within seats (refused past them) or declining, two at once making one
// membership; the Automatic policy on sign-in, a request past the seats, never re-adding a suspended,
// removed or departed member; deleting the domain stopping all of it but keeping the memberships.
import { and, eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { findMembershipBySlug } from '@/lib/access';
import { auditEvents, joinRequests, memberships, organizationDomains } from '@/db/schema';
import type { DomainStatus, JoinPolicy } from '@/db/values';
import { askToJoin, listJoinSuggestions, withdrawJoinRequest } from '@/lib/domains/join';
import { joinOnSignIn } from '@/lib/domains/join-automatic';
import { approveJoinRequest, declineJoinRequest, joinOverview } from '@/lib/domains/join-decide';
import { removeMembers, setMemberStatus, leaveOrganization } from '@/lib/members';
import { setSeatLimit } from '@/lib/organizations';
import { noSeatReason } from '@/lib/organizations/seats';
import { type DomainError } from '@/lib/shared/errors';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser, membershipOf } from '../support/factories';
import { expectDomainError } from '../support/state';
import { openCountingHandle, type CountingHandle } from '../support/counting';

const testDb = useTestDatabase({ max: 10 });

/** A domain no other test uses (a domain counts for one organization across the database). */
const freshDomain = () => `corp-${randomBytes(4).toString('hex')}.test`;

async function claim(
  organizationId: string,
  domain: string,
  joinPolicy: JoinPolicy,
  status: DomainStatus = 'verified',
) {
  const db = await getDb();
  const [row] = await db
    .insert(organizationDomains)
    .values({ organizationId, domain, joinPolicy, status, token: randomBytes(8).toString('hex') })
    .returning();
  return row;
}

/** An organization with an Owner and a domain of `policy`, and a person at that domain (no membership). */
async function setUp(policy: JoinPolicy, status: DomainStatus = 'verified') {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const domain = freshDomain();
  const claimed = await claim(organization.id, domain, policy, status);
  const person = await createUser({ email: `pat@${domain}`, name: 'Pat Person' });
  return { organization, owner, domain, claimed, person };
}

async function auditOf(organizationId: string, action: (typeof auditEvents.$inferSelect)['action']) {
  const db = await getDb();
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)));
}

async function requestsOf(organizationId: string) {
  const db = await getDb();
  return db.select().from(joinRequests).where(eq(joinRequests.organizationId, organizationId));
}

describe('the home page suggestion', () => {
  it.each([
    ['suggest', 'verified', true],
    ['automatic', 'verified', true],
    ['suggest', 'failing', true],
    ['off', 'verified', false],
    ['suggest', 'pending', false],
    ['suggest', 'removed', false],
  ] as const)('policy %s on a %s domain: offered = %s', async (policy, status, offered) => {
    const { organization, person, domain } = await setUp(policy, status);
    const suggestions = await listJoinSuggestions(person);
    expect(suggestions.map((s) => [s.organizationId, s.domain, s.requested])).toEqual(
      offered ? [[organization.id, domain, false]] : [],
    );
  });

  it('is not offered to an address at another domain, nor to a subdomain of the verified one', async () => {
    const { domain } = await setUp('suggest');
    expect(await listJoinSuggestions(await createUser())).toEqual([]);
    expect(await listJoinSuggestions(await createUser({ email: `sub@eu.${domain}` }))).toEqual([]);
  });

  it('is not offered to a member, active or suspended', async () => {
    const { organization, person, owner } = await setUp('suggest');
    const { membershipId } = await addMember(organization.id, 'member', person);
    expect(await listJoinSuggestions(person)).toEqual([]);
    await setMemberStatus(owner, {
      organizationId: organization.id,
      status: 'suspended',
      ids: [membershipId],
    });
    expect(await listJoinSuggestions(person)).toEqual([]);
  });
});

describe('asking to join', () => {
  it('creates one pending request, audited join.requested with the domain; the suggestion then says Requested', async () => {
    const { organization, person, domain } = await setUp('suggest');
    await askToJoin(person, { organizationId: organization.id });
    const requests = await requestsOf(organization.id);
    expect(requests.map((r) => [r.userId, r.status, r.domain])).toEqual([[person.userId, 'pending', domain]]);
    const [event] = await auditOf(organization.id, 'join.requested');
    expect(event).toMatchObject({ actorId: person.userId, targetEmail: person.email, details: { domain } });
    const [suggestion] = await listJoinSuggestions(person);
    expect(suggestion.requested).toBe(true);
  });

  it('is refused while a request is pending (two at once: one request)', async () => {
    const { organization, person } = await setUp('suggest');
    const outcomes = await Promise.allSettled([
      askToJoin(person, { organizationId: organization.id }),
      askToJoin(person, { organizationId: organization.id }),
    ]);
    const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as DomainError).code));
    expect(codes.sort()).toEqual(['JOIN_REQUEST_PENDING', 'ok']);
    expect(await requestsOf(organization.id)).toHaveLength(1);
  });

  it('is refused when the policy is Off by now, the domain no longer counts or is deleted, or they are a member', async () => {
    const { organization, person, claimed } = await setUp('suggest');
    const db = await getDb();
    const ask = () => askToJoin(person, { organizationId: organization.id });
    await db
      .update(organizationDomains)
      .set({ joinPolicy: 'off' })
      .where(eq(organizationDomains.id, claimed.id));
    await expectDomainError(ask(), 'JOIN_NOT_OFFERED');
    await db
      .update(organizationDomains)
      .set({ joinPolicy: 'suggest', status: 'pending' })
      .where(eq(organizationDomains.id, claimed.id));
    await expectDomainError(ask(), 'JOIN_NOT_OFFERED');
    await db.delete(organizationDomains).where(eq(organizationDomains.id, claimed.id));
    await expectDomainError(ask(), 'JOIN_NOT_OFFERED');
    await claim(organization.id, claimed.domain, 'suggest');
    await addMember(organization.id, 'member', person);
    await expectDomainError(ask(), 'JOIN_ALREADY_MEMBER');
    expect(await requestsOf(organization.id)).toEqual([]);
  });

  it('a withdrawn request goes, audited join.withdrawn once; the person may ask again', async () => {
    const { organization, person, domain } = await setUp('suggest');
    await askToJoin(person, { organizationId: organization.id });
    expect(await withdrawJoinRequest(person, { organizationId: organization.id })).toEqual({
      withdrawn: true,
    });
    expect(await withdrawJoinRequest(person, { organizationId: organization.id })).toEqual({
      withdrawn: false,
    });
    const withdrawn = await auditOf(organization.id, 'join.withdrawn');
    expect(withdrawn.map((event) => [event.targetEmail, event.details])).toEqual([
      [person.email, { domain }],
    ]);
    expect((await listJoinSuggestions(person))[0].requested).toBe(false);
    await askToJoin(person, { organizationId: organization.id });
    expect(await requestsOf(organization.id)).toHaveLength(1);
  });
});

describe('answering a request', () => {
  async function asked(policy: JoinPolicy = 'suggest') {
    const setup = await setUp(policy);
    const { requestId } = await askToJoin(setup.person, { organizationId: setup.organization.id });
    return { ...setup, requestId };
  }

  it('Owners and Admins see the pending requests with their count; Members may not answer, another organization finds nothing', async () => {
    const { organization, owner, person, requestId, domain } = await asked();
    const overview = await joinOverview(owner, organization.id);
    expect(overview.pending).toBe(1);
    expect(overview.hasCountingDomain).toBe(true);
    expect(overview.requests.map((r) => [r.id, r.email, r.domain])).toEqual([
      [requestId, person.email, domain],
    ]);
    const admin = await addMember(organization.id, 'admin');
    expect((await joinOverview(admin, organization.id)).pending).toBe(1);
    const member = await addMember(organization.id, 'member');
    await expectDomainError(joinOverview(member, organization.id), 'FORBIDDEN');
    await expectDomainError(
      approveJoinRequest(member, { organizationId: organization.id, requestId }),
      'FORBIDDEN',
    );
    const other = await createOrganizationWithOwner('Other');
    await expectDomainError(joinOverview(other.owner, organization.id), 'NOT_FOUND');
    await expectDomainError(
      approveJoinRequest(other.owner, { organizationId: other.organization.id, requestId }),
      'NOT_FOUND',
    );
  });

  it('approving within seats adds them as Member, audited join.approved with the address and the role', async () => {
    const { organization, owner, person, requestId } = await asked();
    const admin = await addMember(organization.id, 'admin');
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 3 });
    await approveJoinRequest(admin, { organizationId: organization.id, requestId });
    expect(await membershipOf(organization.id, person.userId)).toMatchObject({
      role: 'member',
      status: 'active',
    });
    const [request] = await requestsOf(organization.id);
    expect(request).toMatchObject({ status: 'approved', decidedById: admin.userId });
    const [event] = await auditOf(organization.id, 'join.approved');
    expect(event).toMatchObject({
      actorId: admin.userId,
      targetEmail: person.email,
      details: { role: 'member' },
    });
    expect(await listJoinSuggestions(person)).toEqual([]);
    expect((await joinOverview(owner, organization.id)).pending).toBe(0);
  });

  it('approving past the seat limit is refused with the seat message; the request stays pending', async () => {
    const { organization, owner, person, requestId } = await asked();
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 1 });
    const error = await expectDomainError(
      approveJoinRequest(owner, { organizationId: organization.id, requestId }),
      'SEAT_LIMIT',
    );
    expect(error.message).toBe(noSeatReason(1));
    expect(await membershipOf(organization.id, person.userId)).toBeNull();
    expect((await requestsOf(organization.id))[0].status).toBe('pending');
    expect(await auditOf(organization.id, 'join.approved')).toEqual([]);
  });

  it('two admins approving at once make one membership; the second is told it was answered already', async () => {
    const { organization, owner, person, requestId } = await asked();
    const admin = await addMember(organization.id, 'admin');
    const outcomes = await Promise.allSettled([
      approveJoinRequest(owner, { organizationId: organization.id, requestId }),
      approveJoinRequest(admin, { organizationId: organization.id, requestId }),
      declineJoinRequest(admin, { organizationId: organization.id, requestId }),
    ]);
    const codes = outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as DomainError).code));
    expect(codes.filter((code) => code === 'ok')).toHaveLength(1);
    expect(codes.filter((code) => code === 'JOIN_REQUEST_DECIDED')).toHaveLength(2);
    const db = await getDb();
    const rows = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, organization.id), eq(memberships.userId, person.userId)));
    expect(rows.length).toBeLessThanOrEqual(1);
    const answered = [
      ...(await auditOf(organization.id, 'join.approved')),
      ...(await auditOf(organization.id, 'join.declined')),
    ];
    expect(answered).toHaveLength(1);
  });

  it('declining closes the request without a membership, audited join.declined; the person may ask again', async () => {
    const { organization, owner, person, requestId } = await asked();
    await declineJoinRequest(owner, { organizationId: organization.id, requestId });
    expect(await membershipOf(organization.id, person.userId)).toBeNull();
    expect((await requestsOf(organization.id))[0].status).toBe('declined');
    const [event] = await auditOf(organization.id, 'join.declined');
    expect(event).toMatchObject({ actorId: owner.userId, targetEmail: person.email });
    await expectDomainError(
      approveJoinRequest(owner, { organizationId: organization.id, requestId }),
      'JOIN_REQUEST_DECIDED',
    );
    expect((await listJoinSuggestions(person))[0].requested).toBe(false);
  });
});

describe('the Automatic policy on sign-in', () => {
  it('adds the person as Member once, audited member.joined with the domain and the role', async () => {
    const { organization, person, domain } = await setUp('automatic');
    expect((await joinOnSignIn(person)).outcome).toBe('joined');
    expect(await membershipOf(organization.id, person.userId)).toMatchObject({
      role: 'member',
      status: 'active',
    });
    const [event] = await auditOf(organization.id, 'member.joined');
    expect(event).toMatchObject({
      actorId: person.userId,
      targetEmail: person.email,
      details: { domain, role: 'member' },
    });
    expect((await joinOnSignIn(person)).outcome).toBe('none');
    expect(await auditOf(organization.id, 'member.joined')).toHaveLength(1);
  });

  it('does nothing with Suggest or Off, at another domain, or for a domain that does not count', async () => {
    for (const [policy, status] of [
      ['suggest', 'verified'],
      ['off', 'verified'],
      ['automatic', 'pending'],
      ['automatic', 'removed'],
    ] as const) {
      const { organization, person } = await setUp(policy, status);
      expect((await joinOnSignIn(person)).outcome).toBe('none');
      expect(await membershipOf(organization.id, person.userId)).toBeNull();
    }
    expect((await joinOnSignIn(await createUser())).outcome).toBe('none');
  });

  it('past the seats it makes a pending request instead (shown as Requested), once; a seat freed later lets them join', async () => {
    const { organization, owner, person } = await setUp('automatic');
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 1 });
    expect((await joinOnSignIn(person)).outcome).toBe('requested');
    expect((await joinOnSignIn(person)).outcome).toBe('requested');
    expect(await membershipOf(organization.id, person.userId)).toBeNull();
    expect((await requestsOf(organization.id)).map((r) => r.status)).toEqual(['pending']);
    expect(await auditOf(organization.id, 'join.requested')).toHaveLength(1);
    expect((await listJoinSuggestions(person))[0].requested).toBe(true);
    await setSeatLimit(owner, { organizationId: organization.id, seatLimit: 2 });
    expect((await joinOnSignIn(person)).outcome).toBe('joined');
    expect((await requestsOf(organization.id)).map((r) => r.status)).toEqual(['approved']);
  });

  it('never reactivates a suspended member, nor re-adds someone removed or who left (they may still ask)', async () => {
    const { organization, owner, person, domain } = await setUp('automatic');
    const { membershipId } = await addMember(organization.id, 'member', person);
    await setMemberStatus(owner, {
      organizationId: organization.id,
      status: 'suspended',
      ids: [membershipId],
    });
    expect((await joinOnSignIn(person)).outcome).toBe('none');
    expect((await membershipOf(organization.id, person.userId))?.status).toBe('suspended');

    await removeMembers(owner, { organizationId: organization.id, ids: [membershipId] });
    expect((await joinOnSignIn(person)).outcome).toBe('none');
    expect(await membershipOf(organization.id, person.userId)).toBeNull();
    expect((await listJoinSuggestions(person)).map((s) => s.organizationId)).toEqual([organization.id]);

    const leaver = await createUser({ email: `lee@${domain}` });
    expect((await joinOnSignIn(leaver)).outcome).toBe('joined');
    await leaveOrganization(leaver, { organizationId: organization.id });
    expect((await joinOnSignIn(leaver)).outcome).toBe('none');
    expect(await membershipOf(organization.id, leaver.userId)).toBeNull();
  });
});

describe('deleting the domain', () => {
  it('stops suggestions and automatic joins, and keeps the memberships it brought', async () => {
    const { organization, person, claimed, domain } = await setUp('automatic');
    await joinOnSignIn(person);
    const db = await getDb();
    await db.delete(organizationDomains).where(eq(organizationDomains.id, claimed.id));
    const newcomer = await createUser({ email: `new@${domain}` });
    expect(await listJoinSuggestions(newcomer)).toEqual([]);
    expect((await joinOnSignIn(newcomer)).outcome).toBe('none');
    expect(await membershipOf(organization.id, newcomer.userId)).toBeNull();
    expect(await membershipOf(organization.id, person.userId)).toMatchObject({ status: 'active' });
    await expectDomainError(askToJoin(newcomer, { organizationId: organization.id }), 'JOIN_NOT_OFFERED');
  });
});

describe("the console's membership read", () => {
  it('says whether a request is pending and whether a domain counts, so the users page reads the requests only then', async () => {
    const { organization, owner, person } = await setUp('suggest', 'pending');
    const before = await findMembershipBySlug(owner.userId, organization.slug);
    expect(before).toMatchObject({ joinRequestsPending: false, hasCountingDomain: false });
    const db = await getDb();
    await db
      .update(organizationDomains)
      .set({ status: 'verified' })
      .where(eq(organizationDomains.organizationId, organization.id));
    expect(await findMembershipBySlug(owner.userId, organization.slug)).toMatchObject({
      joinRequestsPending: false,
      hasCountingDomain: true,
    });
    await askToJoin(person, { organizationId: organization.id });
    expect(await findMembershipBySlug(owner.userId, organization.slug)).toMatchObject({
      joinRequestsPending: true,
      hasCountingDomain: true,
    });
  });
});

describe('statements', () => {
  let counting: CountingHandle;
  beforeAll(async () => {
    counting = await openCountingHandle(testDb);
  });
  afterAll(async () => {
    await counting?.close();
  });

  it('the home page suggestion is one statement, and the users page overview one, whatever the number of requests', async () => {
    const { organization, owner, person, domain } = await setUp('suggest');
    for (let i = 0; i < 60; i += 1) {
      const asker = await createUser({ email: `asker-${i}@${domain}` });
      await askToJoin(asker, { organizationId: organization.id });
    }
    const home = await counting.measure(() => listJoinSuggestions(person));
    expect(home.statements).toHaveLength(1);
    expect(home.result).toHaveLength(1);
    const overview = await counting.measure(() => joinOverview(owner, organization.id));
    expect(overview.statements).toHaveLength(1);
    expect(overview.result.pending).toBe(60);
    expect(overview.result.requests).toHaveLength(50);
  });
});
