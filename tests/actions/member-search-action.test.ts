// searchMembersAction, the `Transfer ownership` picker's server action, called directly: its documented
// result shape, authentication, input bounds, and that another organization's id finds nothing.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks } = await vi.hoisted(() => import('../support/action-mocks'));

import { searchMembersAction } from '@/app/actions/organizations';
import { errorMessages } from '@/lib/shared/errors';
import { MAX_SEARCH } from '@/lib/shared/limits';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser } from '../support/factories';

useTestDatabase();

beforeEach(() => {
  mocks.actor = null;
  mocks.requestHeaders = {};
});

describe('searchMembersAction', () => {
  it('answers an Owner with { ok: true, data: [{ userId, name, email, role }] }, never the Owner themself', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Finders');
    const heir = await addMember(
      organization.id,
      'admin',
      await createUser({ name: 'Hugo Heir', email: 'hugo@finders.test' }),
    );
    mocks.actor = owner;
    expect(await searchMembersAction({ organizationId: organization.id, query: 'hug' })).toEqual({
      ok: true,
      data: [{ userId: heir.userId, name: 'Hugo Heir', email: 'hugo@finders.test', role: 'admin' }],
    });
    const all = await searchMembersAction({ organizationId: organization.id, query: '' });
    expect(all.ok && all.data.map((row) => row.userId)).toEqual([heir.userId]);
  });

  it('refuses a signed-out caller (UNAUTHENTICATED), a query longer than MAX_SEARCH (INVALID_INPUT), and another organization’s id as a made-up one (NOT_FOUND)', async () => {
    const { organization } = await createOrganizationWithOwner('Private');
    expect(await searchMembersAction({ organizationId: organization.id, query: '' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: errorMessages.UNAUTHENTICATED },
    });

    const { owner: otherOwner } = await createOrganizationWithOwner('Elsewhere');
    mocks.actor = otherOwner;
    const tooLong = await searchMembersAction({
      organizationId: organization.id,
      query: 'x'.repeat(MAX_SEARCH + 1),
    });
    expect(tooLong.ok || tooLong.error.code).toBe('INVALID_INPUT');
    const foreign = await searchMembersAction({ organizationId: organization.id, query: '' });
    const madeUp = await searchMembersAction({ organizationId: randomUUID(), query: '' });
    expect(foreign).toEqual(madeUp);
    expect(foreign.ok || foreign.error.code).toBe('NOT_FOUND');
  });
});
