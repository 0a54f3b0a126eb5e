// Every operation × every kind of actor × every kind of target: allowed, or the exact error code. A
// refused call must leave the data exactly as it was and write no audit event.
import { describe, expect, it } from 'vitest';
import type { MemberRole } from '@/db/values';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { listAuditEvents } from '@/lib/audit';
import type { ErrorCode } from '@/lib/shared/errors';
import { inviteMembers, resendInvitation } from '@/lib/invitations';
import { changeRoles, removeMembers } from '@/lib/members';
import { deleteOrganization, renameOrganization, transferOwnership } from '@/lib/organizations';
import { listUserTable } from '@/lib/user-table/list';
import { getDb } from '@/db/client';
import { scimGroupMembers, scimGroups } from '@/db/schema';
import { setGroupRole } from '@/lib/scim/groups/console';
import { useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  uniqueEmail,
} from '../support/factories';
import { auditCount, expectDomainError, snapshot } from '../support/state';

useTestDatabase();

const actorKinds = ['Owner', 'Admin', 'Member', 'outsider', 'Admin of another organization'] as const;
type ActorKind = (typeof actorKinds)[number];
const targetKinds = ['Owner', 'Admin', 'Member', 'pending invitation'] as const;
type TargetKind = (typeof targetKinds)[number];

/**
 * One organization with two of each role (the actor and a different target), a pending invitation
 * (role Member, sent an hour ago), an outsider and the Admin of another organization.
 */
async function buildWorld() {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const orgId = organization.id;
  const admin = await addMember(orgId, 'admin');
  const member = await addMember(orgId, 'member');
  const targetOwner = await addMember(orgId, 'owner');
  const targetAdmin = await addMember(orgId, 'admin');
  const targetMember = await addMember(orgId, 'member');
  const invitation = await addInvitation(orgId, { role: 'member', invitedById: owner.userId });
  // A directory group holding the target Member, mapped to no role yet (DESIGN §12).
  const db = await getDb();
  const [leads] = await db
    .insert(scimGroups)
    .values({ organizationId: orgId, displayName: 'Leads' })
    .returning();
  await db
    .insert(scimGroupMembers)
    .values({ organizationId: orgId, groupId: leads.id, membershipId: targetMember.membershipId });
  const outsider = await createUser();
  const elsewhere = await createOrganizationWithOwner('Elsewhere');
  const foreignAdmin = await addMember(elsewhere.organization.id, 'admin');

  const actors: Record<ActorKind, Actor> = {
    Owner: owner,
    Admin: admin,
    Member: member,
    outsider,
    'Admin of another organization': foreignAdmin,
  };
  const targets: Record<TargetKind, { id: string; role: MemberRole; userId: string | null }> = {
    Owner: { id: targetOwner.membershipId, role: 'owner', userId: targetOwner.userId },
    Admin: { id: targetAdmin.membershipId, role: 'admin', userId: targetAdmin.userId },
    Member: { id: targetMember.membershipId, role: 'member', userId: targetMember.userId },
    'pending invitation': { id: invitation.id, role: 'member', userId: null },
  };
  return { orgId, actors, targets, groupId: leads.id };
}

type World = Awaited<ReturnType<typeof buildWorld>>;

const notInOrganization = (actor: ActorKind) =>
  actor === 'outsider' || actor === 'Admin of another organization';

interface Case {
  name: string;
  actor: ActorKind;
  run: (world: World, actor: Actor) => Promise<unknown>;
  expected: 'allowed' | ErrorCode;
  /** For allowed calls: does the call change the data (and so write an audit event)? */
  changes: boolean;
  /** For allowed calls: what the call answers (toEqual, asymmetric matchers allowed). */
  answers: (world: World) => unknown;
}

const cases: Case[] = [];

// changeRoles to each role, on each kind of target
for (const role of ['owner', 'admin', 'member'] as const) {
  for (const target of targetKinds) {
    for (const actor of actorKinds) {
      let expected: 'allowed' | ErrorCode;
      if (notInOrganization(actor)) expected = 'NOT_FOUND';
      else if (target === 'pending invitation') {
        if (actor === 'Member') expected = 'FORBIDDEN';
        else expected = role === 'owner' ? 'INVITATION_ROLE' : 'allowed';
      } else if (actor === 'Member') expected = 'FORBIDDEN';
      else if (actor === 'Admin' && (target === 'Owner' || role === 'owner')) expected = 'OWNER_REQUIRED';
      else expected = 'allowed';
      const currentRole: MemberRole = target === 'Owner' ? 'owner' : target === 'Admin' ? 'admin' : 'member';
      cases.push({
        name: `changeRoles to ${role} on ${target}`,
        actor,
        expected,
        changes: currentRole !== role,
        answers: () => ({ changed: currentRole === role ? 0 : 1, role, actorLostAccess: false }),
        run: (w, a) => changeRoles(a, { organizationId: w.orgId, ids: [w.targets[target].id], role }),
      });
    }
  }
}

// removeMembers on each kind of target
for (const target of targetKinds) {
  for (const actor of actorKinds) {
    let expected: 'allowed' | ErrorCode;
    if (notInOrganization(actor)) expected = 'NOT_FOUND';
    else if (actor === 'Member') expected = 'FORBIDDEN';
    else if (actor === 'Admin' && target === 'Owner') expected = 'OWNER_REQUIRED';
    else expected = 'allowed';
    cases.push({
      name: `removeMembers on ${target}`,
      actor,
      expected,
      changes: true,
      answers: () =>
        target === 'pending invitation'
          ? { removedMembers: 0, revokedInvitations: 1, actorLeft: false }
          : { removedMembers: 1, revokedInvitations: 0, actorLeft: false },
      run: (w, a) => removeMembers(a, { organizationId: w.orgId, ids: [w.targets[target].id] }),
    });
  }
}

for (const actor of actorKinds) {
  const manager = actor === 'Owner' || actor === 'Admin';
  const outside = notInOrganization(actor);
  const orElse = (allowedFor: ActorKind[], refused: ErrorCode): 'allowed' | ErrorCode =>
    outside ? 'NOT_FOUND' : allowedFor.includes(actor) ? 'allowed' : refused;

  cases.push({
    name: 'resendInvitation on pending invitation',
    actor,
    expected: orElse(['Owner', 'Admin'], 'FORBIDDEN'),
    changes: true,
    answers: (w) => ({
      email: expect.any(String),
      invitationId: w.targets['pending invitation'].id,
      outcome: 'resent',
    }),
    run: (w, a) =>
      resendInvitation(a, { organizationId: w.orgId, invitationId: w.targets['pending invitation'].id }),
  });
  for (const role of ['admin', 'member'] as const) {
    cases.push({
      name: `inviteMembers as ${role}`,
      actor,
      expected: orElse(['Owner', 'Admin'], 'FORBIDDEN'),
      changes: true,
      answers: () => ({
        results: [expect.objectContaining({ outcome: 'invited' })],
        counts: expect.objectContaining({ invited: 1 }),
      }),
      run: (w, a) => inviteMembers(a, { organizationId: w.orgId, emails: [uniqueEmail('new')], role }),
    });
  }
  cases.push({
    name: 'inviteMembers as owner',
    actor,
    // Checked before anything else: no invitation ever carries Owner, whoever asks.
    expected: 'INVITATION_ROLE',
    changes: true,
    answers: () => expect.fail('an invitation to Owner is never allowed'),
    run: (w, a) => inviteMembers(a, { organizationId: w.orgId, emails: [uniqueEmail('new')], role: 'owner' }),
  });
  cases.push({
    name: 'renameOrganization',
    actor,
    expected: orElse(['Owner', 'Admin'], 'FORBIDDEN'),
    changes: true,
    answers: (w) => ({ id: w.orgId, name: 'Renamed Inc', slug: 'acme' }),
    run: (w, a) => renameOrganization(a, { organizationId: w.orgId, name: 'Renamed Inc' }),
  });
  for (const target of ['Admin', 'Member'] as const) {
    cases.push({
      name: `transferOwnership to ${target}`,
      actor,
      expected: orElse(['Owner'], 'OWNER_REQUIRED'),
      changes: true,
      answers: (w) => ({ newOwnerUserId: w.targets[target].userId, newOwnerEmail: expect.any(String) }),
      run: (w, a) => transferOwnership(a, { organizationId: w.orgId, toUserId: w.targets[target].userId! }),
    });
  }
  cases.push({
    name: 'deleteOrganization',
    actor,
    expected: orElse(['Owner'], 'FORBIDDEN'),
    changes: true,
    answers: (w) => ({ id: w.orgId, name: 'Acme' }),
    run: (w, a) => deleteOrganization(a, { organizationId: w.orgId, confirmName: 'Acme' }),
  });
  cases.push({
    name: 'listUserTable',
    actor,
    expected: manager ? 'allowed' : outside ? 'NOT_FOUND' : 'FORBIDDEN',
    changes: false,
    // Its six members and the pending invitation.
    answers: () => expect.objectContaining({ total: 7, rows: expect.any(Array) }),
    run: (w, a) => listUserTable(a, { organizationId: w.orgId }),
  });
  for (const role of ['admin', 'member', null] as const) {
    cases.push({
      name: `setGroupRole to ${role ?? 'no role'}`,
      actor,
      // Who manages provisioning maps groups; an Admin may map to Admin (they can make Admins already).
      expected: orElse(['Owner', 'Admin'], 'FORBIDDEN'),
      // Mapping to no role what maps to none already changes nothing (and writes no event).
      changes: role !== null,
      answers: () => ({ group: 'Leads', from: null, to: role, changed: role === 'admin' ? 1 : 0 }),
      run: (w, a) => setGroupRole(a, { organizationId: w.orgId, groupId: w.groupId, role }),
    });
  }
  cases.push({
    name: 'listAuditEvents',
    actor,
    expected: manager ? 'allowed' : outside ? 'NOT_FOUND' : 'FORBIDDEN',
    changes: false,
    // The organization's one event so far: its creation (the factories add people without events).
    answers: () =>
      expect.objectContaining({
        total: 1,
        events: [expect.objectContaining({ action: 'organization.created' })],
      }),
    run: (w, a) => listAuditEvents(a, { organizationId: w.orgId }),
  });
}

describe('authorization matrix', () => {
  it.each(cases.map((c) => [`${c.name} by ${c.actor} → ${c.expected}`, c] as const))(
    '%s',
    async (_title, c) => {
      const world = await buildWorld();
      const actor = world.actors[c.actor];
      const before = await snapshot();
      if (c.expected === 'allowed') {
        const result = await c.run(world, actor);
        expect(result).toEqual(c.answers(world));
        const after = await snapshot();
        if (c.name === 'deleteOrganization') {
          expect(after.orgs.map((o) => o.id)).not.toContain(world.orgId);
        } else if (c.changes) {
          expect(after.auditEvents).toBeGreaterThan(before.auditEvents);
          expect(after).not.toEqual(before);
        } else {
          expect(after).toEqual(before);
        }
      } else {
        const error = await expectDomainError(c.run(world, actor), c.expected);
        expect(error.message.length).toBeGreaterThan(0);
        const after = await snapshot();
        expect(after).toEqual(before);
        expect(await auditCount(world.orgId)).toBe(before.auditEvents - 1 /* Elsewhere's creation */);
      }
    },
  );
});

describe('acting on yourself (rule 5)', () => {
  it('an Admin may step down to Member, and then loses console access', async () => {
    const { orgId, actors } = await buildWorld();
    const [self] = (await listUserTable(actors.Owner, { organizationId: orgId, search: actors.Admin.email }))
      .rows;
    const result = await changeRoles(actors.Admin, { organizationId: orgId, ids: [self.id], role: 'member' });
    expect(result).toEqual({ changed: 1, role: 'member', actorLostAccess: true });
    await expectDomainError(listUserTable(actors.Admin, { organizationId: orgId }), 'FORBIDDEN');
  });

  it('a Member may leave, but may not promote themselves', async () => {
    const { orgId, actors } = await buildWorld();
    const [self] = (await listUserTable(actors.Owner, { organizationId: orgId, search: actors.Member.email }))
      .rows;
    const before = await snapshot();
    await expectDomainError(
      changeRoles(actors.Member, { organizationId: orgId, ids: [self.id], role: 'admin' }),
      'FORBIDDEN',
    );
    expect(await snapshot()).toEqual(before);
    const left = await removeMembers(actors.Member, { organizationId: orgId, ids: [self.id] });
    expect(left).toEqual({ removedMembers: 1, revokedInvitations: 0, actorLeft: true });
  });

  it('an Admin may not make themselves Owner', async () => {
    const { orgId, actors } = await buildWorld();
    const [self] = (await listUserTable(actors.Owner, { organizationId: orgId, search: actors.Admin.email }))
      .rows;
    const before = await snapshot();
    await expectDomainError(
      changeRoles(actors.Admin, { organizationId: orgId, ids: [self.id], role: 'owner' }),
      'OWNER_REQUIRED',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('removal takes effect on the next call (rule 7): a removed Admin gets NOT_FOUND', async () => {
    const { orgId, actors } = await buildWorld();
    await listUserTable(actors.Admin, { organizationId: orgId });
    const [row] = (await listUserTable(actors.Owner, { organizationId: orgId, search: actors.Admin.email }))
      .rows;
    await removeMembers(actors.Owner, { organizationId: orgId, ids: [row.id] });
    await expectDomainError(listUserTable(actors.Admin, { organizationId: orgId }), 'NOT_FOUND');
  });
});
