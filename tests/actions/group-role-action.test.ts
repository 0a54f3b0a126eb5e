// setGroupRoleAction called as the browser calls it (issue 17 item 2): its result, its refusals (never
// Owner, a Member, a group of another organization, signed out), and the pages it makes stale; and
// changeRolesAction answering ROLE_FROM_GROUP, its own sentence, for a role a mapping gives.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks, unchecked } = await vi.hoisted(() => import('../support/action-mocks'));

import { getDb } from '@/db/client';
import { scimGroupMembers, scimGroups } from '@/db/schema';
import { changeRolesAction } from '@/app/actions/members';
import { setGroupRoleAction } from '@/app/actions/provisioning';
import { errorMessages, roleFromGroupMessage } from '@/lib/shared/errors';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner } from '../support/factories';

useTestDatabase({ workJobs: false });

beforeEach(() => {
  mocks.actor = null;
  mocks.revalidatePath.mockClear();
});

async function leadsOf(organizationId: string, membershipIds: string[]) {
  const db = await getDb();
  const [leads] = await db
    .insert(scimGroups)
    .values({ organizationId, displayName: 'Engineering Leads' })
    .returning();
  if (membershipIds.length > 0)
    await db
      .insert(scimGroupMembers)
      .values(membershipIds.map((membershipId) => ({ organizationId, groupId: leads.id, membershipId })));
  return leads.id;
}

describe('setGroupRoleAction', () => {
  it('answers how many roles changed, and makes the provisioning and users pages stale', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const ann = await addMember(organization.id, 'member');
    const bob = await addMember(organization.id, 'member');
    const groupId = await leadsOf(organization.id, [ann.membershipId, bob.membershipId]);
    mocks.actor = owner;
    const result = await setGroupRoleAction({ organizationId: organization.id, groupId, role: 'admin' });
    expect(result).toEqual({
      ok: true,
      data: { group: 'Engineering Leads', from: null, to: 'admin', changed: 2 },
    });
    expect(mocks.revalidatePath).toHaveBeenCalledWith('/admin/[org]/provisioning', 'page');
    expect(mocks.revalidatePath).toHaveBeenCalledWith('/admin/[org]/users', 'page');
  });

  it('refuses Owner as a mapping before anything runs, and a Member with FORBIDDEN', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const member = await addMember(organization.id, 'member');
    const groupId = await leadsOf(organization.id, []);
    mocks.actor = owner;
    const owned = await unchecked(setGroupRoleAction)({
      organizationId: organization.id,
      groupId,
      role: 'owner',
    });
    expect(owned).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    mocks.actor = member;
    const refused = await setGroupRoleAction({ organizationId: organization.id, groupId, role: null });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: errorMessages.FORBIDDEN },
    });
    expect(mocks.revalidatePath).not.toHaveBeenCalled();
  });

  it('answers GROUP_NOT_FOUND for another organization’s group, and UNAUTHENTICATED signed out', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const other = await createOrganizationWithOwner('Other');
    const theirs = await leadsOf(other.organization.id, []);
    mocks.actor = owner;
    expect(
      await setGroupRoleAction({ organizationId: organization.id, groupId: theirs, role: 'admin' }),
    ).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
    mocks.actor = null;
    expect(
      await setGroupRoleAction({ organizationId: organization.id, groupId: theirs, role: 'admin' }),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('changeRolesAction on a role a mapping gives', () => {
  it('answers ROLE_FROM_GROUP with the sentence naming the person and the group', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const ann = await addMember(organization.id, 'member');
    const groupId = await leadsOf(organization.id, [ann.membershipId]);
    mocks.actor = owner;
    await setGroupRoleAction({ organizationId: organization.id, groupId, role: 'admin' });
    const result = await changeRolesAction({
      organizationId: organization.id,
      ids: [ann.membershipId],
      role: 'member',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'ROLE_FROM_GROUP',
        message: roleFromGroupMessage(ann.name ?? null, 'Engineering Leads'),
      },
    });
  });
});
