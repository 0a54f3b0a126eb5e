// Security of the actions: an id from another organization is never found (every action, both ways,
// and the answer looks exactly like a made-up id's; every statement that reads or writes membership
// data is scoped to one organization); a removed or demoted person's next action is refused although
// their session is still valid; invitation links are rate limited per client, and a forged
// X-Forwarded-For does not buy a fresh allowance.
import { randomUUID } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks } = await vi.hoisted(() => import('../support/action-mocks'));

import { getDb } from '@/db/client';
import { invitations, memberships, organizations } from '@/db/schema';
import { listAuditEvents } from '@/lib/audit';
import { clientAddress } from '@/lib/http/client-address';
import { DomainError } from '@/lib/shared/errors';
import { listUserTable } from '@/lib/user-table/list';
import {
  acceptInvitationAction,
  acceptInvitationAsNewUserAction,
  declineInvitationAction,
  inviteMembersAction,
  resendInvitationAction,
} from '@/app/actions/invitations';
import {
  changeRolesAction,
  leaveOrganizationAction,
  removeMembersAction,
  setMemberStatusAction,
} from '@/app/actions/members';
import {
  deleteOrganizationAction,
  renameOrganizationAction,
  setMemberNotificationsAction,
  setSeatLimitAction,
  transferOwnershipAction,
} from '@/app/actions/organizations';
import type { ActionResult } from '@/app/actions/result';
import { openCountingHandle } from '../support/counting';
import { usingPostgres, useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, membershipOf } from '../support/factories';
import { reportFigures } from './support/figures';

const testDb = useTestDatabase();

beforeEach(() => {
  mocks.actor = null;
  mocks.requestHeaders = { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}` };
  mocks.cookieSet.mockClear();
  vi.stubEnv('EMAIL_TRANSPORT', 'mailbox');
});

const figures: [string, string | number][] = [];
afterAll(() =>
  reportFigures('isolation', `Isolation and access (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, figures),
);

async function twoOrganizations() {
  const a = await createOrganizationWithOwner('Ours');
  const aMember = await addMember(a.organization.id, 'member');
  const aInvitation = await addInvitation(a.organization.id, { email: 'ours-pending@example.com' });
  const b = await createOrganizationWithOwner('Theirs');
  const bOwnerMembership = await membershipOf(b.organization.id, b.owner.userId);
  const bAdmin = await addMember(b.organization.id, 'admin');
  const bMember = await addMember(b.organization.id, 'member');
  const bInvitation = await addInvitation(b.organization.id, {
    email: 'theirs-pending@example.com',
    invitedById: b.owner.userId,
  });
  return {
    a: {
      id: a.organization.id,
      name: a.organization.name,
      owner: a.owner,
      member: aMember,
      invitation: aInvitation,
    },
    b: {
      id: b.organization.id,
      name: b.organization.name,
      owner: b.owner,
      ownerMembershipId: bOwnerMembership.id,
      admin: bAdmin,
      member: bMember,
      invitation: bInvitation,
    },
  };
}
type Orgs = Awaited<ReturnType<typeof twoOrganizations>>;

async function state() {
  const db = await getDb();
  const [orgs, members, invites] = await Promise.all([
    db.select().from(organizations).orderBy(asc(organizations.id)),
    db.select().from(memberships).orderBy(asc(memberships.id)),
    db.select().from(invitations).orderBy(asc(invitations.id)),
  ]);
  return { orgs, members, invites };
}

/** The result with every uuid replaced, so that two answers can be compared for their shape and words. */
function shapeOf(result: ActionResult<unknown>) {
  return JSON.parse(
    JSON.stringify(result).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'),
  );
}

/**
 * Every action that takes an organization or a row id, called by the Owner of A with ids of B: into A's
 * organization (`ours`: B's row ids in A) and into B's (`theirs`). Each comes with the same call on
 * made-up ids, whose answer it must match word for word.
 */
type Call = (o: Orgs) => Promise<ActionResult<unknown>>;
const crossCalls: {
  action: string;
  ours?: [Call, Call];
  theirs?: [Call, Call];
  code: { ours?: string; theirs?: string };
}[] = [
  {
    action: 'changeRolesAction',
    ours: [
      (o) => changeRolesAction({ organizationId: o.a.id, ids: [o.b.member.membershipId], role: 'admin' }),
      (o) => changeRolesAction({ organizationId: o.a.id, ids: [randomUUID()], role: 'admin' }),
    ],
    theirs: [
      (o) => changeRolesAction({ organizationId: o.b.id, ids: [o.b.member.membershipId], role: 'admin' }),
      () => changeRolesAction({ organizationId: randomUUID(), ids: [randomUUID()], role: 'admin' }),
    ],
    code: { ours: 'NOT_FOUND', theirs: 'NOT_FOUND' },
  },
  {
    action: 'setMemberStatusAction',
    ours: [
      (o) =>
        setMemberStatusAction({
          organizationId: o.a.id,
          ids: [o.b.member.membershipId],
          status: 'suspended',
        }),
      (o) => setMemberStatusAction({ organizationId: o.a.id, ids: [randomUUID()], status: 'suspended' }),
    ],
    theirs: [
      (o) =>
        setMemberStatusAction({
          organizationId: o.b.id,
          ids: [o.b.member.membershipId],
          status: 'suspended',
        }),
      () => setMemberStatusAction({ organizationId: randomUUID(), ids: [randomUUID()], status: 'suspended' }),
    ],
    code: { ours: 'NOT_FOUND', theirs: 'NOT_FOUND' },
  },
  {
    action: 'changeRolesAction (an invitation of B)',
    ours: [
      (o) => changeRolesAction({ organizationId: o.a.id, ids: [o.b.invitation.id], role: 'admin' }),
      (o) => changeRolesAction({ organizationId: o.a.id, ids: [randomUUID()], role: 'admin' }),
    ],
    code: { ours: 'NOT_FOUND' },
  },
  {
    action: 'removeMembersAction',
    ours: [
      (o) => removeMembersAction({ organizationId: o.a.id, ids: [o.b.ownerMembershipId] }),
      (o) => removeMembersAction({ organizationId: o.a.id, ids: [randomUUID()] }),
    ],
    theirs: [
      (o) => removeMembersAction({ organizationId: o.b.id, ids: [o.b.ownerMembershipId] }),
      () => removeMembersAction({ organizationId: randomUUID(), ids: [randomUUID()] }),
    ],
    code: { ours: 'NOT_FOUND', theirs: 'NOT_FOUND' },
  },
  {
    action: 'removeMembersAction (bulk, ours mixed with theirs)',
    ours: [
      (o) =>
        removeMembersAction({
          organizationId: o.a.id,
          ids: [o.a.member.membershipId, o.b.member.membershipId, o.b.invitation.id],
        }),
      (o) =>
        removeMembersAction({
          organizationId: o.a.id,
          ids: [o.a.member.membershipId, randomUUID(), randomUUID()],
        }),
    ],
    code: { ours: 'BULK_REFUSED' },
  },
  {
    action: 'leaveOrganizationAction',
    theirs: [
      (o) => leaveOrganizationAction({ organizationId: o.b.id }),
      () => leaveOrganizationAction({ organizationId: randomUUID() }),
    ],
    code: { theirs: 'NOT_FOUND' },
  },
  {
    action: 'inviteMembersAction',
    theirs: [
      (o) => inviteMembersAction({ organizationId: o.b.id, emails: ['spy@example.com'], role: 'admin' }),
      () => inviteMembersAction({ organizationId: randomUUID(), emails: ['spy@example.com'], role: 'admin' }),
    ],
    code: { theirs: 'NOT_FOUND' },
  },
  {
    action: 'resendInvitationAction',
    ours: [
      (o) => resendInvitationAction({ organizationId: o.a.id, invitationId: o.b.invitation.id }),
      (o) => resendInvitationAction({ organizationId: o.a.id, invitationId: randomUUID() }),
    ],
    theirs: [
      (o) => resendInvitationAction({ organizationId: o.b.id, invitationId: o.b.invitation.id }),
      () => resendInvitationAction({ organizationId: randomUUID(), invitationId: randomUUID() }),
    ],
    code: { ours: 'NOT_FOUND', theirs: 'NOT_FOUND' },
  },
  {
    action: 'renameOrganizationAction',
    theirs: [
      (o) => renameOrganizationAction({ organizationId: o.b.id, name: 'Pwned' }),
      () => renameOrganizationAction({ organizationId: randomUUID(), name: 'Pwned' }),
    ],
    code: { theirs: 'NOT_FOUND' },
  },
  {
    action: 'setMemberNotificationsAction',
    theirs: [
      (o) => setMemberNotificationsAction({ organizationId: o.b.id, enabled: false }),
      () => setMemberNotificationsAction({ organizationId: randomUUID(), enabled: false }),
    ],
    code: { theirs: 'NOT_FOUND' },
  },
  {
    action: 'setSeatLimitAction',
    theirs: [
      (o) => setSeatLimitAction({ organizationId: o.b.id, seatLimit: 1 }),
      () => setSeatLimitAction({ organizationId: randomUUID(), seatLimit: 1 }),
    ],
    code: { theirs: 'NOT_FOUND' },
  },
  {
    action: 'transferOwnershipAction',
    ours: [
      (o) => transferOwnershipAction({ organizationId: o.a.id, toUserId: o.b.member.userId }),
      (o) => transferOwnershipAction({ organizationId: o.a.id, toUserId: randomUUID() }),
    ],
    theirs: [
      (o) => transferOwnershipAction({ organizationId: o.b.id, toUserId: o.a.owner.userId }),
      (o) => transferOwnershipAction({ organizationId: randomUUID(), toUserId: o.a.owner.userId }),
    ],
    code: { ours: 'NOT_A_MEMBER', theirs: 'NOT_FOUND' },
  },
  {
    action: 'transferOwnershipAction (by email)',
    ours: [
      (o) => transferOwnershipAction({ organizationId: o.a.id, toEmail: o.b.member.email }),
      (o) => transferOwnershipAction({ organizationId: o.a.id, toEmail: 'nobody-at-all@example.com' }),
    ],
    code: { ours: 'NOT_A_MEMBER' },
  },
  {
    action: 'deleteOrganizationAction',
    theirs: [
      (o) => deleteOrganizationAction({ organizationId: o.b.id, confirmName: o.b.name }),
      (o) => deleteOrganizationAction({ organizationId: randomUUID(), confirmName: o.b.name }),
    ],
    code: { theirs: 'NOT_FOUND' },
  },
];

describe('an id from another organization is never found', () => {
  it.each(crossCalls)('$action', async ({ action, ours, theirs, code }) => {
    const o = await twoOrganizations();
    mocks.actor = o.a.owner;
    const before = await state();
    for (const [where, pair] of [
      ['ours', ours],
      ['theirs', theirs],
    ] as const) {
      if (!pair) continue;
      const [call, madeUp] = pair;
      const result = await call(o);
      expect(result.ok, `${where}: ${JSON.stringify(result)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe(code[where]);
      // Indistinguishable from an id that does not exist: nothing tells that B's row is there.
      expect(shapeOf(result), `${where} answers like a made-up id`).toEqual(shapeOf(await madeUp(o)));
      expect(JSON.stringify(result)).not.toContain(o.b.member.email);
      expect(JSON.stringify(result)).not.toContain(o.b.invitation.email);
    }
    expect(await state(), 'nothing changed').toEqual(before);
    figures.push([
      `cross-organization: ${action}`,
      [ours && 'into ours', theirs && 'into theirs'].filter(Boolean).join(' + '),
    ]);
  });

  it('the domain reads (user table, activity log) refuse another organization the same way', async () => {
    const o = await twoOrganizations();
    for (const read of [
      () => listUserTable(o.a.owner, { organizationId: o.b.id }),
      () => listAuditEvents(o.a.owner, { organizationId: o.b.id }),
      () => listUserTable(o.a.owner, { organizationId: randomUUID() }),
    ]) {
      const error = await read().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('NOT_FOUND');
    }
    figures.push(['cross-organization: user table and activity reads', 'NOT_FOUND']);
  });

  it('the invitation links are bound to their address: B’s invitation cannot be accepted or declined by A’s Owner', async () => {
    const o = await twoOrganizations();
    mocks.actor = o.a.owner;
    const before = await state();
    expect(await acceptInvitationAction({ token: o.b.invitation.token })).toMatchObject({
      ok: false,
      error: { code: 'INVITATION_EMAIL_MISMATCH' },
    });
    expect(await declineInvitationAction({ token: o.b.invitation.token })).toMatchObject({
      ok: false,
      error: { code: 'INVITATION_EMAIL_MISMATCH' },
    });
    expect(await state()).toEqual(before);
  });

  it('every statement an action sends that touches memberships, invitations or the audit log names one organization', async () => {
    const o = await twoOrganizations();
    const counting = await openCountingHandle(testDb);
    mocks.actor = o.a.owner;
    const touched: string[] = [];
    try {
      const calls: (() => Promise<unknown>)[] = [
        () =>
          changeRolesAction({
            organizationId: o.a.id,
            ids: [o.a.member.membershipId, o.b.member.membershipId],
            role: 'admin',
          }),
        () =>
          changeRolesAction({
            organizationId: o.a.id,
            ids: [o.a.member.membershipId, o.a.invitation.id],
            role: 'admin',
          }),
        () => removeMembersAction({ organizationId: o.a.id, ids: [o.b.invitation.id] }),
        () =>
          inviteMembersAction({
            organizationId: o.a.id,
            emails: ['new@example.com', o.b.member.email],
            role: 'member',
          }),
        () => resendInvitationAction({ organizationId: o.a.id, invitationId: o.b.invitation.id }),
        () => transferOwnershipAction({ organizationId: o.a.id, toEmail: o.b.member.email }),
        () => renameOrganizationAction({ organizationId: o.a.id, name: 'Ours renamed' }),
        () => listUserTable(o.a.owner, { organizationId: o.a.id, search: 'example' }),
        () => listAuditEvents(o.a.owner, { organizationId: o.a.id }),
        () => removeMembersAction({ organizationId: o.a.id, ids: [o.a.member.membershipId] }),
      ];
      for (const call of calls) {
        const { statements } = await counting.measure(() => call());
        touched.push(...statements);
      }
    } finally {
      await counting.close();
    }
    const relevant = touched.filter(
      (s) => /"?(memberships|invitations|audit_events)"?/i.test(s) && !/^\s*(begin|commit|rollback)/i.test(s),
    );
    expect(relevant.length).toBeGreaterThan(10);
    // The one exception: the email worker copies a sent message's result to the invitation that message
    // was queued for (email_messages.invitation_id, written inside the call's organization-scoped
    // transaction), and to no other row.
    const deliveryUpdate =
      /UPDATE "invitations" AS i SET delivery_status = r\.status[\s\S]*WHERE i\.id = r\.invitation_id/;
    const unscoped = relevant.filter((s) => !/organization_id/i.test(s) && !deliveryUpdate.test(s));
    expect(unscoped, 'statements with no organization in them').toEqual([]);
    figures.push(['statements touching membership data, all naming an organization', relevant.length]);
  });
});

describe('a removed or demoted person is refused on their next action (access is read on every call)', () => {
  it('an Admin removed while signed in: every console action answers NOT_FOUND, nothing changes', async () => {
    const o = await twoOrganizations();
    const admin = await addMember(o.a.id, 'admin');
    mocks.actor = admin;
    expect(
      await changeRolesAction({ organizationId: o.a.id, ids: [o.a.member.membershipId], role: 'admin' }),
    ).toMatchObject({ ok: true });

    mocks.actor = o.a.owner;
    expect(await removeMembersAction({ organizationId: o.a.id, ids: [admin.membershipId] })).toMatchObject({
      ok: true,
    });

    mocks.actor = admin; // the same session, still signed in
    const before = await state();
    const results = await Promise.all([
      changeRolesAction({ organizationId: o.a.id, ids: [o.a.member.membershipId], role: 'member' }),
      removeMembersAction({ organizationId: o.a.id, ids: [o.a.member.membershipId] }),
      inviteMembersAction({ organizationId: o.a.id, emails: ['back-door@example.com'], role: 'admin' }),
      resendInvitationAction({ organizationId: o.a.id, invitationId: o.a.invitation.id }),
      renameOrganizationAction({ organizationId: o.a.id, name: 'Revenge' }),
      leaveOrganizationAction({ organizationId: o.a.id }),
    ]);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await expect(listUserTable(admin, { organizationId: o.a.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await state()).toEqual(before);
    figures.push(['removed Admin: next actions refused', results.length + 1]);
  });

  it('an Admin demoted to Member while signed in: console actions answer FORBIDDEN', async () => {
    const o = await twoOrganizations();
    const admin = await addMember(o.a.id, 'admin');
    mocks.actor = o.a.owner;
    expect(
      await changeRolesAction({ organizationId: o.a.id, ids: [admin.membershipId], role: 'member' }),
    ).toMatchObject({ ok: true });
    mocks.actor = admin;
    const before = await state();
    expect(
      await inviteMembersAction({ organizationId: o.a.id, emails: ['x@example.com'], role: 'member' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await removeMembersAction({ organizationId: o.a.id, ids: [o.a.member.membershipId] }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await renameOrganizationAction({ organizationId: o.a.id, name: 'Nope' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(listUserTable(admin, { organizationId: o.a.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await state()).toEqual(before);
    figures.push(['demoted Admin: next actions refused', 4]);
  });
});

describe('invitation links are rate limited per client', () => {
  it('clientAddress takes the address the nearest trusted proxy wrote, not what the client sent', () => {
    expect(clientAddress('203.0.113.9', null, 1)).toBe('203.0.113.9');
    expect(clientAddress('6.6.6.6, 203.0.113.9', null, 1)).toBe('203.0.113.9'); // forged first entry ignored
    expect(clientAddress('6.6.6.6, 203.0.113.9, 10.0.0.2', null, 2)).toBe('203.0.113.9'); // CDN + load balancer
    expect(clientAddress('203.0.113.9', null, 3)).toBe('203.0.113.9'); // fewer entries than hops: the leftmost
    expect(clientAddress(null, ' 192.0.2.4 ', 1)).toBe('192.0.2.4');
    expect(clientAddress(null, null, 1)).toBe('unknown');
    expect(clientAddress(' , ,', null, 1)).toBe('unknown');
    expect(clientAddress(`${'9'.repeat(500)}`, null, 1)).toHaveLength(64);
  });

  it('guessing links: past INVITATION_LOOKUPS_PER_MINUTE, every attempt is RATE_LIMITED, even a right token, and rotating a forged X-Forwarded-For entry does not help', async () => {
    vi.stubEnv('INVITATION_LOOKUPS_PER_MINUTE', '5');
    const o = await twoOrganizations();
    const real = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      mocks.requestHeaders['x-forwarded-for'] = `10.66.${attempt}.${attempt}, ${real}`; // the client forges the first entry
      const guess = randomUUID().replace(/-/g, '').padEnd(43, 'A').slice(0, 43);
      const result = await declineInvitationAction({ token: guess });
      outcomes.push(result.ok ? 'ok' : result.error.code);
    }
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('INVITATION_INVALID'));
    expect(outcomes.slice(5)).toEqual(Array(7).fill('RATE_LIMITED'));

    // The right token from the same client is refused too (no oracle), and nothing was written.
    const before = await state();
    mocks.actor = null;
    expect(await acceptInvitationAsNewUserAction({ token: o.a.invitation.token })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(mocks.cookieSet).not.toHaveBeenCalled();
    expect(await state()).toEqual(before);

    // Another client is not affected.
    mocks.requestHeaders['x-forwarded-for'] = '198.51.100.200';
    expect(await declineInvitationAction({ token: o.a.invitation.token })).toMatchObject({ ok: true });
    figures.push([
      'link guesses from one client past the limit of 5/min',
      `${outcomes.filter((x) => x === 'RATE_LIMITED').length} of 12 refused`,
    ]);
  });
});
