// A server action's refusal is said in the language of the request (its Accept-Language here, with no
// account choice and no cookie): the code's sentence, the wrapper of a field's message, and a refusal's
// own sentence named by key. The code and the details stay as they are.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks } = await vi.hoisted(() => import('../support/action-mocks'));

import { deleteOrganizationAction, searchMembersAction } from '@/app/actions/organizations';
import { MAX_SEARCH } from '@/lib/shared/limits';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser } from '../support/factories';

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
});
