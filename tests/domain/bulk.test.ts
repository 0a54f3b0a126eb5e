// Bulk actions are all or nothing (docs/rules.md rule 6), keep an Owner (rule 4), and audit each changed row.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorMessages } from '@/lib/shared/errors';
import { changeRoles, leaveOrganization, removeMembers } from '@/lib/members';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, membershipOf } from '../support/factories';
import { auditActions, auditCount, expectDomainError, snapshot } from '../support/state';

useTestDatabase();

async function orgWithPeople() {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const orgId = organization.id;
  const ownerMembership = await membershipOf(orgId, owner.userId);
  const admin = await addMember(orgId, 'admin');
  const members = [
    await addMember(orgId, 'member'),
    await addMember(orgId, 'member'),
    await addMember(orgId, 'member'),
  ];
  const invites = [
    await addInvitation(orgId, { role: 'member' }),
    await addInvitation(orgId, { role: 'admin' }),
  ];
  return { orgId, owner: { ...owner, membershipId: ownerMembership.id }, admin, members, invites };
}

describe('all or nothing', () => {
  it('an Admin selecting an Owner among Members changes nothing: BULK_REFUSED naming exactly that row with OWNER_REQUIRED', async () => {
    const { orgId, owner, admin, members } = await orgWithPeople();
    const ids = [members[0].membershipId, owner.membershipId, members[1].membershipId];
    const before = await snapshot();
    for (const attempt of [
      () => changeRoles(admin, { organizationId: orgId, ids, role: 'admin' }),
      () => removeMembers(admin, { organizationId: orgId, ids }),
    ]) {
      const error = await expectDomainError(attempt(), 'BULK_REFUSED');
      expect(error.details).toEqual({
        refused: [
          {
            id: owner.membershipId,
            email: owner.email,
            code: 'OWNER_REQUIRED',
            message: errorMessages.OWNER_REQUIRED,
          },
        ],
      });
      expect(error.message).toContain('1 of the 3 selected');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('names every refused row when several are refused, and only those', async () => {
    const { orgId, owner, admin, members, invites } = await orgWithPeople();
    const secondOwner = await addMember(orgId, 'owner');
    const ids = [owner.membershipId, members[0].membershipId, secondOwner.membershipId, invites[0].id];
    const error = await expectDomainError(
      changeRoles(admin, { organizationId: orgId, ids, role: 'member' }),
      'BULK_REFUSED',
    );
    const refused = (error.details!.refused as { id: string; code: string }[]).map((r) => [r.id, r.code]);
    expect(refused).toEqual([
      [owner.membershipId, 'OWNER_REQUIRED'],
      [secondOwner.membershipId, 'OWNER_REQUIRED'],
    ]);
  });

  it('an unknown id, or an id from another organization, is NOT_FOUND in refused and nothing changes', async () => {
    const { orgId, owner, members } = await orgWithPeople();
    const elsewhere = await createOrganizationWithOwner('Elsewhere');
    const foreign = await addMember(elsewhere.organization.id, 'member');
    const foreignInvite = await addInvitation(elsewhere.organization.id);
    const unknown = randomUUID();
    const ids = [members[0].membershipId, unknown, foreign.membershipId, foreignInvite.id];
    const before = await snapshot();
    const error = await expectDomainError(
      changeRoles(owner, { organizationId: orgId, ids, role: 'admin' }),
      'BULK_REFUSED',
    );
    expect(error.details!.refused).toEqual([
      { id: unknown, email: '', code: 'NOT_FOUND', message: errorMessages.NOT_FOUND },
      { id: foreign.membershipId, email: '', code: 'NOT_FOUND', message: errorMessages.NOT_FOUND },
      { id: foreignInvite.id, email: '', code: 'NOT_FOUND', message: errorMessages.NOT_FOUND },
    ]);
    await expectDomainError(removeMembers(owner, { organizationId: orgId, ids }), 'BULK_REFUSED');
    expect(await snapshot()).toEqual(before);
  });

  it('a single unknown id is NOT_FOUND itself', async () => {
    const { orgId, owner } = await orgWithPeople();
    const error = await expectDomainError(
      removeMembers(owner, { organizationId: orgId, ids: [randomUUID()] }),
      'NOT_FOUND',
    );
    expect(error.details!.refused).toHaveLength(1);
  });

  it('an invitation that is no longer pending counts as not found', async () => {
    const { orgId, owner, invites } = await orgWithPeople();
    await removeMembers(owner, { organizationId: orgId, ids: [invites[0].id] });
    await expectDomainError(
      changeRoles(owner, { organizationId: orgId, ids: [invites[0].id], role: 'admin' }),
      'NOT_FOUND',
    );
  });

  it('an empty selection is INVALID_INPUT; repeated ids count once', async () => {
    const { orgId, owner, members } = await orgWithPeople();
    await expectDomainError(
      changeRoles(owner, { organizationId: orgId, ids: [], role: 'admin' }),
      'INVALID_INPUT',
    );
    const id = members[0].membershipId;
    const result = await changeRoles(owner, { organizationId: orgId, ids: [id, id, id], role: 'admin' });
    expect(result.changed).toBe(1);
  });
});

describe('members and invitations together', () => {
  it('a role change applies to members and pending invitations in one go, with one audit event per row', async () => {
    const { orgId, owner, members, invites } = await orgWithPeople();
    const eventsBefore = await auditCount(orgId);
    const ids = [members[0].membershipId, members[1].membershipId, invites[0].id];
    const result = await changeRoles(owner, { organizationId: orgId, ids, role: 'admin' });
    expect(result).toEqual({ changed: 3, role: 'admin', actorLostAccess: false });
    const after = await snapshot();
    expect(after.members.filter((m) => ids.includes(m.id)).map((m) => m.role)).toEqual(['admin', 'admin']);
    expect(after.invites.find((i) => i.id === invites[0].id)!.role).toBe('admin');
    expect(after.members.find((m) => m.id === members[2].membershipId)!.role).toBe('member');

    const events = (await auditActions(orgId)).slice(eventsBefore);
    expect(events).toHaveLength(3);
    expect(events.map((e) => [e.action, e.targetId]).sort()).toEqual(
      [
        ['invitation.role_changed', invites[0].id],
        ['member.role_changed', members[0].membershipId],
        ['member.role_changed', members[1].membershipId],
      ].sort(),
    );
    for (const event of events) expect(event.details).toEqual({ from: 'member', to: 'admin' });
  });

  it('removal removes members (accounts stay) and revokes invitations together, one audit event per row', async () => {
    const { orgId, owner, members, invites } = await orgWithPeople();
    const eventsBefore = await auditCount(orgId);
    const ids = [members[0].membershipId, invites[0].id, invites[1].id];
    const result = await removeMembers(owner, { organizationId: orgId, ids });
    expect(result).toEqual({ removedMembers: 1, revokedInvitations: 2, actorLeft: false });
    const after = await snapshot();
    expect(after.members.map((m) => m.id)).not.toContain(members[0].membershipId);
    expect(
      after.invites
        .filter((i) => i.status === 'revoked')
        .map((i) => i.id)
        .sort(),
    ).toEqual([invites[0].id, invites[1].id].sort());
    const events = (await auditActions(orgId)).slice(eventsBefore);
    expect(events.map((e) => e.action).sort()).toEqual([
      'invitation.revoked',
      'invitation.revoked',
      'member.removed',
    ]);
    // The account is still there, and can be a member elsewhere.
    const elsewhere = await createOrganizationWithOwner('Elsewhere');
    await addMember(elsewhere.organization.id, 'member', members[0]);
  });

  it('giving Owner to a selection that includes an invitation is refused with INVITATION_ROLE for that row', async () => {
    const { orgId, owner, members, invites } = await orgWithPeople();
    const before = await snapshot();
    const error = await expectDomainError(
      changeRoles(owner, {
        organizationId: orgId,
        ids: [members[0].membershipId, invites[0].id],
        role: 'owner',
      }),
      'BULK_REFUSED',
    );
    expect((error.details!.refused as { id: string; code: string }[]).map((r) => [r.id, r.code])).toEqual([
      [invites[0].id, 'INVITATION_ROLE'],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('a role change to the same role is a no-op with no audit event', async () => {
    const { orgId, owner, members, invites } = await orgWithPeople();
    const before = await snapshot();
    const result = await changeRoles(owner, {
      organizationId: orgId,
      ids: [members[0].membershipId, invites[0].id],
      role: 'member',
    });
    expect(result).toEqual({ changed: 0, role: 'member', actorLostAccess: false });
    expect(await snapshot()).toEqual(before);
  });

  it('a mixed selection changes only the rows whose role differs, and audits only those', async () => {
    const { orgId, owner, admin, members } = await orgWithPeople();
    const eventsBefore = await auditCount(orgId);
    const result = await changeRoles(owner, {
      organizationId: orgId,
      ids: [admin.membershipId, members[0].membershipId],
      role: 'admin',
    });
    expect(result.changed).toBe(1);
    const events = (await auditActions(orgId)).slice(eventsBefore);
    expect(events.map((e) => e.targetId)).toEqual([members[0].membershipId]);
  });
});

describe('the last Owner (rule 4)', () => {
  it('removing the only Owner is LAST_OWNER, and nothing changes', async () => {
    const { orgId, owner, members } = await orgWithPeople();
    const before = await snapshot();
    const error = await expectDomainError(
      removeMembers(owner, { organizationId: orgId, ids: [owner.membershipId, members[0].membershipId] }),
      'LAST_OWNER',
    );
    expect(error.message).toBe(errorMessages.LAST_OWNER);
    await expectDomainError(leaveOrganization(owner, { organizationId: orgId }), 'LAST_OWNER');
    await expectDomainError(
      changeRoles(owner, { organizationId: orgId, ids: [owner.membershipId], role: 'admin' }),
      'LAST_OWNER',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('demoting all Owners at once is LAST_OWNER; demoting all but one is fine', async () => {
    const { orgId, owner } = await orgWithPeople();
    const second = await addMember(orgId, 'owner');
    const third = await addMember(orgId, 'owner');
    const all = [owner.membershipId, second.membershipId, third.membershipId];
    const before = await snapshot();
    await expectDomainError(
      changeRoles(owner, { organizationId: orgId, ids: all, role: 'member' }),
      'LAST_OWNER',
    );
    await expectDomainError(removeMembers(owner, { organizationId: orgId, ids: all }), 'LAST_OWNER');
    expect(await snapshot()).toEqual(before);
    const result = await changeRoles(owner, {
      organizationId: orgId,
      ids: [second.membershipId, third.membershipId],
      role: 'member',
    });
    expect(result.changed).toBe(2);
  });

  it('an Owner may step down when another Owner remains, and then loses nothing but Owner rights', async () => {
    const { orgId, owner } = await orgWithPeople();
    await addMember(orgId, 'owner');
    const result = await changeRoles(owner, {
      organizationId: orgId,
      ids: [owner.membershipId],
      role: 'admin',
    });
    expect(result).toEqual({ changed: 1, role: 'admin', actorLostAccess: false });
    expect((await membershipOf(orgId, owner.userId)).role).toBe('admin');
  });

  it('after promoting a member to Owner, the former only Owner may step down to Member', async () => {
    const { orgId, owner, members } = await orgWithPeople();
    await changeRoles(owner, { organizationId: orgId, ids: [members[0].membershipId], role: 'owner' });
    const result = await changeRoles(owner, {
      organizationId: orgId,
      ids: [owner.membershipId],
      role: 'member',
    });
    expect(result).toEqual({ changed: 1, role: 'member', actorLostAccess: true });
  });
});
