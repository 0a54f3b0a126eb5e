// The login page's routing (DESIGN §11: the address first), through signInWithEmailAction and Auth.js's
// real email provider: an address at a domain with an enabled connection goes to its identity provider
// (a request recorded, coming back to a safe path); "Email me a sign-in link instead" sends the link
// unless Require SSO refuses it, and then ends on /login/sso-required exactly as for a break-glass Owner,
// who does get the link; starting SSO is limited per client; "Continue with" starts it from the page.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => ({ requestHeaders: new Headers(), cookieSet: vi.fn() }));

vi.mock('next/headers', () => ({
  headers: vi.fn(async () => mocks.requestHeaders),
  cookies: vi.fn(async () => ({
    set: mocks.cookieSet,
    get: vi.fn(),
    delete: vi.fn(),
    getAll: vi.fn(() => []),
  })),
}));

import { continueWithSsoAction, signInWithEmailAction, type SignInState } from '@/app/actions/auth';
import { getDb } from '@/db/client';
import { memberships, organizations, ssoConnections, ssoRequests } from '@/db/schema';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { advanceClock, now, resetClock } from '@/lib/clock';
import { errorMessages } from '@/lib/shared/errors';
import { SSO_STARTS_PER_CLIENT_PER_MINUTE } from '@/lib/shared/limits';
import { browserBinding } from '@/lib/sso/requests';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner, createUser } from '../support/factories';
import { testKeyPair } from '../support/saml-certificates';
import { freshDomain, insertConnection, verifiedDomainRow } from '../support/sso';

useTestDatabase();

const IDP = 'https://idp.example.test/sso';
const KEYS = ['APP_URL', 'AUTH_URL', 'AUTH_SECRET', 'AUTH_TRUST_HOST', 'PORT'] as const;
let client = 0;

beforeEach(() => {
  for (const key of KEYS) vi.stubEnv(key, undefined);
  vi.stubEnv('AUTH_SECRET', 'test-secret-for-sign-in-routing');
  mocks.cookieSet.mockClear();
  vi.stubEnv('APP_URL', 'https://console.example.com');
  // Each test its own client, so the per-client limit of one does not reach another.
  client += 1;
  mocks.requestHeaders = new Headers({
    host: 'console.example.com',
    'x-forwarded-for': `203.0.113.${client}`,
  });
});

afterEach(() => resetClock());

/** Moves the clock to the start of a minute when the current one is nearly over: the limit counts per minute. */
function freshMinute() {
  const into = now().getTime() % 60_000;
  if (into > 40_000) advanceClock(60_000 - into + 1);
}

/** Acme: a verified domain served by an enabled SAML connection (Require SSO off unless asked). */
async function ssoOrganization(requireSso = false) {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const domain = await verifiedDomainRow(organization.id);
  const { certificate } = await testKeyPair();
  const connection = await insertConnection(organization.id, {
    name: 'Acme Okta',
    samlEntityId: 'https://idp.example.test/metadata',
    samlSsoUrl: IDP,
    samlCertificates: [certificate],
  });
  if (requireSso) {
    const db = await getDb();
    await db.update(organizations).set({ requireSso: true }).where(eq(organizations.id, organization.id));
  }
  return { organization, owner, domain, connection };
}

/** Where a server action's redirect() sends the browser (Next throws it), or null when it answered. */
function redirectOf(error: unknown): string {
  const digest = String((error as { digest?: string }).digest ?? '');
  if (!digest.startsWith('NEXT_REDIRECT;')) throw error;
  return digest.split(';').slice(2, -2).join(';');
}

/** Submits the login form; the page it goes to, or the state it answered with. */
async function submit(
  fields: Record<string, string>,
): Promise<{ to: string | null; state: SignInState | null }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  try {
    return { to: null, state: await signInWithEmailAction({}, form) };
  } catch (error) {
    return { to: redirectOf(error), state: null };
  }
}

async function continueWith(fields: Record<string, string>): Promise<string> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return continueWithSsoAction(form).then(
    () => expect.fail('the action did not redirect'),
    (error: unknown) => redirectOf(error),
  );
}

async function emailsTo(address: string) {
  return (await listMailboxMessages()).filter((m) => m.to === address);
}

async function requestsOf(connectionId: string) {
  const db = await getDb();
  return db.select().from(ssoRequests).where(eq(ssoRequests.connectionId, connectionId));
}

describe('the address first: an SSO domain goes to its identity provider', () => {
  it('sends an address at the domain (any case) to the provider with an AuthnRequest, recording the request and where to come back', async () => {
    const { domain, connection } = await ssoOrganization();
    const { to } = await submit({ email: `Pat@${domain.toUpperCase()}`, callbackUrl: '/admin/acme/users' });
    expect(to).toMatch(new RegExp(`^${IDP}\\?SAMLRequest=`));
    const [request] = await requestsOf(connection.id);
    expect(request).toMatchObject({ purpose: 'sign_in', callbackPath: '/admin/acme/users', usedAt: null });
    // The request is bound to this browser's SSO cookie, set now (the answer must come back with it).
    const [, browser] = mocks.cookieSet.mock.calls.find(([name]) => name === 'aihub-sso-browser') ?? [];
    expect(browser).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(request.browserBinding).toBe(browserBinding(browser));
    expect(decodeURIComponent(to!)).not.toContain('pat@');
    expect(await emailsTo(`pat@${domain}`)).toEqual([]);
  });

  it('comes back to / when the callback names another site', async () => {
    const { domain, connection } = await ssoOrganization();
    await submit({ email: `pat@${domain}`, callbackUrl: '//evil.example/steal' });
    const [request] = await requestsOf(connection.id);
    expect(request.callbackPath).toBe('/');
  });

  it('goes to the provider under Require SSO too, and for an address with no account', async () => {
    const { domain } = await ssoOrganization(true);
    const { to } = await submit({ email: `nobody-yet@${domain}` });
    expect(to).toMatch(new RegExp(`^${IDP}\\?`));
  });

  it('sends the link as before to an address at a domain without a connection, or whose connection is off', async () => {
    const { organization, domain, connection } = await ssoOrganization();
    const elsewhere = `pat@${freshDomain()}`;
    expect((await submit({ email: elsewhere })).to).toBe('/login/check-email');
    expect(await emailsTo(elsewhere)).toHaveLength(1);
    const db = await getDb();
    await db.update(ssoConnections).set({ enabled: false }).where(eq(ssoConnections.id, connection.id));
    expect((await submit({ email: `pat@${domain}` })).to).toBe('/login/check-email');
    expect(await emailsTo(`pat@${domain}`)).toHaveLength(1);
    expect(await requestsOf(connection.id)).toEqual([]);
    expect(organization.id).toBeTruthy();
  });

  it('answers an invalid address on the form, as before, starting nothing', async () => {
    const { connection } = await ssoOrganization();
    const { state } = await submit({ email: 'not an address' });
    expect(state?.error).toBe('Enter a valid email address.');
    expect(await requestsOf(connection.id)).toEqual([]);
  });
});

describe('"Email me a sign-in link instead"', () => {
  it('sends the link at an SSO domain whose organization does not require SSO', async () => {
    const { domain, connection } = await ssoOrganization();
    const { to } = await submit({ email: `pat@${domain}`, method: 'email' });
    expect(to).toBe('/login/check-email');
    expect(await emailsTo(`pat@${domain}`)).toHaveLength(1);
    expect(await requestsOf(connection.id)).toEqual([]);
  });

  it('under Require SSO sends no link and goes to the page that offers the provider, naming no address', async () => {
    const { domain, connection } = await ssoOrganization(true);
    const { to } = await submit({ email: `pat@${domain}`, method: 'email', callbackUrl: '/admin/acme' });
    expect(to).toBe(`/login/sso-required?connection=${connection.id}&callbackUrl=%2Fadmin%2Facme&from=email`);
    expect(await emailsTo(`pat@${domain}`)).toEqual([]);
  });

  it('under Require SSO sends a break-glass Owner the link, and ends on the same page as anyone (no telling who is exempt)', async () => {
    const { organization, domain, connection } = await ssoOrganization(true);
    const boss = await addMember(organization.id, 'owner', await createUser({ email: `boss@${domain}` }));
    const db = await getDb();
    await db.update(memberships).set({ ssoBreakGlass: true }).where(eq(memberships.id, boss.membershipId));
    const { to } = await submit({ email: boss.email, method: 'email' });
    expect(to).toBe(`/login/sso-required?connection=${connection.id}&from=email`);
    expect(await emailsTo(boss.email)).toHaveLength(1);
    const refused = await submit({ email: `someone@${domain}`, method: 'email' });
    expect(refused.to).toBe(to);
  });
});

describe('the limit on starting SSO', () => {
  it(`starts at most ${SSO_STARTS_PER_CLIENT_PER_MINUTE} sign-ins a minute from one client, then says so on the form`, async () => {
    const { domain, connection } = await ssoOrganization();
    freshMinute();
    for (let n = 0; n < SSO_STARTS_PER_CLIENT_PER_MINUTE; n += 1) {
      expect((await submit({ email: `pat@${domain}` })).to).toMatch(new RegExp(`^${IDP}`));
    }
    const over = await submit({ email: `pat@${domain}` });
    expect(over.state).toEqual({ error: errorMessages.RATE_LIMITED, email: `pat@${domain}` });
    expect(await requestsOf(connection.id)).toHaveLength(SSO_STARTS_PER_CLIENT_PER_MINUTE);
    // Another client is not held back.
    mocks.requestHeaders = new Headers({ host: 'console.example.com', 'x-forwarded-for': '198.51.100.7' });
    expect((await submit({ email: `pat@${domain}` })).to).toMatch(new RegExp(`^${IDP}`));
  });
});

describe('"Continue with <connection>"', () => {
  it('starts a sign-in through the connection, coming back to the callback', async () => {
    const { connection } = await ssoOrganization(true);
    const to = await continueWith({ connection: connection.id, callbackUrl: '/invite/abc' });
    expect(to).toMatch(new RegExp(`^${IDP}\\?SAMLRequest=`));
    const [request] = await requestsOf(connection.id);
    expect(request.callbackPath).toBe('/invite/abc');
  });

  it('goes back to the page saying why for a connection turned off, unknown, or past the limit', async () => {
    const { connection } = await ssoOrganization(true);
    freshMinute();
    const db = await getDb();
    await db.update(ssoConnections).set({ enabled: false }).where(eq(ssoConnections.id, connection.id));
    expect(await continueWith({ connection: connection.id })).toBe(
      `/login/sso-required?connection=${connection.id}&error=unavailable`,
    );
    expect(await continueWith({ connection: '__proto__' })).toBe(
      '/login/sso-required?connection=__proto__&error=unavailable',
    );
    await db.update(ssoConnections).set({ enabled: true }).where(eq(ssoConnections.id, connection.id));
    for (let n = 0; n < SSO_STARTS_PER_CLIENT_PER_MINUTE - 2; n += 1)
      await continueWith({ connection: connection.id });
    expect(await continueWith({ connection: connection.id })).toBe(
      `/login/sso-required?connection=${connection.id}&error=rate_limited`,
    );
  });
});
