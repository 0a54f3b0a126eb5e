// Findings 1 and 8 of the security review, from outside, against the `next start` of the global setup
// (configured with APP_URL only, on a loopback address, with the development mailbox).
//   - A client that forges Host / X-Forwarded-Host (and an Origin to match, which Next's cross-site
//     check then accepts) cannot make the app email a link to another host: not a sign-in link (the
//     sign-in form's server action, replayed; Auth.js's own endpoint), not an invitation link.
//   - Accepting an invitation signed out under forged headers sets the cookie for the public URL only
//     and redirects nowhere else.
//   - `next start` refuses to start without a public URL, with APP_URL and AUTH_URL that differ, and
//     with the mailbox on a public URL that is not this machine.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { baseUrl, mailboxMessages, signIn, urlsIn, useBrowser, waitForEmail } from './support/browser';
import { actionIds, actionResult, rawRequest, setCookies, startExpectingRefusal } from './support/http';
import { gotoReady } from './support/ready';

function fresh(label: string) {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

function clientAddress() {
  return `198.51.100.${1 + (randomBytes(1)[0] % 250)}`;
}

/** The ways a client can name another host; each Origin matches, so Next lets the action run. */
const FORGERIES: Record<string, Record<string, string>> = {
  Host: { host: 'evil.example', origin: 'http://evil.example' },
  'X-Forwarded-Host': { 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' },
  'Host, X-Forwarded-Host and X-Forwarded-Proto': {
    host: 'evil.example',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
    origin: 'https://evil.example',
  },
};

/** Every link in the emails sent to `email`. */
async function linksTo(email: string): Promise<string[]> {
  return (await mailboxMessages())
    .filter((message) => message.to === email)
    .flatMap((message) => urlsIn(message.text));
}

/** Expects every link emailed to `email` to start with the public URL; returns how many emails there were. */
async function expectOnlyOwnLinks(email: string, label: string): Promise<number> {
  const links = await linksTo(email);
  // Soft: every way of forging is tried and reported, not only the first that gets through.
  for (const link of links) expect.soft(link.startsWith(`${baseUrl()}/`), `${label}: ${link}`).toBe(true);
  return (await mailboxMessages()).filter((message) => message.to === email).length;
}

async function organizationIdOf(page: Page): Promise<string> {
  const slug = new URL(page.url()).pathname.split('/')[2];
  const html = await (await page.context().request.get(`/admin/${slug}/settings`)).text();
  return /organizationId\\?":\\?"([0-9a-f-]{36})/.exec(html)![1];
}

describe('links and cookies use the public URL, whatever Host the request names', () => {
  const chromium = useBrowser();

  test('the sign-in form’s server action, replayed with a forged Host, X-Forwarded-Host and Origin, emails no link to that host', async () => {
    // The request the sign-in form really sends, captured in the browser (and not sent).
    const { page } = await chromium.open();
    await gotoReady(page, '/login');
    const captured = fresh('captured');
    await page.getByLabel('Email', { exact: true }).fill(captured);
    const request = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => {
      void page.route(
        (url) => url.pathname === '/login',
        async (route) => {
          if (route.request().method() !== 'POST') return route.continue();
          resolve({ headers: await route.request().allHeaders(), body: route.request().postDataBuffer()! });
          await route.abort();
        },
      );
    });
    await page.getByRole('button', { name: 'Sign in with email' }).click();
    const form = await request;
    expect(form.headers['next-action'], 'a server action call').toBeTruthy();
    const replay = (email: string, forged: Record<string, string>) =>
      rawRequest(baseUrl(), {
        method: 'POST',
        path: '/login',
        headers: {
          host: new URL(baseUrl()).host,
          origin: baseUrl(),
          'content-type': form.headers['content-type'],
          'next-action': form.headers['next-action'],
          'next-router-state-tree': form.headers['next-router-state-tree'] ?? '',
          accept: 'text/x-component',
          'x-forwarded-for': clientAddress(),
          ...forged,
        },
        body: Buffer.from(form.body.toString('latin1').replace(captured, email), 'latin1'),
      });

    // The replay itself works: unforged, it sends a sign-in email to the new address.
    const control = fresh('control');
    await replay(control, {});
    expect(await expectOnlyOwnLinks(control, 'unforged replay'), 'the unforged replay sent its email').toBe(
      1,
    );

    for (const [label, forged] of Object.entries(FORGERIES)) {
      const victim = fresh('victim');
      const response = await replay(victim, forged);
      expect(response.status, label).toBeLessThan(500);
      // The email is sent before the action answers: either none was sent, or it points home.
      await expectOnlyOwnLinks(victim, `forged ${label}`);
    }
  });

  test('Auth.js’s own sign-in endpoint with a forged Host and X-Forwarded-Host emails no link to that host', async () => {
    const forged = {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-for': clientAddress(),
    };
    const csrf = await rawRequest(baseUrl(), { path: '/api/auth/csrf', headers: forged });
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const cookie = setCookies(csrf.headers)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const victim = fresh('endpoint-victim');
    const response = await rawRequest(baseUrl(), {
      method: 'POST',
      path: '/api/auth/signin/email',
      headers: { ...forged, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: victim, csrfToken, callbackUrl: '/' }).toString(),
    });
    expect(response.status).toBeLessThan(500);
    expect(String(response.headers.location ?? '')).not.toContain('evil.example');
    await expectOnlyOwnLinks(victim, 'Auth.js endpoint');
  });

  test('an invitation sent with forged headers links to the public URL, and accepting it signed out sets the public URL’s cookie', async () => {
    const { context, page } = await chromium.open();
    await signIn(page, fresh('host-owner'));
    await page.getByLabel('Organization name').fill(`Host ${randomBytes(2).toString('hex')}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/[^/]+\/users/);
    const slug = new URL(page.url()).pathname.split('/')[2];
    const organizationId = await organizationIdOf(page);
    const ownerCookie = (await context.cookies(baseUrl())).map((c) => `${c.name}=${c.value}`).join('; ');
    const ids = actionIds();
    const call = (
      id: string,
      path: string,
      args: unknown[],
      forged: Record<string, string>,
      cookie?: string,
    ) =>
      rawRequest(baseUrl(), {
        method: 'POST',
        path,
        headers: {
          host: new URL(baseUrl()).host,
          origin: baseUrl(),
          'next-action': id,
          'content-type': 'text/plain;charset=UTF-8',
          accept: 'text/x-component',
          'x-forwarded-for': clientAddress(),
          ...(cookie ? { cookie } : {}),
          ...forged,
        },
        body: JSON.stringify(args),
      });

    for (const [label, forged] of Object.entries(FORGERIES)) {
      const invitee = fresh('host-invitee');
      const seen = new Set((await mailboxMessages()).map((m) => m.id));
      const invited = await call(
        ids.inviteMembersAction,
        `/admin/${slug}/users`,
        [{ organizationId, emails: [invitee], role: 'member' }],
        forged,
        ownerCookie,
      );
      expect(
        actionResult(invited.body),
        `invite with forged ${label} (HTTP ${invited.status})`,
      ).toMatchObject({ ok: true, data: { counts: { invited: 1 } } });
      const email = await waitForEmail(invitee, { seenIds: seen });
      expect(email.text).toContain('Accept Invitation');
      const link = urlsIn(email.text).find((url) => url.includes('/invite/'))!;
      expect(link.startsWith(`${baseUrl()}/invite/`), `forged ${label}: ${link}`).toBe(true);

      // Accepting signed out, under the same forged headers: the session cookie is the public URL's
      // (http here: no Secure, no __Secure- prefix, no Domain), nothing redirects to the forged host,
      // and the cookie signs the person in on the public URL.
      const token = new URL(link).pathname.split('/')[2];
      const accepted = await call(
        ids.acceptInvitationAsNewUserAction,
        `/invite/${token}`,
        [{ token }],
        forged,
      );
      expect(actionResult(accepted.body), `accept with forged ${label}`).toMatchObject({ ok: true });
      for (const header of ['location', 'x-action-redirect']) {
        const target = String(accepted.headers[header] ?? '');
        expect(
          target === '' || target.startsWith('/') || target.startsWith(`${baseUrl()}/`),
          `${header}: ${target}`,
        ).toBe(true);
      }
      const cookies = setCookies(accepted.headers).filter((c) => c.name.endsWith('authjs.session-token'));
      expect(cookies.map((c) => c.name)).toEqual(['authjs.session-token']);
      expect(cookies[0].attributes.some((a) => a === 'secure' || a.startsWith('domain='))).toBe(false);
      const session = await fetch(`${baseUrl()}/api/auth/session`, {
        headers: { cookie: `authjs.session-token=${cookies[0].value}` },
      });
      expect(((await session.json()) as { user?: { email?: string } } | null)?.user?.email).toBe(invitee);
    }
  });
});

describe('next start refuses to start without a safe public URL, and says why', () => {
  // Its own database folder, in case a server does start and opens one.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-refusal-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const base = { AUTH_SECRET: randomBytes(32).toString('base64'), PGLITE_DIR: path.join(dataDir, 'pglite') };

  test.each([
    ['no APP_URL', { RESEND_API_KEY: 're_not_used' }, /APP_URL is not set/],
    [
      'APP_URL and AUTH_URL that differ',
      {
        RESEND_API_KEY: 're_not_used',
        APP_URL: 'https://console.example.com',
        AUTH_URL: 'https://evil.example',
      },
      /differ/,
    ],
    [
      'the mailbox on a public URL that is not this machine',
      { EMAIL_TRANSPORT: 'mailbox', APP_URL: 'https://console.example.com' },
      /EMAIL_TRANSPORT=mailbox.*loopback/s,
    ],
  ])('%s', async (_label, env, reason) => {
    const result = await startExpectingRefusal({ ...base, ...env });
    expect(result.started, `it started:\n${result.output}`).toBe(false);
    expect(result.code).toBe(1);
    expect(result.output).toContain('AI Hub cannot start');
    expect(result.output).toMatch(reason);
  });
});
