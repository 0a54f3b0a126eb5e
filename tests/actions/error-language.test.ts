// A server action's refusal is said in the language of the request (its Accept-Language here, with no
// account choice and no cookie): the code's sentence, the wrapper of a field's message, and a refusal's
// own sentence named by key. The code and the details stay as they are.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks } = await vi.hoisted(() => import('../support/action-mocks'));

import { deleteOrganizationAction, searchMembersAction } from '@/app/actions/organizations';
import { removeMembersAction } from '@/app/actions/members';
import { MAX_SEARCH } from '@/lib/shared/limits';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser, membershipOf } from '../support/factories';

useTestDatabase();

beforeEach(() => {
  mocks.actor = null;
  mocks.requestHeaders = {};
});

describe('refusals in the request’s language', () => {
  it('answers UNAUTHENTICATED in Korean and Japanese', async () => {
    const { organization } = await createOrganizationWithOwner('Polyglot');
    mocks.requestHeaders = { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' };
    expect(await searchMembersAction({ organizationId: organization.id, query: '' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '먼저 로그인하세요.' },
    });
    mocks.requestHeaders = { 'accept-language': 'ja' };
    expect(await searchMembersAction({ organizationId: organization.id, query: '' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '先にサインインしてください。' },
    });
  });

  it('wraps a field’s message, and says a refusal’s own sentence, in Japanese', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Polyglot');
    mocks.actor = owner;
    mocks.requestHeaders = { 'accept-language': 'ja' };
    const tooLong = await searchMembersAction({
      organizationId: organization.id,
      query: 'x'.repeat(MAX_SEARCH + 1),
    });
    expect(tooLong.ok).toBe(false);
    if (tooLong.ok) return;
    expect(tooLong.error.code).toBe('INVALID_INPUT');
    expect(tooLong.error.message.startsWith('入力内容の一部が正しくありません。')).toBe(true);
    const admin = await createUser();
    await addMember(organization.id, 'admin', admin);
    mocks.actor = admin;
    expect(
      await deleteOrganizationAction({ organizationId: organization.id, confirmName: 'Polyglot' }),
    ).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '組織を削除できるのはオーナーだけです。' },
    });
    mocks.requestHeaders = {};
    expect(
      await deleteOrganizationAction({ organizationId: organization.id, confirmName: 'Polyglot' }),
    ).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only an Owner can delete the organization.' },
    });
  });

  it('says a bulk refusal and each refused row’s reason in Korean', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Polyglot');
    const ownerMembership = await membershipOf(organization.id, owner.userId);
    const admin = await addMember(organization.id, 'admin');
    const member = await addMember(organization.id, 'member');
    mocks.actor = admin;
    mocks.requestHeaders = { 'accept-language': 'ko' };
    const result = await removeMembersAction({
      organizationId: organization.id,
      ids: [member.membershipId, ownerMembership.id],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'BULK_REFUSED',
        message:
          '변경된 내용이 없습니다. 선택한 사용자 2명 중 1명을 변경할 수 없습니다. 소유자만 다른 사람을 소유자로 지정하거나 소유자를 변경 또는 제거할 수 있습니다.',
        details: {
          refused: [
            {
              code: 'OWNER_REQUIRED',
              email: owner.email,
              message: '소유자만 다른 사람을 소유자로 지정하거나 소유자를 변경 또는 제거할 수 있습니다.',
            },
          ],
        },
      },
    });
  });
});
