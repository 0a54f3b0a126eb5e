// Security at the HTTP and browser level, who may make a request, on the server of the e2e global setup:
//   - server actions refuse cross-origin calls (with the session cookie, from curl and from a real page
//     on another origin);
//   - a removed Admin's next request and next action are refused;
//   - invitation links are rate limited per client, and a forged X-Forwarded-For entry does not help.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { describe, expect, test } from 'vitest';
import { freePort } from '../support/next-server';
import { expectNoRow, openRowMenu } from './support/console';
import {
  baseUrl,
  launchBrowser,
  mailboxMessages,
  newPage,
  signIn,
  useBrowser,
  waitForEmail,
} from './support/browser';
import { actionIds, mainDist } from './support/http';
import { gotoReady } from './support/ready';
import { callAction, cookieHeader, fresh, organizationIdOf, securityFigures } from './support/security';

const figures = securityFigures('requests');

describe('in the browser', () => {
  const chromium = useBrowser();

  test("a removed Admin's next request and next action are refused", async () => {
    const { context: ownerContext, page: ownerPage } = await chromium.open();
    const ownerEmail = fresh('removal-owner');
    const adminEmail = fresh('removal-admin');
    await signIn(ownerPage, ownerEmail);
    await ownerPage.getByLabel('Organization name').fill(`Removal ${randomBytes(2).toString('hex')}`);
    await ownerPage.getByRole('button', { name: 'Create organization' }).click();
    await ownerPage.waitForURL(/\/admin\/[^/]+\/users/);
    const slug = new URL(ownerPage.url()).pathname.split('/')[2];
    const organizationId = await organizationIdOf(ownerPage);
    const ids = actionIds(mainDist);
    const ownerCookie = await cookieHeader(ownerContext, baseUrl());

    const seen = new Set((await mailboxMessages()).map((m) => m.id));
    await callAction(baseUrl(), {
      id: ids.inviteMembersAction,
      path: `/admin/${slug}/users`,
      args: [{ organizationId, emails: [adminEmail], role: 'admin' }],
      cookie: ownerCookie,
    });
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(
      (await waitForEmail(adminEmail, { seenIds: seen })).text,
    )![1];

    const { context: adminContext, page: adminPage } = await chromium.open();
    await gotoReady(adminPage, `/invite/${token}`);
    await adminPage.getByRole('button', { name: 'Accept', exact: true }).click();
    await adminPage.waitForURL(new RegExp(`/admin/${slug}/users`));
    await adminPage.getByRole('heading', { name: 'Users' }).first().waitFor();
    const adminCookie = await cookieHeader(adminContext, baseUrl());

    // The Owner removes the Admin in the console: More options, Delete, confirm.
    await gotoReady(ownerPage, `/admin/${slug}/users`);
    const menu = await openRowMenu(ownerPage, adminEmail);
    await menu.getByRole('menuitem', { name: 'Delete' }).click();
    await ownerPage.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expectNoRow(ownerPage, adminEmail);

    // Next request: the console answers 403 (the session itself is still valid).
    const response = await gotoReady(adminPage, `/admin/${slug}/users`);
    expect(response!.status()).toBe(403);
    await adminPage.getByRole('heading', { name: "You don't have access to this admin console" }).waitFor();
    const session = await (await adminContext.request.get('/api/auth/session')).json();
    expect(session?.user?.email).toBe(adminEmail);

    // Next action: refused, nothing changed.
    const attempt = await callAction(baseUrl(), {
      id: ids.inviteMembersAction,
      path: `/admin/${slug}/users`,
      args: [{ organizationId, emails: [fresh('back-door')], role: 'admin' }],
      cookie: adminCookie,
    });
    expect(attempt.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rename = await callAction(baseUrl(), {
      id: ids.renameOrganizationAction,
      path: `/admin/${slug}/settings`,
      args: [{ organizationId, name: 'Taken over' }],
      cookie: adminCookie,
    });
    expect(rename.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    figures.push(['removed Admin: next request 403, next actions refused', 3]);
  });

  test('a page on another origin cannot make a signed-in person run a server action (form post with the action id)', async () => {
    const ids = actionIds(mainDist);
    const { context, page } = await chromium.open();
    const email = fresh('csrf-victim');
    await signIn(page, email);

    // The attacker's page: same site (localhost), another origin (port), so the session cookie does go
    // along; only the origin check stands in the way.
    const evilPort = await freePort();
    const target = baseUrl();
    const evil = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><form id="f" method="POST" action="${target}/" enctype="multipart/form-data">
        <input type="hidden" name="$ACTION_ID_${ids.signOutAction}" value="">
        <input type="hidden" name="redirectTo" value="/">
      </form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(evilPort, '127.0.0.1', resolve));
    try {
      const landed = page.waitForResponse(
        (r) => r.url().startsWith(target) && r.request().method() === 'POST',
      );
      await page.goto(`http://localhost:${evilPort}/`);
      const response = await landed;
      expect(response.status()).toBeGreaterThanOrEqual(400);
    } finally {
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
    const session = await (await context.request.get(`${target}/api/auth/session`)).json();
    expect(session?.user?.email, 'still signed in: the sign-out did not run').toBe(email);
    figures.push(['cross-origin form post of a server action (browser)', 'refused']);
  });
});

describe('server actions refuse cross-origin calls', () => {
  test('with the session cookie: a foreign Origin is refused and nothing is created; the same call from the app’s origin works', async () => {
    const ids = actionIds(mainDist);
    const browser = await launchBrowser();
    try {
      const { context, page } = await newPage(browser);
      const email = fresh('origin');
      await signIn(page, email);
      const cookie = await cookieHeader(context, baseUrl());
      const name = `Forged ${randomBytes(3).toString('hex')}`;
      const outcomes: string[] = [];
      for (const origin of [
        'http://evil.example',
        'https://localhost.evil.example',
        'null',
        `${baseUrl().replace('localhost', '127.0.0.2')}`,
      ]) {
        const forged = await callAction(baseUrl(), {
          id: ids.createOrganizationAction,
          path: '/',
          args: [{ name }],
          cookie,
          origin,
        });
        expect(forged.result, `Origin ${origin}: the action must not run`).toBeNull();
        expect(forged.status).toBeGreaterThanOrEqual(400);
        outcomes.push(`${origin} → ${forged.status}`);
      }
      const home = await (await context.request.get('/')).text();
      expect(home).not.toContain(name);
      const same = await callAction(baseUrl(), {
        id: ids.createOrganizationAction,
        path: '/',
        args: [{ name }],
        cookie,
      });
      expect(same.result).toMatchObject({ ok: true, data: { name } });
      figures.push(['forged Origins refused (curl, with the session cookie)', outcomes.length]);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});

describe('invitation links are rate limited per client (pages)', () => {
  test('past 60 link views a minute one client sees "Too many attempts", forged X-Forwarded-For entries included; another client does not', async () => {
    // Fixed one-minute windows: start early in a minute so that the run stays inside one.
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    const real = `203.0.113.${1 + (randomBytes(1)[0] % 250)}`;
    const view = (forwardedFor: string) =>
      fetch(`${baseUrl()}/invite/${randomBytes(32).toString('base64url')}`, {
        headers: { 'X-Forwarded-For': forwardedFor },
      }).then((r) => r.text());
    const limited = (body: string) => body.includes('Too many attempts');
    let allowed = 0;
    for (let n = 0; n < 60; n++) if (!limited(await view(real))) allowed += 1;
    expect(allowed).toBe(60);
    expect(limited(await view(real))).toBe(true);
    // The client forges a fresh first entry each time; the load balancer's entry (the last) is the key.
    for (let n = 0; n < 5; n++) expect(limited(await view(`10.${n}.${n}.${n}, ${real}`))).toBe(true);
    expect(limited(await view(`203.0.113.${(Number(real.split('.')[3]) % 250) + 1}x`))).toBe(false);
    figures.push(['invitation page views allowed per client per minute', allowed]);
  });
});
