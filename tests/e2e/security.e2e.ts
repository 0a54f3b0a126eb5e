// Security, at the HTTP and browser level.
//
// On the server of the e2e global setup (production build, mailbox transport):
//   - security headers and the nonce-based Content-Security-Policy on every kind of page;
//   - the app works under that policy (every page hydrates, no violation), and HTML and script in an
//     organization name and a user name are shown as text on every page and in the email;
//   - server actions refuse cross-origin calls (with the session cookie, from curl and from a real
//     page on another origin);
//   - hostile input through the pages (URLs, search parameters, callback URLs) never gives a 500, an
//     open redirect or reflected markup;
//   - invitation links are rate limited per client, and a forged X-Forwarded-For entry does not help;
//   - a removed Admin's next request and next action are refused.
// On a second `next start` of a build made with canary secrets (AUTH_SECRET, RESEND_API_KEY), with the
// Resend transport pointed at a fake API and SERVER_ACTIONS_ALLOWED_ORIGINS set:
//   - no secret reaches the browser (the whole build, and every page and script it serves);
//   - the development mailbox does not exist;
//   - allowed origins come from the environment;
//   - the sign-in email API failing gives a clear message;
//   - after a run (sign in, invite, accept), no raw token or invitation link is in the database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '@/db/client';
import { rows } from '@/lib/sql';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { expectNoRow, openRowMenu } from './support/console';
import { baseUrl, expectNoBrowserErrors, failedToLoad, launchBrowser, mailboxMessages, newPage, signIn, useBrowser, waitForEmail } from './support/browser';
import { gotoReady, waitForReady } from './support/ready';

const root = path.resolve(import.meta.dirname, '..', '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const mainDist = path.join(root, process.env.NEXT_DIST_DIR || '.next');

const figures: [string, string | number][] = [];
afterAll(() => {
  const lines = figures.map(([label, value]) => `  ${label.padEnd(64)} ${String(value).padStart(10)}`);
  console.log(['', '  Security, browser and HTTP level', `  ${'-'.repeat(76)}`, ...lines, `  ${'-'.repeat(76)}`, ''].join('\n'));
  try {
    const dir = path.join(root, '.artifacts', 'hardening');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'security-e2e.json'), `${JSON.stringify({ name: 'security-e2e', title: 'Security, browser and HTTP level', rows: figures }, null, 2)}\n`);
  } catch {
    // a report only
  }
});

// ---------------------------------------------------------------------------------------------------
// Helpers

function fresh(label: string) {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

function clientAddress() {
  return `198.51.100.${1 + (randomBytes(1)[0]! % 250)}`;
}

/** Server action ids of a build, by exported name. */
function actionIds(distDir: string): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName, id]));
}

async function cookieHeader(context: BrowserContext, base: string) {
  return (await context.cookies(base)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

interface WireResult {
  status: number;
  body: string;
  result: { ok: boolean; data?: unknown; error?: { code: string; message: string } } | null;
}

/** Calls a server action the way the browser does (POST, Next-Action header, JSON arguments). `origin: null` sends none. */
async function callAction(
  base: string,
  input: { id: string; path: string; args: unknown[]; cookie?: string; origin?: string | null; clientAddress?: string },
): Promise<WireResult> {
  const headers: Record<string, string> = {
    'Next-Action': input.id,
    'Content-Type': 'text/plain;charset=UTF-8',
    Accept: 'text/x-component',
    'X-Forwarded-For': input.clientAddress ?? clientAddress(),
  };
  if (input.cookie) headers.Cookie = input.cookie;
  if (input.origin !== null) headers.Origin = input.origin ?? base;
  const response = await fetch(`${base}${input.path}`, { method: 'POST', headers, body: JSON.stringify(input.args), redirect: 'manual' });
  const body = await response.text();
  const line = body.split('\n').find((l) => /^\d+:\{"ok":/.test(l));
  return { status: response.status, body, result: line ? JSON.parse(line.slice(line.indexOf(':') + 1)) : null };
}

/** Records CSP violations of every page of the context (read with `violations(page)`). */
async function watchViolations(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      w.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

/** The page hydrated: Next's client runtime ran (its scripts were allowed by the policy). */
async function expectHydrated(page: Page) {
  await page.waitForFunction(() => typeof (window as unknown as { next?: unknown }).next === 'object', undefined, { timeout: 15_000 });
}

const XSS_ORG = '<script>window.__xss=1</script><img src=x onerror=window.__xss=2>';
const XSS_USER = '<img src=x onerror=window.__xss=3>"><svg onload=window.__xss=4>';

async function expectNoXss(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  for (const frame of page.frames()) {
    const value = await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => undefined);
    expect(value).toBeUndefined();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// The main server

describe('security headers and the Content-Security-Policy', () => {
  test('every kind of response carries the headers; pages carry a strict nonce policy that changes per response', async () => {
    const base = baseUrl();
    const pages = ['/login', '/', '/admin/no-such-org/users', `/invite/${'A'.repeat(43)}`, '/dev/mailbox', '/no-such-page', '/login/check-email'];
    const seenNonces = new Set<string>();
    for (const pathname of pages) {
      const response = await fetch(`${base}${pathname}`, { redirect: 'manual', headers: { 'X-Forwarded-For': clientAddress() } });
      const headers = response.headers;
      expect(headers.get('x-powered-by'), pathname).toBeNull();
      expect(headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(headers.get('x-frame-options'), pathname).toBe('DENY');
      expect(headers.get('referrer-policy'), pathname).toBe(pathname.startsWith('/invite/') ? 'no-referrer' : 'strict-origin-when-cross-origin');
      const csp = headers.get('content-security-policy');
      expect(csp, `${pathname} has a policy`).toBeTruthy();
      const directives = Object.fromEntries(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives['frame-ancestors']).toEqual(["'none'"]);
      expect(directives['object-src']).toEqual(["'none'"]);
      expect(directives['base-uri']).toEqual(["'none'"]);
      expect(directives['form-action']).toEqual(["'self'"]);
      const scriptSrc = directives['script-src']!;
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
        for (const tag of scripts) expect(tag, `${pathname}: every script carries the nonce`).toContain(`nonce="${nonce}"`);
      }
    }
    expect(seenNonces.size, 'a fresh nonce per response').toBe(pages.length);

    // Static files and the Auth.js routes: no policy needed, the other headers all the same.
    const login = await (await fetch(`${base}/login`)).text();
    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(login)![1]!;
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
    const slug = new URL(page.url()).pathname.split('/')[2]!;
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe(XSS_ORG);

    // An invitation through the server action, as the invite modal sends it.
    const ids = actionIds(mainDist);
    const seen = new Set((await mailboxMessages()).map((m) => m.id));
    const invited = await callAction(baseUrl(), {
      id: ids.inviteMembersAction!,
      path: `/admin/${slug}/users`,
      args: [{ organizationId: await organizationIdOf(page), emails: [inviteeEmail], role: 'admin' }],
      cookie: await cookieHeader(context, baseUrl()),
    });
    expect(invited.result).toMatchObject({ ok: true, data: { counts: { invited: 1 } } });
    const email = await waitForEmail(inviteeEmail, { seenIds: seen });
    expect(email.subject).toContain(XSS_ORG);
    expect(email.html).not.toContain('<script>window.__xss');
    expect(email.html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(email.text)![1]!;

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
    for (const pathname of [`/admin/${slug}/users`, `/admin/${slug}/activity`, `/admin/${slug}/settings`, '/', `/invite/${token}`, `/dev/mailbox`, '/no-such-page']) {
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

  test("a removed Admin's next request and next action are refused", async () => {
    const { context: ownerContext, page: ownerPage } = await chromium.open();
    const ownerEmail = fresh('removal-owner');
    const adminEmail = fresh('removal-admin');
    await signIn(ownerPage, ownerEmail);
    await ownerPage.getByLabel('Organization name').fill(`Removal ${randomBytes(2).toString('hex')}`);
    await ownerPage.getByRole('button', { name: 'Create organization' }).click();
    await ownerPage.waitForURL(/\/admin\/[^/]+\/users/);
    const slug = new URL(ownerPage.url()).pathname.split('/')[2]!;
    const organizationId = await organizationIdOf(ownerPage);
    const ids = actionIds(mainDist);
    const ownerCookie = await cookieHeader(ownerContext, baseUrl());

    const seen = new Set((await mailboxMessages()).map((m) => m.id));
    await callAction(baseUrl(), { id: ids.inviteMembersAction!, path: `/admin/${slug}/users`, args: [{ organizationId, emails: [adminEmail], role: 'admin' }], cookie: ownerCookie });
    const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec((await waitForEmail(adminEmail, { seenIds: seen })).text)![1]!;

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
      id: ids.inviteMembersAction!,
      path: `/admin/${slug}/users`,
      args: [{ organizationId, emails: [fresh('back-door')], role: 'admin' }],
      cookie: adminCookie,
    });
    expect(attempt.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const rename = await callAction(baseUrl(), { id: ids.renameOrganizationAction!, path: `/admin/${slug}/settings`, args: [{ organizationId, name: 'Taken over' }], cookie: adminCookie });
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
      const landed = page.waitForResponse((r) => r.url().startsWith(target) && r.request().method() === 'POST');
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

async function organizationIdOf(page: Page): Promise<string> {
  // The settings page's forms carry the organization id; read it from the server-rendered payload.
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  const html = await (await page.context().request.get(`/admin/${slug}/settings`)).text();
  const match = /organizationId\\?":\\?"([0-9a-f-]{36})/.exec(html);
  if (!match) throw new Error('organization id not found on the settings page');
  return match[1]!;
}

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
      for (const origin of ['http://evil.example', 'https://localhost.evil.example', 'null', `${baseUrl().replace('localhost', '127.0.0.2')}`]) {
        const forged = await callAction(baseUrl(), { id: ids.createOrganizationAction!, path: '/', args: [{ name }], cookie, origin });
        expect(forged.result, `Origin ${origin}: the action must not run`).toBeNull();
        expect(forged.status).toBeGreaterThanOrEqual(400);
        outcomes.push(`${origin} → ${forged.status}`);
      }
      const home = await (await context.request.get('/')).text();
      expect(home).not.toContain(name);
      const same = await callAction(baseUrl(), { id: ids.createOrganizationAction!, path: '/', args: [{ name }], cookie });
      expect(same.result).toMatchObject({ ok: true, data: { name } });
      figures.push(['forged Origins refused (curl, with the session cookie)', outcomes.length]);
      await context.close();
    } finally {
      await browser.close();
    }
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
      const slug = new URL(page.url()).pathname.split('/')[2]!;
      const long = 'q'.repeat(10_000);
      const cases: { path: string; expect: 'ok' | 'forbidden' | 'not-found' | 'invalid-link' | 'redirect-home' }[] = [
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
        { path: `/admin/${slug}/users?page=-1&size=99999&sort=${encodeURIComponent(';DROP TABLE users')}&dir=sideways&role=superadmin&status=x&status=y`, expect: 'ok' },
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
        const response = await fetch(`${baseUrl()}${c.path}`, { redirect: 'manual', headers: { Cookie: cookie, 'X-Forwarded-For': clientAddress() } });
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
      const loginResponse = await fetch(`${baseUrl()}/login?email=${encodeURIComponent('"><script>alert(1)</script>')}&error=${encodeURIComponent('<b>x</b>')}`);
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

describe('invitation links are rate limited per client (pages)', () => {
  test('past 60 link views a minute one client sees "Too many attempts", forged X-Forwarded-For entries included; another client does not', async () => {
    // Fixed one-minute windows: start early in a minute so that the run stays inside one.
    const second = new Date().getUTCSeconds();
    if (second > 45) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    const real = `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
    const view = (forwardedFor: string) =>
      fetch(`${baseUrl()}/invite/${randomBytes(32).toString('base64url')}`, { headers: { 'X-Forwarded-For': forwardedFor } }).then((r) => r.text());
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

// ---------------------------------------------------------------------------------------------------
// A second server: a build with canary secrets, the Resend transport, allowed origins from the environment

describe('a second server: Resend transport, canary secrets', () => {
  const distName = '.next-security';
  const dist = path.join(root, distName);
  const canaryFile = path.join(dist, 'canary.json');
  let canary: { AUTH_SECRET: string; RESEND_API_KEY: string };
  let fake: FakeResend;
  let server: ChildProcess | undefined;
  let base = '';
  let dataDir = '';
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-security-'));
  const logFile = path.join(root, '.artifacts', 'e2e', 'security-server.log');

  beforeAll(async () => {
    // 1. The build, with canary values in the environment (reused with E2E_SKIP_BUILD=1 if present).
    if (process.env.E2E_SKIP_BUILD === '1' && fs.existsSync(path.join(dist, 'BUILD_ID')) && fs.existsSync(canaryFile)) {
      canary = JSON.parse(fs.readFileSync(canaryFile, 'utf8'));
    } else {
      canary = { AUTH_SECRET: `canary-auth-${randomBytes(16).toString('hex')}`, RESEND_API_KEY: `re_canary_${randomBytes(16).toString('hex')}` };
      const build = spawnSync(process.execPath, [nextBin, 'build'], {
        cwd: root,
        env: { ...process.env, ...canary, NEXT_DIST_DIR: distName, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (build.status !== 0) throw new Error(`the canary build failed:\n${(build.stdout ?? '').slice(-3000)}\n${(build.stderr ?? '').slice(-3000)}`);
      fs.writeFileSync(canaryFile, JSON.stringify(canary));
    }

    // 2. The fake Resend API and the server, on its own embedded database.
    fake = await startFakeResend();
    dataDir = path.join(tempDir, 'pglite');
    const port = await freePort();
    base = `http://localhost:${port}`;
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const out = fs.openSync(logFile, 'w');
    server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: root,
      env: {
        ...process.env,
        ...canary,
        NEXT_DIST_DIR: distName,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: '',
        PGLITE_DIR: dataDir,
        EMAIL_TRANSPORT: '',
        RESEND_BASE_URL: fake.baseUrl,
        EMAIL_TIMEOUT_MS: '2000',
        APP_URL: base,
        AUTH_URL: base,
        SERVER_ACTIONS_ALLOWED_ORIGINS: 'console.example.com, https://admin.example.org/',
        SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR: '3',
      },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the second server exited:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
      const ok = await fetch(`${base}/login`).then((r) => r.status < 500, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the second server did not start');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 300_000);

  async function stopServer() {
    const child = server;
    server = undefined;
    if (!child || child.pid === undefined || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        try {
          process.kill(child.pid!, 'SIGKILL');
        } catch {
          // gone
        }
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      process.kill(child.pid!, 'SIGTERM');
    });
  }

  afterAll(async () => {
    await stopServer();
    await fake?.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  test('the development mailbox and the email previews do not exist', async () => {
    for (const pathname of ['/dev/mailbox', '/dev/mailbox/messages', '/dev/emails']) {
      const response = await fetch(`${base}${pathname}`);
      expect(response.status, pathname).toBe(404);
      const body = await response.text();
      expect(body).not.toContain('Inbox');
    }
    figures.push(['mailbox routes with the Resend transport', '404 x 3']);
  });

  test('no secret reaches the browser: the whole build, and every page and script it serves, is free of AUTH_SECRET and RESEND_API_KEY', async () => {
    const secrets = [canary.AUTH_SECRET, canary.RESEND_API_KEY];
    // Every file of the build (client and server bundles, manifests, caches).
    let files = 0;
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && full !== canaryFile) {
          files += 1;
          const content = fs.readFileSync(full);
          for (const secret of secrets) if (content.includes(secret)) found.push(`${path.relative(root, full)} holds ${secret.slice(0, 10)}…`);
        }
      }
    };
    walk(dist);
    expect(found).toEqual([]);
    expect(files).toBeGreaterThan(50);

    // What the running server sends: pages, every script they load, the Auth.js endpoints.
    const served = new Set<string>();
    const bodies: string[] = [];
    for (const pathname of ['/login', '/', `/invite/${'A'.repeat(43)}`, '/no-such-page', '/api/auth/session', '/api/auth/providers', '/api/auth/csrf', '/login/check-email']) {
      const response = await fetch(`${base}${pathname}`, { redirect: 'manual' });
      const body = await response.text();
      bodies.push(body, JSON.stringify([...response.headers]));
      for (const match of body.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)) served.add(match[1]!);
    }
    for (const asset of served) bodies.push(await (await fetch(`${base}${asset}`)).text(), '');
    for (const body of bodies) for (const secret of secrets) expect(body.includes(secret)).toBe(false);
    figures.push(['build files scanned for AUTH_SECRET / RESEND_API_KEY', files]);
    figures.push(['served pages / scripts scanned', `${bodies.length / 2 - served.size} / ${served.size}`]);
  });

  test('allowed origins come from SERVER_ACTIONS_ALLOWED_ORIGINS: listed origins may call actions, others may not', async () => {
    const ids = actionIds(dist);
    const call = (origin: string | null) =>
      callAction(base, { id: ids.declineInvitationAction!, path: `/invite/${'B'.repeat(43)}`, args: [{ token: 'C'.repeat(43) }], origin });
    for (const origin of ['https://console.example.com', 'https://admin.example.org', base]) {
      const result = await call(origin);
      expect(result.result, `${origin} is allowed`).toMatchObject({ ok: false, error: { code: 'INVITATION_INVALID' } });
    }
    for (const origin of ['https://evil.example', 'https://console.example.com.evil.example', 'http://example.com']) {
      const result = await call(origin);
      expect(result.result, `${origin} is refused`).toBeNull();
      expect(result.status).toBeGreaterThanOrEqual(400);
    }
    figures.push(['allowed / refused origins (from the environment)', '3 / 3']);
  });

  test('the sign-in email API failing gives a clear message; once it is back, the magic link from Resend signs in', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: base });
      const page = await context.newPage();
      const email = fresh('resend-user');
      fake.setMode('error500');
      await gotoReady(page, '/login');
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByRole('button', { name: 'Sign in with email' }).click();
      await page.getByText('We could not send the sign-in email. Please try again in a moment.').waitFor();
      figures.push(['sign-in email API answering 500', 'clear message on /login']);

      fake.setMode('ok');
      fake.reset();
      await page.getByRole('button', { name: 'Sign in with email' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      const link = /https?:\/\/\S+\/api\/auth\/callback\/\S+/.exec(fake.emails().at(-1)!.text!)![0];
      await page.goto(link);
      await page.waitForURL((url) => !url.pathname.startsWith('/api/auth/'));
      await waitForReady(page);
      const session = await (await context.request.get('/api/auth/session')).json();
      expect(session?.user?.email).toBe(email);

      // A run with the Resend transport: an organization, two invitations, one accepted as a new account.
      await gotoReady(page, '/');
      await page.getByLabel('Organization name').fill('Resend run');
      await page.getByRole('button', { name: 'Create organization' }).click();
      await page.waitForURL(/\/admin\/[^/]+\/users/);
      const slug = new URL(page.url()).pathname.split('/')[2]!;
      const settings = await (await context.request.get(`/admin/${slug}/settings`)).text();
      const organizationId = /organizationId\\?":\\?"([0-9a-f-]{36})/.exec(settings)![1]!;
      const invited = await callAction(base, {
        id: actionIds(dist).inviteMembersAction!,
        path: `/admin/${slug}/users`,
        args: [{ organizationId, emails: ['first@example.test', 'second@example.test'], role: 'member' }],
        cookie: await cookieHeader(context, base),
      });
      expect(invited.result).toMatchObject({ ok: true, data: { counts: { invited: 2 } } });
      const invitation = fake.emails().find((m) => m.to === 'first@example.test')!;
      const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(invitation.text!)![1]!;
      const invitee = await browser.newContext({ baseURL: base });
      const inviteePage = await invitee.newPage();
      await gotoReady(inviteePage, `/invite/${token}`);
      await inviteePage.getByRole('button', { name: 'Accept', exact: true }).click();
      await inviteePage.waitForURL((url) => url.pathname === '/');
      await invitee.close();
      await context.close();
    } finally {
      await browser.close();
    }
  });

  test('sign-in emails to one address are capped (SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR), also through Auth.js’s own endpoint', async () => {
    const victim = fresh('flooded');
    const outcomes: string[] = [];
    for (let n = 0; n < 6; n++) {
      const csrf = await fetch(`${base}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const response = await fetch(`${base}/api/auth/signin/email`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'X-Forwarded-For': clientAddress() },
        body: new URLSearchParams({ email: victim, csrfToken, callbackUrl: '/' }),
      });
      outcomes.push(new URL(response.headers.get('location') ?? '/', base).pathname);
    }
    const delivered = fake.emails().filter((m) => m.to === victim).length;
    expect(delivered).toBe(3);
    expect(outcomes, 'where each request was sent next').toEqual([...Array(3).fill('/api/auth/verify-request'), ...Array(3).fill('/login')]);
    figures.push(['sign-in emails to one address, asked 6 times (cap 3/h)', `${delivered} sent`]);
  });

  test('after that run the database holds no raw token, no sign-in link and no invitation link (scanned with the server stopped)', async () => {
    const posted = fake.emails();
    expect(posted.length).toBeGreaterThanOrEqual(3);
    const secrets = new Set<string>();
    for (const message of posted) {
      for (const match of message.text!.matchAll(/\/invite\/([A-Za-z0-9_-]{43})/g)) secrets.add(match[1]!);
      for (const match of message.text!.matchAll(/[?&]token=([A-Za-z0-9_-]+)/g)) secrets.add(match[1]!);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(3);
    await stopServer();
    const handle = await openPglite(dataDir);
    try {
      const tables = await rows<{ table_name: string }>(
        handle.db,
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      let scanned = 0;
      for (const { table_name: table } of tables) {
        for (const row of await rows<{ text: string }>(handle.db, sql`SELECT t::text AS text FROM ${sql.identifier(table)} t`)) {
          scanned += 1;
          for (const secret of secrets) expect(row.text.includes(secret), `a raw token in ${table}`).toBe(false);
          expect(row.text, `an invitation link in ${table}`).not.toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
          expect(row.text, `a sign-in link in ${table}`).not.toContain('/api/auth/callback/');
        }
      }
      const [mail] = await rows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM mailbox_messages`);
      expect(mail!.n).toBe(0);
      figures.push(['rows scanned after the Resend run (raw tokens and links looked for)', `${scanned} (${secrets.size})`]);
    } finally {
      await handle.close();
    }
  });
});
