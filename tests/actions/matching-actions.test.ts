// "Select all N matching": the bulk server actions called directly with `matching` (the table's filter
// and the count seen) instead of ids: the documented input, the result shapes, and SELECTION_CHANGED as
// a result.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks, unchecked } = await vi.hoisted(() => import('../support/action-mocks'));

import { changeRolesAction, removeMembersAction } from '@/app/actions/members';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';
import { snapshot } from '../support/state';

useTestDatabase();

const noFilter = { search: '', role: null, status: null };

describe('changeRolesAction and removeMembersAction with { matching }', () => {
  it.each([
    [
      'a status the table does not have',
      { filter: { ...noFilter, status: 'asleep' }, count: 3 },
      ['matching.filter.status'],
    ],
    [
      'a role that does not exist',
      { filter: { ...noFilter, role: 'boss' }, count: 3 },
      ['matching.filter.role'],
    ],
    [
      'a search longer than the table takes',
      { filter: { ...noFilter, search: 'x'.repeat(201) }, count: 3 },
      ['matching.filter.search'],
    ],
    ['a count of 0', { filter: noFilter, count: 0 }, ['matching.count']],
    ['a count above 10,000', { filter: noFilter, count: 10_001 }, ['matching.count']],
    ['no filter at all', { count: 3 }, ['matching.filter']],
  ])('with %s: INVALID_INPUT naming the field, nothing changes', async (_name, matching, fields) => {
    mocks.actor = await createUser();
    const before = await snapshot();
    for (const result of [
      await unchecked(changeRolesAction)({ organizationId: randomUUID(), matching, role: 'admin' }),
      await unchecked(removeMembersAction)({ organizationId: randomUUID(), matching }),
    ]) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(Object.keys(result.error.details!.fields as object)).toEqual(fields);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an Owner changes every row matching a search, then removes them: the documented outputs', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Matching');
    for (let n = 0; n < 3; n++)
      await addMember(organization.id, 'member', await createUser({ email: `pick-${n}@example.com` }));
    await addInvitation(organization.id, { email: 'pick-invite@example.com' });
    await addMember(organization.id, 'member');
    mocks.actor = owner;
    const matching = { filter: { ...noFilter, search: 'pick-' }, count: 4 };

    expect(await changeRolesAction({ organizationId: organization.id, matching, role: 'admin' })).toEqual({
      ok: true,
      data: { changed: 4, role: 'admin', actorLostAccess: false },
    });
    expect(await removeMembersAction({ organizationId: organization.id, matching })).toEqual({
      ok: true,
      data: { removedMembers: 3, revokedInvitations: 1, actorLeft: false },
    });
    expect(mocks.revalidatePath).toHaveBeenCalledWith('/admin/[org]', 'layout');
  });

  it('a count that no longer matches comes back as SELECTION_CHANGED with both counts, nothing changed', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Changed');
    await addMember(organization.id, 'member');
    mocks.actor = owner;
    const before = await snapshot();
    const result = await removeMembersAction({
      organizationId: organization.id,
      matching: { filter: { ...noFilter, role: 'member' }, count: 2 },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'SELECTION_CHANGED',
        message:
          'Nothing was changed: you selected the 2 users matching your filters, and 1 user matches them now. Look at the list again and select anew.',
        details: { expected: 2, found: 1 },
      },
    });
    expect(await snapshot()).toEqual(before);
  });
});
