// The server-action mocks take effect however the test file orders its imports (see action-mocks.ts).
import { describe, expect, it, vi } from 'vitest';
import { createOrganizationAction } from '@/app/actions/organizations';
import { getActor } from '@/app/_lib/session';
import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { person } from '@/lib/shared/actor';

// Last in the file on purpose: vi.hoisted still runs it before the imports above.
const { actionMocks } = await vi.hoisted(() => import('./action-mocks'));

describe('action mocks', () => {
  it('are what the actions import, even when the file imports the actions first', async () => {
    actionMocks.actor = null;
    expect(await createOrganizationAction({ name: 'Nobody signed in' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(vi.isMockFunction(getActor)).toBe(true);
  });

  it('answer from the shared state', async () => {
    actionMocks.actor = person({ userId: 'u1', email: 'someone@example.test' });
    actionMocks.requestHeaders = { 'x-forwarded-for': '192.0.2.1' };
    expect(await getActor()).toEqual(actionMocks.actor);
    expect((await headers()).get('X-Forwarded-For')).toBe('192.0.2.1');
    (await cookies()).set('name', 'value');
    expect(actionMocks.cookieSet).toHaveBeenCalledWith('name', 'value');
    revalidatePath('/');
    expect(actionMocks.revalidatePath).toHaveBeenCalledWith('/');
  });
});
