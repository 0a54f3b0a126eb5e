// Require SSO (lib/sso/enforce.ts) at every way in by email, on PGlite and PostgreSQL: which addresses are
// covered and which break-glass Owners are exempt; Auth.js's real email provider refusing to make a link
// (its signIn callback) and refusing at use a link sent before Require SSO was turned on; an
// invitation accepted with a new account refused for a covered address.
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => ({ requestHeaders: new Headers() }));

vi.mock('next/headers', () => ({
  headers: vi.fn(async () => mocks.requestHeaders),
  cookies: vi.fn(async () => ({ set: vi.fn(), get: vi.fn(), delete: vi.fn(), getAll: vi.fn(() => []) })),
}));

import { EMAIL_PROVIDER_ID, SsoRequired, handlers, signIn, ssoRequiredIn } from '@/app/auth';
import { getDb } from '@/db/client';
import { memberships, organizations, sessions, users, verificationTokens } from '@/db/schema';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { acceptInvitationAsNewUser } from '@/lib/invitations';
import { changeRoles } from '@/lib/members';
import { signInErrorMessage } from '@/lib/shared/notices';
import { DomainError } from '@/lib/shared/errors';
import { emailSignInRefusal, ssoOfferForInvitee, ssoRequirementFor } from '@/lib/sso/enforce';
import { useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner, createUser } from '../support/factories';
import { freshDomain, insertConnection, verifiedDomainRow } from '../support/sso';

useTestDatabase();

const KEYS = ['APP_URL', 'AUTH_URL', 'AUTH_SECRET', 'AUTH_TRUST_HOST', 'PORT'] as const;

beforeEach(() => {
  for (const key of KEYS) vi.stubEnv(key, undefined);
  vi.stubEnv('AUTH_SECRET', 'test-secret-for-require-sso');
  vi.stubEnv('APP_URL', 'https://console.example.com');
  mocks.requestHeaders = new Headers({ host: 'console.example.com' });
});

async function setRequireSso(organizationId: string, on: boolean) {
  const db = await getDb();
  await db.update(organizations).set({ requireSso: on }).where(eq(organizations.id, organizationId));
}

async function setBreakGlass(membershipId: string, on: boolean) {
  const db = await getDb();
  await db.update(memberships).set({ ssoBreakGlass: on }).where(eq(memberships.id, membershipId));
}

/** Acme with a verified domain, an enabled connection, Require SSO on, and an Owner at the domain. */
async function requiringOrganization() {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const domain = await verifiedDomainRow(organization.id);
  const connection = await insertConnection(organization.id, { name: 'Acme Okta' });
  await setRequireSso(organization.id, true);
  const boss = await addMember(organization.id, 'owner', await createUser({ email: `boss@${domain}` }));
  return { organization, owner, domain, connection, boss };
}

/** Asks Auth.js's email provider for a link to `email` (what both ways in call); the link or the error. */
async function askForLink(email: string): Promise<{ link: string | null; error: unknown }> {
  const error = await signIn(EMAIL_PROVIDER_ID, { email, redirectTo: '/', redirect: false }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  const message = (await listMailboxMessages()).find((m) => m.to === email);
  const link = message ? (/https?:\/\/\S+\/api\/auth\/callback\/\S+/.exec(message.text)?.[0] ?? null) : null;
  return { link, error };
}

async function sessionsOf(email: string) {
  const db = await getDb();
  return db
    .select({ token: sessions.sessionToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(users.email, email));
}

describe('which addresses Require SSO covers', () => {
  it('covers an address at a verified domain of an organization with an enabled connection and Require SSO on', async () => {
    const { organization, domain, connection } = await requiringOrganization();
    const db = await getDb();
    const requirement = await ssoRequirementFor(db, `Someone@${domain.toUpperCase()}`);
    expect(requirement).toMatchObject({
      connection: { id: connection.id, name: 'Acme Okta' },
      organization: { id: organization.id, name: 'Acme', requireSso: true },
      breakGlass: false,
    });
    expect(await emailSignInRefusal(db, `someone@${domain}`)).not.toBeNull();
  });

  it('covers nobody when Require SSO is off, the connection is off, or the address is at another domain', async () => {
    const db = await getDb();
    const { organization, domain, connection } = await requiringOrganization();
    expect(await ssoRequirementFor(db, `someone@${freshDomain()}`)).toBeNull();
    expect(await ssoRequirementFor(db, 'someone@example.com')).toBeNull();
    expect(await ssoRequirementFor(db, 'not an address')).toBeNull();
    await setRequireSso(organization.id, false);
    expect(await ssoRequirementFor(db, `someone@${domain}`)).toBeNull();
    await setRequireSso(organization.id, true);
    const { ssoConnections } = await import('@/db/schema');
    await db.update(ssoConnections).set({ enabled: false }).where(eq(ssoConnections.id, connection.id));
    expect(await ssoRequirementFor(db, `someone@${domain}`)).toBeNull();
  });

  it('exempts an active break-glass Owner only: not a demoted, suspended or unflagged one', async () => {
    const db = await getDb();
    const { organization, owner, domain, boss } = await requiringOrganization();
    expect(await emailSignInRefusal(db, boss.email), 'an Owner not named break-glass').not.toBeNull();
    await setBreakGlass(boss.membershipId, true);
    expect(await ssoRequirementFor(db, boss.email)).toMatchObject({ breakGlass: true });
    expect(await emailSignInRefusal(db, boss.email)).toBeNull();
    // A break-glass Admin is no exemption (the flag is for Owners).
    await changeRoles(owner, { organizationId: organization.id, ids: [boss.membershipId], role: 'admin' });
    expect(await ssoRequirementFor(db, boss.email)).toMatchObject({ breakGlass: false });
    await changeRoles(owner, { organizationId: organization.id, ids: [boss.membershipId], role: 'owner' });
    await setBreakGlass(boss.membershipId, true);
    expect(await emailSignInRefusal(db, boss.email)).toBeNull();
    await db.update(memberships).set({ status: 'suspended' }).where(eq(memberships.id, boss.membershipId));
    expect(await ssoRequirementFor(db, boss.email)).toMatchObject({ breakGlass: false });
    // A member at the domain is covered whatever their role.
    const member = await addMember(organization.id, 'member', await createUser({ email: `m@${domain}` }));
    await setBreakGlass(member.membershipId, true);
    expect(await emailSignInRefusal(db, member.email)).not.toBeNull();
  });
});

describe('the emailed sign-in link under Require SSO', () => {
  it('is not sent to a covered address: Auth.js refuses with SsoRequired naming the connection', async () => {
    const { domain, connection } = await requiringOrganization();
    const { link, error } = await askForLink(`pat@${domain}`);
    expect(ssoRequiredIn(error)).toBeInstanceOf(SsoRequired);
    expect(ssoRequiredIn(error)?.connectionId).toBe(connection.id);
    expect(link, 'no email went out').toBeNull();
  });

  it('is sent to a break-glass Owner, and opens a session', async () => {
    const { boss } = await requiringOrganization();
    await setBreakGlass(boss.membershipId, true);
    const { link, error } = await askForLink(boss.email);
    expect(error).toBeNull();
    expect(link).not.toBeNull();
    const response = await handlers.GET(new NextRequest(link!));
    expect(response.headers.getSetCookie().some((c) => /authjs\.session-token=/.test(c))).toBe(true);
    expect(await sessionsOf(boss.email)).toHaveLength(1);
  });

  it('is not sent to a break-glass Owner who was made an Admin', async () => {
    const { organization, owner, boss } = await requiringOrganization();
    await setBreakGlass(boss.membershipId, true);
    await changeRoles(owner, { organizationId: organization.id, ids: [boss.membershipId], role: 'admin' });
    const { link, error } = await askForLink(boss.email);
    expect(ssoRequiredIn(error)).toBeInstanceOf(SsoRequired);
    expect(link).toBeNull();
  });

  it('is sent at a domain whose organization does not require SSO', async () => {
    const { organization, domain } = await requiringOrganization();
    await setRequireSso(organization.id, false);
    const { link, error } = await askForLink(`pat@${domain}`);
    expect(error).toBeNull();
    expect(link).not.toBeNull();
  });

  it('sent before Require SSO was turned on, opens no session when used after: it is used up and leads to the page that offers the provider', async () => {
    const { organization, domain, connection } = await requiringOrganization();
    await setRequireSso(organization.id, false);
    const email = `early@${domain}`;
    await createUser({ email });
    const { link } = await askForLink(email);
    expect(link).not.toBeNull();
    await setRequireSso(organization.id, true);
    const response = await handlers.GET(new NextRequest(link!));
    const location = new URL(response.headers.get('location') ?? '', 'https://console.example.com');
    expect(`${location.origin}${location.pathname}`).toBe('https://console.example.com/login/sso-required');
    expect(location.searchParams.get('connection')).toBe(connection.id);
    expect(location.search, 'the page is not told the address').not.toContain('early');
    expect(response.headers.getSetCookie().some((c) => /authjs\.session-token=[^;]/.test(c))).toBe(false);
    expect(await sessionsOf(email)).toHaveLength(0);
    const db = await getDb();
    expect(
      await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, email)),
    ).toEqual([]);
  });

  it('Auth.js’s own endpoint sends the refused person to /login with a message that says why', () => {
    expect(SsoRequired.type).toBe('AccessDenied');
    expect(signInErrorMessage('AccessDenied')).toMatch(/identity provider/);
  });
});

describe('accepting an invitation with a new account under Require SSO', () => {
  it('is refused for a covered address (SSO_SIGN_IN_REQUIRED), creating nothing', async () => {
    const { organization, domain } = await requiringOrganization();
    const invitation = await addInvitation(organization.id, { email: `new@${domain}` });
    const refusal = await acceptInvitationAsNewUser({ token: invitation.token }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('SSO_SIGN_IN_REQUIRED');
    const db = await getDb();
    expect(await db.select().from(users).where(eq(users.email, invitation.email))).toEqual([]);
  });

  it('the invitation page offers the provider to a covered invitee, not to others', async () => {
    const { connection, domain } = await requiringOrganization();
    expect(await ssoOfferForInvitee(`new@${domain}`)).toEqual({
      connectionId: connection.id,
      connectionName: 'Acme Okta',
    });
    expect(await ssoOfferForInvitee(`new@${freshDomain()}`)).toBeNull();
  });

  it('goes through for an address outside the covered domains, and when Require SSO is off', async () => {
    const { organization, domain } = await requiringOrganization();
    const outside = await addInvitation(organization.id, { email: `guest@${freshDomain()}` });
    await expect(acceptInvitationAsNewUser({ token: outside.token })).resolves.toMatchObject({
      outcome: 'accepted',
    });
    await setRequireSso(organization.id, false);
    const inside = await addInvitation(organization.id, { email: `new@${domain}` });
    await expect(acceptInvitationAsNewUser({ token: inside.token })).resolves.toMatchObject({
      outcome: 'accepted',
    });
  });
});
