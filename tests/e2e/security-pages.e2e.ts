// Security at the HTTP and browser level, what the pages send and show, on the server of the e2e global
// setup (production build, mailbox transport):
//   - security headers and the nonce-based Content-Security-Policy on every kind of page;
//   - the app works under that policy (every page hydrates, no violation), and HTML and script in an
//     organization name and a user name are shown as text on every page and in the email;
//   - hostile input through the pages (URLs, search parameters, callback URLs) never gives a 500, an
//     open redirect or reflected markup.
// Who may make a request is in security-requests.e2e.ts; a server with the Resend transport and canary
// secrets in security-resend-server.e2e.ts.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  baseUrl,
  expectNoBrowserErrors,
  failedToLoad,
  launchBrowser,
  mailboxMessages,
  newPage,
  signIn,
  useBrowser,
  waitForEmail,
} from './support/browser';
import { actionIds, mainDist } from './support/http';
import { gotoReady } from './support/ready';
import {
  callAction,
  clientAddress,
  cookieHeader,
  expectHydrated,
  fresh,
  organizationIdOf,
  securityFigures,
  violations,
  watchViolations,
} from './support/security';

const figures = securityFigures('pages');

const XSS_ORG = '<script>window.__xss=1</script><img src=x onerror=window.__xss=2>';
const XSS_USER = '<img src=x onerror=window.__xss=3>"><svg onload=window.__xss=4>';

async function expectNoXss(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  for (const frame of page.frames()) {
    const value = await frame
      .evaluate(() => (window as unknown as { __xss?: unknown }).__xss)
      .catch(() => undefined);
    expect(value).toBeUndefined();
  }
}

describe('security headers and the Content-Security-Policy', () => {
  test('every kind of response carries the headers; pages carry a strict nonce policy that changes per response', async () => {
    const base = baseUrl();
    const pages = [
      '/login',
      '/',
      '/admin/no-such-org/users',
      `/invite/${'A'.repeat(43)}`,
      '/dev/mailbox',
      '/no-such-page',
      '/login/check-email',
    ];
    const seenNonces = new Set<string>();
    for (const pathname of pages) {
      const response = await fetch(`${base}${pathname}`, {
        redirect: 'manual',
        headers: { 'X-Forwarded-For': clientAddress() },
      });
      const headers = response.headers;
      expect(headers.get('x-powered-by'), pathname).toBeNull();
      expect(headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(headers.get('x-frame-options'), pathname).toBe('DENY');
      expect(headers.get('referrer-policy'), pathname).toBe(
        pathname.startsWith('/invite/') ? 'no-referrer' : 'strict-origin-when-cross-origin',
      );
      const csp = headers.get('content-security-policy');
      expect(csp, `${pathname} has a policy`).toBeTruthy();
      const directives = Object.fromEntries(
        csp!
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(directives['base-uri']).toEqual(["'none'"]);
      expect(directives['form-action']).toEqual(["'self'"]);
      const scriptSrc = directives['script-src'];
      expect(scriptSrc).toContain("'strict-dynamic'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))!.slice(7, -1);
      expect(nonce.length).toBeGreaterThanOrEqual(22);
      seenNonces.add(nonce);
      if (response.status === 200 || response.status === 404 || response.status === 403) {
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, `${pathname} has scripts`).toBeGreaterThan(0);
        for (const tag of scripts)
          expect(tag, `${pathname}: every script carries the nonce`).toContain(`nonce="${nonce}"`);
      }
    }
    expect(seenNonces.size, 'a fresh nonce per response').toBe(pages.length);

    // Static files and the Auth.js routes: no policy needed, the other headers all the same.
    const login = await (await fetch(`${base}/login`)).text();
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(login)![1];
    for (const pathname of [chunk, '/api/auth/session', '/icon.svg']) {
      const response = await fetch(`${base}${pathname}`);
      expect(response.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(response.headers.get('x-powered-by'), pathname).toBeNull();
    }
    figures.push(['pages checked for headers and a nonce policy', pages.length]);
  });
});

describe('in the browser', () => {
  const chromium = useBrowser();

  test('the app works under the policy, and HTML in organization and user names is text on every page and in the email', async () => {
    const ownerEmail = fresh('xss-owner');
    const inviteeEmail = fresh('xss-invitee');
    const { context, page } = await chromium.open();
    await watchViolations(context);

    // The Owner signs in (through the mailbox) and creates an organization with markup in its name.
    await signIn(page, ownerEmail);
    await expectHydrated(page);
    await page.getByLabel('Organization name').fill(XSS_ORG);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/[^/]+\/users/);
    const slug = new URL(page.url()).pathname.split('/')[2];
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe(XSS_ORG);

    // An invitation through the server action, as the invite modal sends it.
    const ids = actionIds(mainDist);
    const seen = new Set((await mailboxMessages()).map((m) => m.id));
    const invited = await callAction(baseUrl(), {
      id: ids.inviteMembersAction,
      path: `/admin/${slug}/users`,
      args: [{ organizationId: await organizationIdOf(page), emails: [inviteeEmail], role: 'admin' }],
      cookie: await cookieHeader(context, baseUrl()),
    });
    expect(invited.result).toMatchObject({ ok: true, data: { counts: { invited: 1 } } });
    const email = await waitForEmail(inviteeEmail, { seenIds: seen });
    expect(email.subject).toContain(XSS_ORG);
    expect(email.html).not.toContain('<script>window.__xss');
    expect(email.html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(email.text)![1];

    // The invitee accepts as a new account, with markup in their name.
    const invitee = await chromium.open();
    await watchViolations(invitee.context);
    await gotoReady(invitee.page, `/invite/${token}`);
    await expectHydrated(invitee.page);
    await invitee.page.getByText(XSS_ORG, { exact: false }).first().waitFor();
    await expectNoXss(invitee.page);
    await invitee.page.getByLabel('Your name (optional)').fill(XSS_USER);
    await invitee.page.getByRole('button', { name: 'Accept', exact: true }).click();
    await invitee.page.waitForURL(/\/admin\/[^/]+\/users/);
    await expectHydrated(invitee.page);
    await expectNoXss(invitee.page);
    expect(await violations(invitee.page)).toEqual([]);

    // Every page the Owner sees shows both names as text, runs no injected script, and hydrates.
    const checked: string[] = [];
    for (const pathname of [
      `/admin/${slug}/users`,
      `/admin/${slug}/activity`,
      `/admin/${slug}/settings`,
      '/',
      `/invite/${token}`,
      `/dev/mailbox`,
      '/no-such-page',
    ]) {
      await gotoReady(page, pathname);
      await expectHydrated(page);
      await page.waitForLoadState('networkidle');
      await expectNoXss(page);
      expect(await violations(page), pathname).toEqual([]);
      checked.push(pathname);
    }
    await gotoReady(page, `/admin/${slug}/users`);
    await page.getByText(XSS_USER.trim(), { exact: false }).first().waitFor();
    await gotoReady(page, `/admin/${slug}/activity`);
    await page.getByText(XSS_USER.trim(), { exact: false }).first().waitFor();
    // The mailbox shows the email in a sandboxed frame, styled (inline styles are allowed), scriptless.
    await gotoReady(page, '/dev/mailbox');
    const frame = page.frameLocator('iframe[title^="Email:"]').first();
    await frame.getByText('Accept Invitation').first().waitFor();
    await expectNoXss(page);
    expect(await violations(page)).toEqual([]);
    // An interaction works (React's handlers are attached under the policy): the invite modal opens.
    await gotoReady(page, `/admin/${slug}/users`);
    await page.getByRole('button', { name: 'Invite New User' }).click();
    await page.getByRole('dialog').waitFor();
    expectNoBrowserErrors(page, { allow: [failedToLoad(404)] });
    expectNoBrowserErrors(invitee.page);
    figures.push(['pages that hydrate under the CSP with hostile names, no script run', checked.length + 2]);
  });
});

describe('hostile input through the pages', () => {
  test('URLs, search parameters and callback URLs: never a 500, an open redirect or reflected markup', async () => {
    const browser = await launchBrowser();
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, fresh('hostile-pages'));
      await page.getByLabel('Organization name').fill('Hostile pages');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.waitForURL(/\/admin\/[^/]+\/users/);
      const slug = new URL(page.url()).pathname.split('/')[2];
      const long = 'q'.repeat(10_000);
      const cases: {
        path: string;
        expect: 'ok' | 'forbidden' | 'not-found' | 'invalid-link' | 'redirect-home';
      }[] = [
        { path: `/invite/${'A'.repeat(10_000)}`, expect: 'invalid-link' },
        { path: `/invite/${encodeURIComponent("' OR 1=1 --")}`, expect: 'invalid-link' },
        { path: '/invite/%00', expect: 'invalid-link' },
        { path: `/invite/${encodeURIComponent('<script>alert(1)</script>')}`, expect: 'invalid-link' },
        { path: '/invite/x%0d%0aSet-Cookie:%20injected=1', expect: 'invalid-link' },
        { path: '/admin/%00/users', expect: 'forbidden' },
        { path: `/admin/${encodeURIComponent("' OR 1=1 --")}/users`, expect: 'forbidden' },
        { path: `/admin/${encodeURIComponent('<script>alert(1)</script>')}/users`, expect: 'forbidden' },
        { path: `/admin/${slug}/users?q=%00`, expect: 'ok' },
        { path: `/admin/${slug}/users?q=${encodeURIComponent("' OR 1=1 --")}`, expect: 'ok' },
        { path: `/admin/${slug}/users?q=${long}`, expect: 'ok' },
        { path: `/admin/${slug}/users?q=${encodeURIComponent('<script>alert(1)</script>')}`, expect: 'ok' },
        {
          path: `/admin/${slug}/users?page=-1&size=99999&sort=${encodeURIComponent(';DROP TABLE users')}&dir=sideways&role=superadmin&status=x&status=y`,
          expect: 'ok',
        },
        { path: `/admin/${slug}/activity?page=1e309`, expect: 'ok' },
        { path: '/login?callbackUrl=//evil.example', expect: 'redirect-home' },
        { path: '/login?callbackUrl=/%5Cevil.example', expect: 'redirect-home' },
        { path: '/login?callbackUrl=/%09/evil.example', expect: 'redirect-home' },
        { path: '/login?callbackUrl=https://evil.example', expect: 'redirect-home' },
        { path: `/dev/mailbox?id=${encodeURIComponent("' OR 1=1 --")}`, expect: 'ok' },
        { path: `/no/such/${encodeURIComponent('<script>alert(1)</script>')}`, expect: 'not-found' },
      ];
      const cookie = await cookieHeader(context, baseUrl());
      for (const c of cases) {
        const response = await fetch(`${baseUrl()}${c.path}`, {
          redirect: 'manual',
          headers: { Cookie: cookie, 'X-Forwarded-For': clientAddress() },
        });
        const body = await response.text();
        expect(response.status, `${c.path.slice(0, 80)}: no server error`).toBeLessThan(500);
        expect(body, `${c.path.slice(0, 80)}: no reflected markup`).not.toContain('<script>alert(1)');
        expect(response.headers.get('set-cookie') ?? '').not.toContain('injected');
        switch (c.expect) {
          case 'ok':
            expect(response.status, c.path.slice(0, 80)).toBe(200);
            break;
          case 'forbidden':
            expect(response.status, c.path.slice(0, 80)).toBe(403);
            break;
          case 'not-found':
            expect(response.status).toBe(404);
            break;
          case 'invalid-link':
            expect(response.status, c.path.slice(0, 80)).toBe(200);
            expect(body).toContain('This invitation link is not valid');
            break;
          case 'redirect-home': {
            expect([303, 307, 308], c.path).toContain(response.status);
            const location = new URL(response.headers.get('location')!, baseUrl());
            expect(location.origin, `${c.path}: stays on this site`).toBe(new URL(baseUrl()).origin);
            expect(location.pathname).toBe('/');
            break;
          }
        }
      }
      // Reflected values in a form are escaped too.
      const loginResponse = await fetch(
        `${baseUrl()}/login?email=${encodeURIComponent('"><script>alert(1)</script>')}&error=${encodeURIComponent('<b>x</b>')}`,
      );
      const login = await loginResponse.text();
      expect(loginResponse.status).toBe(200);
      expect(login).not.toContain('<script>alert(1)');
      expect(login).not.toContain('<b>x</b>');
      figures.push(['hostile page requests (URLs, parameters, callbacks)', cases.length + 1]);
    } finally {
      await context.close();
      await browser.close();
    }
  });
});
