// Next's request APIs and the session, replaced for tests that call server actions directly: they throw
// outside a Next request, and the acting user comes from `actionMocks.actor` instead of a cookie.
//
// Load it hoisted, next to the file's imports:
//   const { actionMocks: mocks } = await vi.hoisted(() => import('../support/action-mocks'));
// vi.hoisted runs before any of the file's imports, and `vi.doMock` below (not hoisted itself) replaces
// a module for every import that comes after it: so the mocks are in place before the actions load,
// whatever order the imports are in. A plain `import` of this file would not be enough (the actions may
// load first); tests/support/action-mocks.test.ts, which loads it after importing an action, fails if
// the mocks stop taking effect.
import { vi } from 'vitest';
import type { PersonActor as Actor } from '@/lib/shared/actor';

export const actionMocks = {
  /** What `getActor()` answers: the signed-in person, or null for a signed-out request. */
  actor: null as Actor | null,
  /** `cookies().set`, to see which cookies an action sets. */
  cookieSet: vi.fn(),
  /** The request's headers, lower-case names (`headers().get(name)`). */
  requestHeaders: {} as Record<string, string>,
  revalidatePath: vi.fn(),
};

vi.doMock('next/cache', () => ({ revalidatePath: actionMocks.revalidatePath, revalidateTag: vi.fn() }));
vi.doMock('next/headers', () => ({
  cookies: vi.fn(async () => ({ set: actionMocks.cookieSet, get: vi.fn(), delete: vi.fn() })),
  headers: vi.fn(async () => ({
    get: (name: string) => actionMocks.requestHeaders[name.toLowerCase()] ?? null,
  })),
}));
// No account language: the request's language comes from the cookie and Accept-Language (none: English).
vi.doMock('@/app/_lib/session', () => ({
  getActor: vi.fn(async () => actionMocks.actor),
  getAccountLocale: vi.fn(async () => null),
}));

/**
 * `action` taking any input, as a hostile or careless client calls it over the wire: the compiler checks
 * every call site against the action's schema, and a test of refused input must say that it means it.
 */
export function unchecked<Result>(
  action: (input: never) => Promise<Result>,
): (input: unknown) => Promise<Result> {
  return action as (input: unknown) => Promise<Result>;
}
