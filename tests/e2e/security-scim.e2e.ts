// The SCIM service attacked from outside (SECURITY.md, issue 12), against the production server of the
// browser suite, the way a stranger would: sign up, create an organization, turn on provisioning, hold a
// token, and send requests with it.
//   - a filter that used to stop the server for every organization is refused at once (finding 1);
//   - a PATCH reaching for __proto__ pollutes nothing, in this organization or another (finding 2);
//   - the stranger's directory cannot pull in another organization's member (finding 3);
//   - a token whose maker was removed is refused (finding 4);
//   - a name with a NUL is a 400, never a 500 (finding 7).
import { beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, signIn, useBrowser, waitForEmail, mailboxMessages } from './support/browser';
import { actionIds, mainDist } from './support/http';
import { recordPage } from './support/console';
import { gotoReady } from './support/ready';
import { callAction, cookieHeader, fresh, securityFigures } from './support/security';

const figures = securityFigures('scim');
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Tenant {
  organizationId: string;
  slug: string;
  cookie: string;
  ownerEmail: string;
  token: string;
}

async function scim(token: string, method: string, path: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(`${baseUrl()}/api/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null,
    text,
    ms: performance.now() - started,
  };
}

describe('the SCIM service, attacked from outside', () => {
  const chromium = useBrowser();
  let ids: Record<string, string> = {};
  const tenants: Record<'stranger' | 'corp', Tenant> = {} as never;

  const act = (tenant: Tenant, name: string, args: unknown) =>
    callAction(baseUrl(), {
      id: ids[name],
      path: `/admin/${tenant.slug}/provisioning`,
      args: [args],
      cookie: tenant.cookie,
    });

  /** A person who signed up and made an organization with provisioning on and a token. */
  async function tenant(label: string, ownerName: string): Promise<Tenant> {
    const { context, page } = await chromium.open();
    const ownerEmail = fresh(label);
    await signIn(page, ownerEmail);
    const cookie = await cookieHeader(context, baseUrl());
    const created = await callAction(baseUrl(), {
      id: ids.createOrganizationAction,
      path: '/',
      args: [{ name: `${ownerName} ${label}` }],
      cookie,
    });
    const organization = created.result?.data as { id: string; slug: string };
    const partial = {
      organizationId: organization.id,
      slug: organization.slug,
      cookie,
      ownerEmail,
      token: '',
    };
    expect(
      (await act(partial, 'setProvisioningAction', { organizationId: organization.id, enabled: true }))
        .result,
    ).toMatchObject({ ok: true });
    const token = await act(partial, 'createScimTokenAction', {
      organizationId: organization.id,
      name: 'Okta',
    });
    return { ...partial, token: (token.result?.data as { token: string }).token };
  }

  beforeAll(async () => {
    ids = actionIds(mainDist);
    tenants.stranger = await tenant('stranger', 'Stranger');
    tenants.corp = await tenant('corp', 'Corp');
  });

  test('finding 1: a filter of an unclosed quote and 30 line breaks is refused in well under a second, and the server keeps answering', async () => {
    const filter = encodeURIComponent(`userName eq "${'\n'.repeat(30)}`);
    const refused = await scim(tenants.stranger.token, 'GET', `/Users?filter=${filter}`);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ scimType: 'invalidFilter' });
    expect(refused.ms).toBeLessThan(1000);
    const after = await scim(tenants.corp.token, 'GET', '/Users?count=1');
    expect(after.status).toBe(200);
    expect(after.ms).toBeLessThan(1000);
    figures.push(
      ['30-newline filter refused (ms)', Math.round(refused.ms)],
      ['next request (ms)', Math.round(after.ms)],
    );
  });

  test("finding 2: a PATCH reaching for __proto__ is 400 in both forms, and another organization's new user is a Member with no externalId", async () => {
    const { stranger, corp } = tenants;
    const own = await scim(
      stranger.token,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${stranger.ownerEmail}"`)}`,
    );
    const ownerId =
      ((own.json?.Resources as { id: string }[]) ?? [])[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    for (const id of [ownerId, '00000000-0000-4000-8000-000000000000'])
      for (const operations of [
        [{ op: 'add', path: '__proto__.externalId', value: 'polluted' }],
        [{ op: 'add', value: { '__proto__.roles': [{ value: 'admin', primary: true }] } }],
      ]) {
        const answer = await scim(stranger.token, 'PATCH', `/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: operations,
        });
        expect(answer.status, JSON.stringify(operations)).toBe(400);
      }

    const newcomer = fresh('newcomer');
    expect(
      (
        await act(corp, 'inviteMembersAction', {
          organizationId: corp.organizationId,
          emails: [newcomer],
          role: 'member',
        })
      ).result,
    ).toMatchObject({ ok: true });
    const created = await scim(corp.token, 'POST', '/Users', {
      schemas: [USER],
      userName: newcomer,
      emails: [{ value: newcomer, primary: true }],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ roles: [{ value: 'member' }] });
    expect(created.json).not.toHaveProperty('externalId');
    figures.push(['__proto__ PATCHes refused (400)', 4]);
  });

  test("finding 3: a stranger's directory cannot add another organization's Owner: 403, and the answer names no one", async () => {
    const { stranger, corp } = tenants;
    const answer = await scim(stranger.token, 'POST', '/Users', {
      schemas: [USER],
      userName: corp.ownerEmail,
      displayName: 'Chosen by a stranger',
      emails: [{ value: corp.ownerEmail, primary: true }],
    });
    expect(answer.status).toBe(403);
    expect(answer.json?.detail).toContain('is neither');
    expect(answer.text).not.toContain('Corp');
    const listed = await scim(
      stranger.token,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${corp.ownerEmail}"`)}`,
    );
    expect(listed.json).toMatchObject({ totalResults: 0 });
  });

  test('finding 4: the token of an Admin who was then removed is refused (401), so they cannot re-add themselves', async () => {
    const { corp } = tenants;
    const adminEmail = fresh('corp-admin');
    const seen = new Set((await mailboxMessages()).map((m) => m.id));
    await act(corp, 'inviteMembersAction', {
      organizationId: corp.organizationId,
      emails: [adminEmail],
      role: 'admin',
    });
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(
      (await waitForEmail(adminEmail, { seenIds: seen })).text,
    )![1];
    const { context, page } = await chromium.open();
    await gotoReady(page, `/invite/${token}`);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.waitForURL(/\/admin\/[^/]+\/users/);
    const admin: Tenant = { ...corp, cookie: await cookieHeader(context, baseUrl()), ownerEmail: adminEmail };
    const made = await act(admin, 'createScimTokenAction', {
      organizationId: corp.organizationId,
      name: 'Admin made',
    });
    const adminToken = (made.result?.data as { token: string }).token;
    const self = await scim(
      adminToken,
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${adminEmail}"`)}`,
    );
    expect(self.status).toBe(200);
    const membershipId = (self.json?.Resources as { id: string }[])[0].id;

    await act(corp, 'removeMembersAction', { organizationId: corp.organizationId, ids: [membershipId] });
    await act(corp, 'inviteMembersAction', {
      organizationId: corp.organizationId,
      emails: [adminEmail],
      role: 'member',
    });
    const back = await scim(adminToken, 'POST', '/Users', {
      schemas: [USER],
      userName: adminEmail,
      emails: [{ value: adminEmail, primary: true }],
      roles: [{ value: 'admin', primary: true }],
    });
    expect(back.status).toBe(401);
    expect(back.json?.detail).toContain('no longer an Owner or Admin');

    // The Owner sees the token marked on the Provisioning page, with its maker, and replaces it.
    const { page: owner } = await chromium.open();
    await signIn(owner, corp.ownerEmail);
    await gotoReady(owner, `/admin/${corp.slug}/provisioning`);
    const item = owner.getByRole('listitem').filter({ hasText: 'Admin made' });
    await expect
      .poll(() => item.textContent())
      .toContain(`${adminEmail} is no longer an Owner or Admin here`);
    expect(await item.textContent()).toContain('Refused');
    await recordPage(owner, 'provisioning-maker-left');
    await owner.setViewportSize({ width: 390, height: 844 });
    await recordPage(owner, 'provisioning-maker-left-390');
    await owner.setViewportSize({ width: 1280, height: 720 });
    await item.getByRole('button', { name: 'Replace Admin made' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Replace the token “Admin made”' });
    await dialog.getByRole('button', { name: 'Replace' }).click();
    const shown = owner.getByRole('dialog', { name: 'Copy your token now' });
    const replacement = await shown.getByRole('textbox', { name: 'Token' }).inputValue();
    expect((await scim(replacement, 'GET', '/Users?count=1')).status).toBe(200);
    expect((await scim(adminToken, 'GET', '/Users?count=1')).status).toBe(401);
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(() => owner.getByRole('list', { name: 'Provisioning tokens' }).textContent())
      .not.toContain('Refused');
  });

  test('finding 7: a displayName with a NUL is 400 invalidValue, never a 500', async () => {
    const { corp } = tenants;
    const email = fresh('nul');
    await act(corp, 'inviteMembersAction', {
      organizationId: corp.organizationId,
      emails: [email],
      role: 'member',
    });
    const answer = await scim(corp.token, 'POST', '/Users', {
      schemas: [USER],
      userName: email,
      displayName: 'a\u0000b',
      emails: [{ value: email, primary: true }],
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ scimType: 'invalidValue' });
  });
});
