// The SSO page's domain (DESIGN §11), on PGlite and PostgreSQL: a connection's settings, one connection
// on at a time, Require SSO (what it needs, the sessions it ends and the ones it keeps), break-glass
// Owners (and how an Owner stops being one), removal, who may do what, the page's read; and what the
// identity provider says about itself (SAML metadata by file and URL, OpenID issuers), read for real.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, organizationDomains, sessions, ssoConnections } from '@/db/schema';
import { openSession } from '@/lib/auth/session';
import { changeRoles } from '@/lib/members';
import { transferOwnership } from '@/lib/organizations';
import {
  addOidcConnection,
  addSamlConnection,
  refreshSamlMetadata,
  removeConnection,
  setBreakGlass,
  setRequireSso,
  ssoOverview,
  updateConnection,
  updateOidcClient,
} from '@/lib/sso/manage';
import { seal, unseal } from '@/lib/sealed';
import { issueSsoRequest, takeSsoRequest } from '@/lib/sso/requests';
import { useTestDatabase } from '../support/db';
import { organizationWithStaff } from '../support/domains';
import { addMember, createOrganizationWithOwner, createUser, membershipOf } from '../support/factories';
import { auditActions, expectDomainError, outcomeOf } from '../support/state';
import { connectionRow, freshDomain, insertConnection, verifiedDomainRow } from '../support/sso';

const testDb = useTestDatabase({ workJobs: false });

async function openSessionOf(userId: string, method: 'email' | 'sso' = 'email') {
  const db = await getDb();
  return db.transaction((tx) => openSession(tx, userId, method));
}

async function sessionTokensOf(userId: string) {
  const db = await getDb();
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId));
  return rows.map((row) => `${row.method}:${row.sessionToken}`);
}

/** An organization with staff, a verified domain, and a connection (off unless `enabled`). */
async function withConnection(
  options: { enabled?: boolean; tested?: boolean; protocol?: 'saml' | 'oidc' } = {},
) {
  const staff = await organizationWithStaff();
  const domain = await verifiedDomainRow(staff.orgId);
  const connection = await insertConnection(staff.orgId, {
    enabled: options.enabled ?? false,
    protocol: options.protocol ?? 'saml',
    testPassedAt: options.tested ? new Date() : null,
    ...(options.protocol === 'oidc'
      ? {
          oidcIssuer: 'https://idp.test',
          oidcClientId: 'client',
          oidcClientSecret: seal('s3cret', 'sso client secret'),
        }
      : {}),
  });
  return { ...staff, domain, connection };
}

describe('connection settings', () => {
  it('an Owner renames a connection and changes its role, just-in-time joining and IdP-initiated sign-in: one event saying what changed; the same settings again record nothing', async () => {
    const { orgId, owner, connection } = await withConnection();
    const view = await updateConnection(owner, orgId, connection.id, {
      name: '  Okta   Workforce ',
      defaultRole: 'admin',
      justInTime: false,
      allowIdpInitiated: true,
    });
    expect(view).toMatchObject({
      name: 'Okta Workforce',
      defaultRole: 'admin',
      justInTime: false,
      allowIdpInitiated: true,
    });
    await updateConnection(owner, orgId, connection.id, { name: 'Okta Workforce', justInTime: false });
    const events = (await auditActions(orgId)).filter((event) => event.action === 'sso.connection_changed');
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({
      connection: 'Okta Workforce',
      change:
        'renamed it from “Okta”; people who join through it join as Admin; turned just-in-time joining off; allowed sign-in started at the identity provider',
    });
  });

  it('refuses an empty or invisible-character name, an Owner role for joiners, and IdP-initiated sign-in on OpenID Connect', async () => {
    const { orgId, owner, connection } = await withConnection({ protocol: 'oidc' });
    await expectDomainError(updateConnection(owner, orgId, connection.id, { name: '   ' }), 'INVALID_INPUT');
    await expectDomainError(
      updateConnection(owner, orgId, connection.id, { name: 'Ok\u202Eta' }),
      'INVALID_INPUT',
    );
    await expectDomainError(
      updateConnection(owner, orgId, connection.id, { defaultRole: 'owner' as 'admin' }),
      'INVALID_INPUT',
    );
    await expectDomainError(
      updateConnection(owner, orgId, connection.id, { allowIdpInitiated: true }),
      'SSO_NOT_SAML',
    );
    expect(await connectionRow(connection.id)).toMatchObject({ name: 'Okta', allowIdpInitiated: false });
  });

  it('turning a connection on needs a verified domain: a pending one does not count', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    const connection = await insertConnection(organization.id, { enabled: false });
    const db = await getDb();
    await db
      .insert(organizationDomains)
      .values({ organizationId: organization.id, domain: freshDomain(), status: 'pending', token: 'x' });
    const refused = await expectDomainError(
      updateConnection(owner, organization.id, connection.id, { enabled: true }),
      'SSO_NO_VERIFIED_DOMAIN',
    );
    expect(refused.message).toContain('Domains page');
    await verifiedDomainRow(organization.id);
    expect(await updateConnection(owner, organization.id, connection.id, { enabled: true })).toMatchObject({
      enabled: true,
    });
  });

  it('turning a second connection on while one is on is refused, naming the one to turn off first', async () => {
    const { orgId, owner, connection } = await withConnection({ enabled: true });
    const second = await insertConnection(orgId, { enabled: false, name: 'Entra ID' });
    const refused = await expectDomainError(
      updateConnection(owner, orgId, second.id, { enabled: true }),
      'SSO_ANOTHER_ENABLED',
    );
    expect(refused.message).toBe(
      'Turn off “Okta” first: an organization signs in through one connection at a time.',
    );
    await updateConnection(owner, orgId, connection.id, { enabled: false });
    await updateConnection(owner, orgId, second.id, { enabled: true });
    expect((await connectionRow(second.id)).enabled).toBe(true);
    expect((await connectionRow(connection.id)).enabled).toBe(false);
  });

  it('two connections turned on at the same moment: one is on, the other refused naming it; the index refuses a write past the lock', async () => {
    const { orgId, owner, connection } = await withConnection();
    const second = await insertConnection(orgId, { enabled: false, name: 'Entra ID' });
    const outcomes = await Promise.all(
      [connection, second].map((c) => outcomeOf(updateConnection(owner, orgId, c.id, { enabled: true }))),
    );
    expect([...outcomes].sort()).toEqual(['SSO_ANOTHER_ENABLED', 'ok']);
    const on = [await connectionRow(connection.id), await connectionRow(second.id)].filter((c) => c.enabled);
    expect(on).toHaveLength(1);
    await expect(insertConnection(orgId, { enabled: true, name: 'Rogue' })).rejects.toThrow();
  });
});

describe('who may change SSO', () => {
  it('Admins and Members are refused every change with FORBIDDEN, outsiders with NOT_FOUND, and nothing changes', async () => {
    const { orgId, admin, member, connection } = await withConnection({ enabled: true, tested: true });
    const outsider = await createUser();
    for (const [actor, code] of [
      [admin, 'FORBIDDEN'],
      [member, 'FORBIDDEN'],
      [outsider, 'NOT_FOUND'],
    ] as const) {
      expect(await outcomeOf(updateConnection(actor, orgId, connection.id, { enabled: false })), code).toBe(
        code,
      );
      expect(await outcomeOf(setRequireSso(actor, orgId, true))).toBe(code);
      expect(await outcomeOf(setBreakGlass(actor, orgId, admin.membershipId, false))).toBe(code);
      expect(await outcomeOf(removeConnection(actor, orgId, connection.id))).toBe(code);
    }
    const forbidden = await expectDomainError(setRequireSso(admin, orgId, true), 'FORBIDDEN');
    expect(forbidden.message).toBe('Only Owners can change SSO.');
    expect(await connectionRow(connection.id)).toMatchObject({ enabled: true });
    expect((await auditActions(orgId)).filter((event) => event.action.startsWith('sso.'))).toEqual([]);
  });

  it("another organization's connection is not found, whatever its id; an id that is not a uuid neither", async () => {
    const mine = await withConnection();
    const theirs = await withConnection();
    await expectDomainError(
      updateConnection(mine.owner, mine.orgId, theirs.connection.id, { name: 'Mine now' }),
      'SSO_CONNECTION_NOT_FOUND',
    );
    await expectDomainError(
      removeConnection(mine.owner, mine.orgId, "1' OR '1'='1"),
      'SSO_CONNECTION_NOT_FOUND',
    );
    expect((await connectionRow(theirs.connection.id)).name).toBe('Okta');
  });

  it('Admins read the page; Members do not; the client secret never appears, only that one is set', async () => {
    const { orgId, admin, member, connection } = await withConnection({ protocol: 'oidc' });
    const overview = await ssoOverview(admin, orgId);
    expect(overview.connections).toHaveLength(1);
    expect(overview.connections[0].oidc).toMatchObject({ issuer: 'https://idp.test', secretSet: true });
    expect(overview.connections[0].oidc!.redirectUrl).toContain(`/api/sso/oidc/${connection.id}/callback`);
    expect(JSON.stringify(overview)).not.toContain('s3cret');
    expect(JSON.stringify(overview)).not.toContain((await connectionRow(connection.id)).oidcClientSecret!);
    await expectDomainError(ssoOverview(member, orgId), 'FORBIDDEN');
  });
});

describe('Require SSO', () => {
  it('is refused without a connection on, with one whose settings passed no test, and without a verified domain', async () => {
    const { orgId, owner, connection, domain } = await withConnection();
    await expectDomainError(setRequireSso(owner, orgId, true), 'SSO_NO_ENABLED_CONNECTION');
    await updateConnection(owner, orgId, connection.id, { enabled: true });
    await expectDomainError(setRequireSso(owner, orgId, true), 'SSO_NOT_TESTED');
    const db = await getDb();
    await db
      .update(ssoConnections)
      .set({ testPassedAt: new Date() })
      .where(eq(ssoConnections.id, connection.id));
    await db
      .update(organizationDomains)
      .set({ status: 'pending' })
      .where(eq(organizationDomains.domain, domain));
    await expectDomainError(setRequireSso(owner, orgId, true), 'SSO_NO_VERIFIED_DOMAIN');
    expect((await ssoOverview(owner, orgId)).requireSso).toBe(false);
  });

  it('turning it on ends the email-link sessions at the verified domains, and keeps break-glass Owners’, outsiders’ and SSO sessions; audited with the count', async () => {
    const { orgId, owner, domain, connection } = await withConnection({ enabled: true, tested: true });
    const atDomain = (label: string) => createUser({ email: `${label}@${domain}` });
    const glass = await addMember(orgId, 'owner', await atDomain('glass'));
    const plainOwner = await addMember(orgId, 'owner', await atDomain('boss'));
    const worker = await addMember(orgId, 'member', await atDomain('worker'));
    const suspended = await addMember(orgId, 'member', await atDomain('gone'));
    const contractor = await addMember(orgId, 'member'); // at example.com, no verified domain
    const stranger = await atDomain('stranger'); // at the domain, not a member
    const subdomain = await addMember(orgId, 'member', await createUser({ email: `sub@eu.${domain}` }));
    await setBreakGlass(owner, orgId, glass.membershipId, true);
    const db = await getDb();
    await db
      .update(memberships)
      .set({ status: 'suspended' })
      .where(eq(memberships.id, suspended.membershipId));
    for (const someone of [glass, plainOwner, worker, suspended, contractor, stranger, subdomain])
      await openSessionOf(someone.userId);
    await openSessionOf(worker.userId, 'sso');

    expect(await setRequireSso(owner, orgId, true)).toEqual({ requireSso: true, sessionsEnded: 3 });
    expect(await sessionTokensOf(plainOwner.userId)).toEqual([]);
    expect(await sessionTokensOf(suspended.userId)).toEqual([]);
    expect((await sessionTokensOf(worker.userId)).map((token) => token.split(':')[0])).toEqual(['sso']);
    for (const kept of [glass, contractor, stranger, subdomain])
      expect(await sessionTokensOf(kept.userId), kept.email).toHaveLength(1);
    const event = (await auditActions(orgId)).find((e) => e.action === 'sso.required_changed');
    expect(event?.details).toEqual({ to: true, sessionsEnded: 3 });
    expect((await connectionRow(connection.id)).enabled).toBe(true);
  });

  it('turning it off ends no session and changes nothing but the setting; the same value again records nothing', async () => {
    const { orgId, owner, member, connection } = await withConnection({ enabled: true, tested: true });
    await setRequireSso(owner, orgId, true);
    await openSessionOf(member.userId);
    expect(await setRequireSso(owner, orgId, false)).toEqual({ requireSso: false, sessionsEnded: 0 });
    expect(await setRequireSso(owner, orgId, false)).toEqual({ requireSso: false, sessionsEnded: 0 });
    expect(await sessionTokensOf(member.userId)).toHaveLength(1);
    expect(await connectionRow(connection.id)).toMatchObject({ enabled: true });
    const changes = (await auditActions(orgId)).filter((e) => e.action === 'sso.required_changed');
    expect(changes.map((e) => e.details)).toEqual([{ to: true, sessionsEnded: 0 }, { to: false }]);
  });

  it('while it is on, the connection that serves it cannot be turned off or removed; another one can be removed', async () => {
    const { orgId, owner, connection } = await withConnection({ enabled: true, tested: true });
    const spare = await insertConnection(orgId, { enabled: false, name: 'Spare' });
    await setRequireSso(owner, orgId, true);
    await expectDomainError(
      updateConnection(owner, orgId, connection.id, { enabled: false }),
      'SSO_REQUIRED',
    );
    await expectDomainError(removeConnection(owner, orgId, connection.id), 'SSO_REQUIRED');
    await removeConnection(owner, orgId, spare.id);
    const removed = (await auditActions(orgId)).find((e) => e.action === 'sso.connection_removed');
    expect(removed?.details).toMatchObject({ connection: 'Spare', protocol: 'saml' });
    expect(await connectionRow(spare.id)).toBeUndefined();
    await setRequireSso(owner, orgId, false);
    await removeConnection(owner, orgId, connection.id);
    expect((await ssoOverview(owner, orgId)).connections).toEqual([]);
  });
});

describe('break-glass Owners', () => {
  it('only an Owner of the organization can be named; the change is audited with their address; naming twice records once', async () => {
    const { orgId, owner, admin } = await withConnection();
    const other = await createOrganizationWithOwner('Other');
    const theirOwner = await membershipOf(other.organization.id, other.owner.userId);
    await expectDomainError(setBreakGlass(owner, orgId, admin.membershipId, true), 'SSO_BREAK_GLASS_OWNER');
    await expectDomainError(setBreakGlass(owner, orgId, theirOwner.id, true), 'NOT_A_MEMBER');
    const mine = await membershipOf(orgId, owner.userId);
    await setBreakGlass(owner, orgId, mine.id, true);
    await setBreakGlass(owner, orgId, mine.id, true);
    expect((await ssoOverview(owner, orgId)).owners).toEqual([
      expect.objectContaining({ email: owner.email, breakGlass: true }),
    ]);
    const events = (await auditActions(orgId)).filter((e) => e.action === 'sso.break_glass_changed');
    expect(events).toEqual([
      expect.objectContaining({ targetEmail: owner.email, targetId: mine.id, details: { to: true } }),
    ]);
  });

  it('an Owner made Admin stops being break-glass in the same change, recorded; one who stays Owner keeps it', async () => {
    const { orgId, owner } = await withConnection();
    const second = await addMember(orgId, 'owner');
    const third = await addMember(orgId, 'owner');
    await setBreakGlass(owner, orgId, second.membershipId, true);
    await setBreakGlass(owner, orgId, third.membershipId, true);
    await changeRoles(owner, { organizationId: orgId, role: 'admin', ids: [second.membershipId] });
    await changeRoles(owner, { organizationId: orgId, role: 'owner', ids: [third.membershipId] });
    expect((await membershipOf(orgId, second.userId))?.ssoBreakGlass).toBe(false);
    expect((await membershipOf(orgId, third.userId))?.ssoBreakGlass).toBe(true);
    const cleared = (await auditActions(orgId)).filter(
      (e) => e.action === 'sso.break_glass_changed' && (e.details as { to: boolean }).to === false,
    );
    expect(cleared).toEqual([expect.objectContaining({ targetEmail: second.email })]);
  });

  it('an Owner who transfers ownership becomes Admin and stops being break-glass', async () => {
    const { orgId, owner, admin } = await withConnection();
    const mine = await membershipOf(orgId, owner.userId);
    await setBreakGlass(owner, orgId, mine.id, true);
    await transferOwnership(owner, { organizationId: orgId, toUserId: admin.userId });
    expect(await membershipOf(orgId, owner.userId)).toMatchObject({ role: 'admin', ssoBreakGlass: false });
    const events = (await auditActions(orgId)).filter((e) => e.action === 'sso.break_glass_changed');
    expect(events.map((e) => e.details)).toEqual([{ to: true }, { to: false }]);
  });
});

describe("the SSO page's read", () => {
  it('lists the Owners only, with their break-glass flag, and the counting domains', async () => {
    const { orgId, owner, admin, domain } = await withConnection();
    const overview = await ssoOverview(owner, orgId);
    expect(overview.owners.map((o) => o.email)).toEqual([owner.email]);
    expect(overview.owners.map((o) => o.email)).not.toContain(admin.email);
    expect(overview.domains).toEqual([domain]);
    expect(overview.requireSso).toBe(false);
  });

  it('reads as many statements for an organization of two thousand members as for one of three', async () => {
    const { openCountingHandle } = await import('../support/counting');
    const { addManyMembers } = await import('../support/factories');
    const small = await withConnection();
    const large = await withConnection();
    await addManyMembers(large.orgId, 2000);
    const counting = await openCountingHandle(testDb);
    try {
      const a = await counting.measure(() => ssoOverview(small.owner, small.orgId));
      const b = await counting.measure(() => ssoOverview(large.owner, large.orgId));
      expect(b.statements.length).toBe(a.statements.length);
      expect(b.result.owners).toHaveLength(1);
    } finally {
      await counting.close();
    }
  });
});

// --- What the identity provider says about itself: SAML metadata and OpenID issuers, read for real.

/** A self-signed signing certificate (PEM) valid from yesterday for `days` days. */
async function signingCertificate(commonName: string, days = 365): Promise<string> {
  const day = 24 * 60 * 60 * 1000;
  const { cert } = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - day),
    notAfterDate: new Date(Date.now() + days * day),
  });
  return cert;
}

/** An identity provider's SAML metadata, as Okta or Entra serve it. */
function idpMetadata(input: { entityId: string; ssoUrl: string; certificates: string[] }): string {
  const keys = input.certificates
    .map(
      (pem) =>
        `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${pem.replace(/-----[A-Z ]+-----|\s/g, '')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${input.entityId}"><md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${input.ssoUrl}"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
}

/** An HTTP server on 127.0.0.1 answering `routes` (path → [status, content type, body]); closed after the file. */
function useProviderServer() {
  const routes = new Map<string, [number, string, string]>();
  const state = { base: '', routes };
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const route = routes.get(req.url ?? '');
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(route[0], { 'content-type': route[1] }).end(route[2]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => routes.clear());
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return state;
}

const provider = useProviderServer();

/** Serves an OpenID discovery document for the issuer `${base}${path}`. */
function serveIssuer(path: string) {
  const issuer = `${provider.base}${path}`;
  provider.routes.set(`${path}/.well-known/openid-configuration`, [
    200,
    'application/json',
    JSON.stringify({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    }),
  ]);
  return issuer;
}

describe('SAML connections from metadata', () => {
  it('an Owner adds one from a metadata file: off, with the provider’s entity ID, sign-in URL and certificate, our URLs to paste, audited', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const certificate = await signingCertificate('idp.acme.test');
    const view = await addSamlConnection(owner, orgId, {
      name: 'Okta',
      metadataXml: idpMetadata({
        entityId: 'http://www.okta.com/exk1',
        ssoUrl: 'https://acme.okta.test/sso',
        certificates: [certificate],
      }),
    });
    expect(view).toMatchObject({ name: 'Okta', protocol: 'saml', enabled: false, oidc: null });
    expect(view.saml).toMatchObject({
      idpEntityId: 'http://www.okta.com/exk1',
      idpSsoUrl: 'https://acme.okta.test/sso',
      idpMetadataUrl: null,
      acsUrl: expect.stringMatching(new RegExp(`/api/sso/saml/${view.id}/acs$`)),
      entityId: expect.stringMatching(new RegExp(`/api/sso/saml/${view.id}$`)),
    });
    expect(view.saml!.certificates).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('idp.acme.test'), expiry: null }),
    ]);
    const event = (await auditActions(orgId)).find((e) => e.action === 'sso.connection_added');
    expect(event?.details).toMatchObject({ connection: 'Okta', protocol: 'saml' });
  });

  it('refuses what is not an identity provider’s metadata with the parser’s sentence, and stores nothing', async () => {
    const { orgId, owner } = await organizationWithStaff();
    for (const xml of [
      'not xml at all',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&e;"/>',
      idpMetadata({ entityId: 'x', ssoUrl: 'https://idp.test/sso', certificates: [] }),
    ]) {
      const refused = await expectDomainError(
        addSamlConnection(owner, orgId, { name: 'Bad', metadataXml: xml }),
        'SSO_METADATA_INVALID',
      );
      expect(refused.message.length).toBeGreaterThan(10);
    }
    expect((await ssoOverview(owner, orgId)).connections).toEqual([]);
  });

  it('a certificate within 30 days of its expiry is marked soon', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const view = await addSamlConnection(owner, orgId, {
      name: 'Okta',
      metadataXml: idpMetadata({
        entityId: 'e',
        ssoUrl: 'https://idp.test/sso',
        certificates: [await signingCertificate('old', 10)],
      }),
    });
    expect(view.saml!.certificates.map((c) => c.expiry)).toEqual(['soon']);
  });

  it('Replace metadata with a new certificate clears the passed test and closes tests under way: Require SSO stays on, and cannot be turned on again until a test passes; the same metadata changes nothing', async () => {
    const { orgId, owner } = await organizationWithStaff();
    await verifiedDomainRow(orgId);
    const first = await signingCertificate('first');
    const metadata = (certificates: string[]) =>
      idpMetadata({ entityId: 'e', ssoUrl: 'https://idp.test/sso', certificates });
    const view = await addSamlConnection(owner, orgId, { name: 'Okta', metadataXml: metadata([first]) });
    await updateConnection(owner, orgId, view.id, { enabled: true });
    const db = await getDb();
    await db.update(ssoConnections).set({ testPassedAt: new Date() }).where(eq(ssoConnections.id, view.id));
    await setRequireSso(owner, orgId, true);

    const same = await refreshSamlMetadata(owner, orgId, view.id, { metadataXml: metadata([first]) });
    expect(same.changed).toBe(false);
    expect((await connectionRow(view.id)).testPassedAt).not.toBeNull();

    const underWay = await issueSsoRequest(db, {
      connectionId: view.id,
      purpose: 'test',
      userId: owner.userId,
      browser: 'the-owners-browser',
    });
    const rotated = await refreshSamlMetadata(owner, orgId, view.id, {
      metadataXml: metadata([first, await signingCertificate('second', 730)]),
    });
    expect(rotated.changed).toBe(true);
    expect(rotated.connection.saml!.certificates).toHaveLength(2);
    expect(await connectionRow(view.id)).toMatchObject({ testPassedAt: null, enabled: true });
    expect(
      await takeSsoRequest(db, view.id, underWay),
      'a test started before the change cannot pass for the new settings',
    ).toBeNull();
    expect((await ssoOverview(owner, orgId)).requireSso).toBe(true);
    await setRequireSso(owner, orgId, false);
    await expectDomainError(setRequireSso(owner, orgId, true), 'SSO_NOT_TESTED');
    const changed = (await auditActions(orgId)).filter((e) => e.action === 'sso.connection_changed').at(-1);
    expect(changed?.details).toMatchObject({
      connection: 'Okta',
      change: 'its signing certificates changed',
    });
  });

  it('metadata by URL is fetched by the server, and read again from it on Replace metadata with no new source', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const metadata = (ssoUrl: string) => idpMetadata({ entityId: 'e', ssoUrl, certificates: [first] });
    const first = await signingCertificate('first');
    provider.routes.set('/metadata', [200, 'application/xml', metadata('https://idp.test/one')]);
    const view = await addSamlConnection(owner, orgId, {
      name: 'Okta',
      metadataUrl: `${provider.base}/metadata`,
    });
    expect(view.saml).toMatchObject({
      idpSsoUrl: 'https://idp.test/one',
      idpMetadataUrl: `${provider.base}/metadata`,
    });
    provider.routes.set('/metadata', [200, 'application/xml', metadata('https://idp.test/two')]);
    const again = await refreshSamlMetadata(owner, orgId, view.id);
    expect(again).toMatchObject({
      changed: true,
      connection: { saml: { idpSsoUrl: 'https://idp.test/two' } },
    });
    provider.routes.set('/metadata', [500, 'text/plain', 'down']);
    await expectDomainError(refreshSamlMetadata(owner, orgId, view.id), 'SSO_METADATA_INVALID');
  });
});

describe('OpenID Connect connections', () => {
  it('an Owner adds one once the issuer’s discovery document answers: the secret is sealed, the page says only that it is set', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const issuer = serveIssuer('/tenant-a');
    const view = await addOidcConnection(owner, orgId, {
      name: 'Entra ID',
      issuer,
      clientId: 'app-1',
      clientSecret: 'very-secret-value',
    });
    expect(view.oidc).toMatchObject({ issuer, clientId: 'app-1', secretSet: true });
    expect(view.oidc!.redirectUrl).toMatch(new RegExp(`/api/sso/oidc/${view.id}/callback$`));
    const row = await connectionRow(view.id);
    expect(row.oidcClientSecret).not.toContain('very-secret-value');
    expect(unseal(row.oidcClientSecret!, 'sso client secret')).toBe('very-secret-value');
    expect(JSON.stringify(await ssoOverview(owner, orgId))).not.toContain('very-secret-value');
  });

  it('an issuer that does not answer as one is refused with a sentence, and nothing is stored', async () => {
    const { orgId, owner } = await organizationWithStaff();
    await expectDomainError(
      addOidcConnection(owner, orgId, {
        name: 'Entra ID',
        issuer: `${provider.base}/nobody`,
        clientId: 'a',
        clientSecret: 'b',
      }),
      'SSO_PROVIDER_UNREACHABLE',
    );
    expect((await ssoOverview(owner, orgId)).connections).toEqual([]);
  });

  it('Replace keeps the secret when left blank, replaces it when given; a new client clears the passed test', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const issuer = serveIssuer('/tenant-b');
    const view = await addOidcConnection(owner, orgId, {
      name: 'Entra ID',
      issuer,
      clientId: 'app-1',
      clientSecret: 'one',
    });
    const db = await getDb();
    await db.update(ssoConnections).set({ testPassedAt: new Date() }).where(eq(ssoConnections.id, view.id));
    expect(
      await updateOidcClient(owner, orgId, view.id, { issuer, clientId: 'app-1', clientSecret: '' }),
    ).toMatchObject({ changed: false });
    expect((await connectionRow(view.id)).testPassedAt).not.toBeNull();
    await updateOidcClient(owner, orgId, view.id, { issuer, clientId: 'app-2' });
    const row = await connectionRow(view.id);
    expect(row).toMatchObject({ oidcClientId: 'app-2', testPassedAt: null });
    expect(unseal(row.oidcClientSecret!, 'sso client secret')).toBe('one');
    await updateOidcClient(owner, orgId, view.id, { issuer, clientId: 'app-2', clientSecret: 'two' });
    expect(unseal((await connectionRow(view.id)).oidcClientSecret!, 'sso client secret')).toBe('two');
    await expectDomainError(
      refreshSamlMetadata(owner, orgId, view.id, { metadataXml: '<x/>' }),
      'SSO_NOT_SAML',
    );
  });
});

describe('limits', () => {
  it('an organization holds at most 5 connections', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const metadataXml = idpMetadata({
      entityId: 'e',
      ssoUrl: 'https://idp.test/sso',
      certificates: [await signingCertificate('c')],
    });
    for (let n = 1; n <= 5; n += 1) await addSamlConnection(owner, orgId, { name: `Okta ${n}`, metadataXml });
    await expectDomainError(
      addSamlConnection(owner, orgId, { name: 'Okta 6', metadataXml }),
      'SSO_CONNECTION_LIMIT',
    );
  });

  it('past 30 requests to identity providers an hour, the next is refused with RATE_LIMITED', async () => {
    const { orgId, owner } = await organizationWithStaff();
    const metadataXml = idpMetadata({
      entityId: 'e',
      ssoUrl: 'https://idp.test/sso',
      certificates: [await signingCertificate('c')],
    });
    const view = await addSamlConnection(owner, orgId, { name: 'Okta', metadataXml });
    for (let n = 2; n <= 30; n += 1) await refreshSamlMetadata(owner, orgId, view.id, { metadataXml });
    await expectDomainError(refreshSamlMetadata(owner, orgId, view.id, { metadataXml }), 'RATE_LIMITED');
  });
});
