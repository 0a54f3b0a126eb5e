// The SSO page's actions, called directly with Next's request APIs and the session mocked: who may call
// them (Owners; Admins, Members and outsiders are refused and nothing changes), the input they refuse and
// in which field, what they revalidate, and Test connection's way out to the identity provider.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersonActor as Actor } from '@/lib/shared/actor';

const { actionMocks: mocks, unchecked } = await vi.hoisted(() => import('../support/action-mocks'));

import {
  addOidcConnectionAction,
  addSamlConnectionAction,
  refreshSamlMetadataAction,
  removeConnectionAction,
  setBreakGlassAction,
  setRequireSsoAction,
  testConnectionAction,
  updateConnectionAction,
  updateOidcClientAction,
} from '@/app/actions/sso';
import { useTestDatabase } from '../support/db';
import { organizationWithStaff } from '../support/domains';
import { createUser, membershipOf } from '../support/factories';
import { auditActions } from '../support/state';
import { connectionRow, insertConnection, verifiedDomainRow } from '../support/sso';
import { getDb } from '@/db/client';
import { ssoConnections, ssoRequests } from '@/db/schema';
import { eq } from 'drizzle-orm';

useTestDatabase({ workJobs: false });

beforeEach(() => {
  mocks.actor = null;
  mocks.revalidatePath.mockClear();
  mocks.cookieSet.mockClear();
});

/** The organization's SSO events, in order. */
async function ssoEvents(organizationId: string) {
  return (await auditActions(organizationId)).filter((event) => event.action.startsWith('sso.'));
}

function signInAs(actor: Actor | null) {
  mocks.actor = actor;
}

function errorOf(result: {
  ok: boolean;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}) {
  expect(result.ok, 'refused').toBe(false);
  return result.error!;
}

async function setUp() {
  const staff = await organizationWithStaff();
  await verifiedDomainRow(staff.orgId);
  const connection = await insertConnection(staff.orgId, { enabled: false });
  const ownerMembership = await membershipOf(staff.orgId, staff.owner.userId);
  return { ...staff, connection, ownerMembershipId: ownerMembership.id };
}

/** One call of every action, on `connectionId` of `organizationId`. */
function everyAction(organizationId: string, connectionId: string, membershipId: string) {
  const ids = { organizationId, connectionId };
  return [
    () => addSamlConnectionAction({ organizationId, name: 'Okta', metadataXml: '<EntityDescriptor/>' }),
    () =>
      addOidcConnectionAction({
        organizationId,
        name: 'Entra ID',
        issuer: 'https://login.example.com/v2.0',
        clientId: 'client',
        clientSecret: 'secret',
      }),
    () => updateConnectionAction({ ...ids, enabled: true }),
    () => refreshSamlMetadataAction({ ...ids, metadataXml: '<EntityDescriptor/>' }),
    () => updateOidcClientAction({ ...ids, issuer: 'https://idp.example.com', clientId: 'c' }),
    () => removeConnectionAction(ids),
    () => setRequireSsoAction({ organizationId, on: true }),
    () => setBreakGlassAction({ organizationId, membershipId, on: true }),
    () => testConnectionAction(ids),
  ];
}

describe('SSO actions', () => {
  it('an Owner turns a connection on, names a break-glass Owner and removes the connection; the page is revalidated', async () => {
    const { orgId, owner, connection, ownerMembershipId } = await setUp();
    signInAs(owner);
    const ids = { organizationId: orgId, connectionId: connection.id };
    expect(await updateConnectionAction({ ...ids, enabled: true, defaultRole: 'admin' })).toMatchObject({
      ok: true,
      data: { enabled: true, defaultRole: 'admin' },
    });
    expect(mocks.revalidatePath).toHaveBeenCalledWith('/admin/[org]/sso', 'page');
    expect(
      await setBreakGlassAction({ organizationId: orgId, membershipId: ownerMembershipId, on: true }),
    ).toEqual({
      ok: true,
      data: { membershipId: ownerMembershipId, breakGlass: true },
    });
    expect(errorOf(await setRequireSsoAction({ organizationId: orgId, on: true })).code).toBe(
      'SSO_NOT_TESTED',
    );
    await updateConnectionAction({ ...ids, enabled: false });
    expect((await removeConnectionAction(ids)).ok).toBe(true);
    expect(await connectionRow(connection.id)).toBeUndefined();
    expect((await ssoEvents(orgId)).map((event) => event.action)).toEqual([
      'sso.connection_changed',
      'sso.break_glass_changed',
      'sso.connection_changed',
      'sso.connection_removed',
    ]);
  });

  it('Admins and Members are refused every action with FORBIDDEN, outsiders with NOT_FOUND, the signed-out with UNAUTHENTICATED; nothing changes', async () => {
    const { orgId, admin, member, connection, ownerMembershipId } = await setUp();
    const outsider = await createUser();
    for (const [actor, code] of [
      [admin, 'FORBIDDEN'],
      [member, 'FORBIDDEN'],
      [outsider, 'NOT_FOUND'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      signInAs(actor);
      for (const call of everyAction(orgId, connection.id, ownerMembershipId))
        expect(errorOf(await call()).code, `${actor?.email ?? 'signed out'}: ${call.toString()}`).toBe(code);
    }
    expect(await connectionRow(connection.id)).toMatchObject({ name: 'Okta', enabled: false });
    expect(await ssoEvents(orgId)).toEqual([]);
    expect(mocks.revalidatePath).not.toHaveBeenCalled();
  });

  it('refuses input it cannot read, each in its field: ids that are not ids, a name too long, an Owner role for joiners, a switch that is not a boolean, metadata over 1 MB', async () => {
    const { orgId, owner, connection } = await setUp();
    signInAs(owner);
    const ids = { organizationId: orgId, connectionId: connection.id };
    const fields = async (result: Promise<unknown>) =>
      Object.keys(errorOf((await result) as never).details?.fields ?? {});
    expect(
      await fields(unchecked(removeConnectionAction)({ organizationId: orgId, connectionId: '1; DROP' })),
    ).toEqual(['connectionId']);
    expect(await fields(updateConnectionAction({ ...ids, name: 'x'.repeat(61) }))).toEqual(['name']);
    expect(await fields(unchecked(updateConnectionAction)({ ...ids, defaultRole: 'owner' }))).toEqual([
      'defaultRole',
    ]);
    expect(await fields(unchecked(setRequireSsoAction)({ organizationId: orgId, on: 'yes' }))).toEqual([
      'on',
    ]);
    expect(
      await fields(
        addSamlConnectionAction({
          organizationId: orgId,
          name: 'Big',
          metadataXml: 'x'.repeat(1024 * 1024 + 1),
        }),
      ),
    ).toEqual(['metadataXml']);
    expect(
      await fields(
        unchecked(addOidcConnectionAction)({
          organizationId: orgId,
          name: 'Entra',
          issuer: 'https://x',
          clientId: 'c',
        }),
      ),
    ).toEqual(['clientSecret']);
    const proto = await unchecked(updateConnectionAction)(
      JSON.parse(
        `{"organizationId":"${orgId}","connectionId":"${connection.id}","__proto__":{"enabled":true}}`,
      ),
    );
    expect(proto.ok).toBe(true);
    expect(await connectionRow(connection.id)).toMatchObject({
      name: 'Okta',
      enabled: false,
      defaultRole: 'member',
    });
  });

  it('a blank name and an empty metadata form are refused with a sentence saying what to enter', async () => {
    const { orgId, owner } = await setUp();
    signInAs(owner);
    const blank = errorOf(
      await addSamlConnectionAction({ organizationId: orgId, name: '  ', metadataXml: '<x/>' }),
    );
    expect(blank).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Name the connection, such as Okta or Entra ID.',
    });
    const empty = errorOf(
      await addSamlConnectionAction({
        organizationId: orgId,
        name: 'Okta',
        metadataUrl: '',
        metadataXml: '',
      }),
    );
    expect(empty).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Upload the metadata file your identity provider gives you.',
    });
  });

  it('Test connection answers the identity provider’s address for the browser, having issued a test request that returns the Owner to the SSO page; turned off or not', async () => {
    const { organization, orgId, owner, admin, connection } = await setUp();
    const db = await getDb();
    await db
      .update(ssoConnections)
      .set({ samlEntityId: 'http://idp.test/entity', samlSsoUrl: 'https://idp.test/sso' })
      .where(eq(ssoConnections.id, connection.id));
    signInAs(owner);
    const started = await testConnectionAction({ organizationId: orgId, connectionId: connection.id });
    if (!started.ok) throw new Error(started.error.message);
    const url = new URL(started.data.url);
    expect(url.origin + url.pathname).toBe('https://idp.test/sso');
    expect(url.searchParams.get('SAMLRequest')).toBeTruthy();
    expect(mocks.cookieSet, 'the browser gets its SSO cookie').toHaveBeenCalledWith(
      'aihub-sso-browser',
      expect.any(String),
      expect.objectContaining({ httpOnly: true, path: '/api/sso' }),
    );
    const [request] = await db.select().from(ssoRequests).where(eq(ssoRequests.connectionId, connection.id));
    expect(request).toMatchObject({
      purpose: 'test',
      userId: owner.userId,
      callbackPath: `/admin/${organization.slug}/sso?tested=${connection.id}`,
      usedAt: null,
    });
    signInAs(admin);
    expect(
      errorOf(await testConnectionAction({ organizationId: orgId, connectionId: connection.id })).code,
    ).toBe('FORBIDDEN');
    const other = await organizationWithStaff();
    signInAs(other.owner);
    expect(
      errorOf(await testConnectionAction({ organizationId: other.orgId, connectionId: connection.id })).code,
    ).toBe('SSO_CONNECTION_NOT_FOUND');
    expect(await db.select().from(ssoRequests)).toHaveLength(1);
  });
});
