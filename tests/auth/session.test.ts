// Finding 11 of the security review: the app opens a session itself when someone accepts an invitation
// with a new account. That session must be exactly what Auth.js would have opened (cookie name and
// flags, lifetime), or auth() does not see it. Both are compared here against the real Auth.js: its
// magic-link callback opens a session, the acceptance opens another, and auth() must read both.
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface SetCall {
  name: string;
  value: string;
  options: { secure?: boolean; httpOnly?: boolean; sameSite?: string; path?: string; expires?: Date };
}

const mocks = vi.hoisted(() => ({ requestHeaders: new Headers(), cookieSets: [] as SetCall[] }));

vi.mock('next/headers', () => ({
  headers: vi.fn(async () => mocks.requestHeaders),
  cookies: vi.fn(async () => ({
    set: vi.fn((name: string, value: string, options: SetCall['options'] = {}) =>
      mocks.cookieSets.push({ name, value, options }),
    ),
    get: vi.fn(),
    delete: vi.fn(),
    getAll: vi.fn(() => []),
  })),
}));

import { auth, handlers } from '@/app/auth';
import { signInWithEmailAction } from '@/app/actions/auth';
import { acceptInvitationAsNewUserAction } from '@/app/actions/invitations';
import { getDb } from '@/db/client';
import { sessions } from '@/db/schema';
import { sessionCookie } from '@/lib/auth/session';
import { inviteMembers } from '@/lib/invitations';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner, createUser } from '../support/factories';
import { tokenFrom } from '../support/state';

useTestDatabase();

const KEYS = ['APP_URL', 'AUTH_URL', 'AUTH_SECRET', 'AUTH_TRUST_HOST', 'PORT'] as const;
const PUBLIC = 'https://console.example.com';

beforeEach(() => {
  for (const key of KEYS) vi.stubEnv(key, undefined);
  vi.stubEnv('AUTH_SECRET', 'test-secret-for-sessions');
  vi.stubEnv('APP_URL', PUBLIC);
  mocks.cookieSets = [];
});

interface SessionCookie {
  name: string;
  value: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string;
  path: string;
  lifetimeMs: number;
}

async function expiresOf(token: string): Promise<Date> {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, token));
  if (!row) throw new Error('no session row for the cookie');
  return row.expires;
}

/** Signs `email` in the way Auth.js does it: the sign-in form, the emailed link, Auth.js's callback. */
async function sessionOpenedByAuthJs(email: string): Promise<SessionCookie> {
  await createUser({ email });
  // What a TLS proxy in front of the app sends (so the link is right on the code before the fix too).
  mocks.requestHeaders = new Headers({ host: 'console.example.com', 'x-forwarded-proto': 'https' });
  const form = new FormData();
  form.set('email', email);
  await signInWithEmailAction({}, form).catch(() => undefined);
  const text = (await listMailboxMessages()).find((m) => m.to === email)!.text;
  const link = /https?:\/\/\S+\/api\/auth\/callback\/\S+/.exec(text)![0];
  const startedAt = Date.now();
  const response = await handlers.GET(new NextRequest(link));
  const header = response.headers.getSetCookie().find((c) => /authjs\.session-token=/.test(c));
  if (!header) throw new Error(`Auth.js set no session cookie (status ${response.status})`);
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
  const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(key.toLowerCase()));
  return {
    name,
    value,
    secure: Boolean(attribute('Secure')),
    httpOnly: Boolean(attribute('HttpOnly')),
    sameSite: attribute('SameSite')!.split('=')[1].toLowerCase(),
    path: attribute('Path')!.split('=')[1],
    lifetimeMs: (await expiresOf(value)).getTime() - startedAt,
  };
}

/** Accepts an invitation signed out, with a new account: the session the app opens itself. */
async function sessionOpenedByAcceptance(email: string): Promise<SessionCookie> {
  const { organization, owner } = await createOrganizationWithOwner();
  await inviteMembers(owner, { organizationId: organization.id, emails: [email], role: 'member' });
  const token = tokenFrom((await listMailboxMessages()).find((m) => m.to === email)!.text);
  mocks.requestHeaders = new Headers({ host: 'console.example.com', 'x-forwarded-proto': 'https' });
  mocks.cookieSets = [];
  const startedAt = Date.now();
  expect(await acceptInvitationAsNewUserAction({ token })).toMatchObject({ ok: true });
  expect(mocks.cookieSets).toHaveLength(1);
  const { name, value, options } = mocks.cookieSets[0];
  expect(options.expires!.getTime()).toBe((await expiresOf(value)).getTime());
  return {
    name,
    value,
    secure: Boolean(options.secure),
    httpOnly: Boolean(options.httpOnly),
    sameSite: String(options.sameSite),
    path: String(options.path),
    lifetimeMs: (await expiresOf(value)).getTime() - startedAt,
  };
}

/** What auth() finds for a request that carries `cookie`, with these other headers. */
async function signedInAs(cookie: SessionCookie, headers: Record<string, string>): Promise<string | null> {
  mocks.requestHeaders = new Headers({ ...headers, cookie: `${cookie.name}=${cookie.value}` });
  const session = await auth();
  return session?.user?.email ?? null;
}

describe('a session opened on acceptance is the same as one Auth.js opens', () => {
  it('same cookie name and flags, same lifetime, and auth() reads both behind a proxy that does not forward the scheme', async () => {
    const byAuthJs = await sessionOpenedByAuthJs('returning@example.com');
    const byAcceptance = await sessionOpenedByAcceptance('newcomer@example.com');

    const { value: _a, lifetimeMs: lifetimeA, ...flagsA } = byAuthJs;
    const { value: _b, lifetimeMs: lifetimeB, ...flagsB } = byAcceptance;
    expect(flagsB).toEqual(flagsA);
    expect(flagsA).toMatchObject({
      name: '__Secure-authjs.session-token',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
    });
    expect(Math.abs(lifetimeA - lifetimeB), 'the two sessions last equally long').toBeLessThan(5_000);

    // The public URL is https; the proxy in front of the app terminates TLS and sends no
    // X-Forwarded-Proto (Next then says http). Both sessions must still be found.
    const behindProxy = { host: 'console.example.com', 'x-forwarded-proto': 'http' };
    expect(await signedInAs(byAuthJs, behindProxy)).toBe('returning@example.com');
    expect(await signedInAs(byAcceptance, behindProxy)).toBe('newcomer@example.com');
  });

  it('a forged X-Forwarded-Proto or Host does not change which cookie auth() reads', async () => {
    const byAcceptance = await sessionOpenedByAcceptance('forged-proto@example.com');
    expect(
      await signedInAs(byAcceptance, {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'http',
      }),
    ).toBe('forged-proto@example.com');
  });
});

describe('sessionCookie', () => {
  it('is Auth.js’s __Secure- cookie when the public URL is https, its plain one over http', () => {
    expect(sessionCookie({ APP_URL: 'https://console.example.com' })).toEqual({
      name: '__Secure-authjs.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    });
    expect(sessionCookie({ APP_URL: 'http://localhost:3000' }).name).toBe('authjs.session-token');
    expect(sessionCookie({}).options.secure).toBe(false);
  });
});
