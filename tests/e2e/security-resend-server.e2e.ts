// Security on a second `next start`: a build made with canary secrets (AUTH_SECRET, RESEND_API_KEY), the
// Resend transport pointed at a fake API, SERVER_ACTIONS_ALLOWED_ORIGINS set:
//   - no secret reaches the browser (the whole build, and every page and script it serves);
//   - the development mailbox does not exist;
//   - allowed origins come from the environment;
//   - the sign-in email API failing gives a clear message;
//   - after a run (sign in, invite, accept), no raw token or invitation link is in the database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '@/db/client';
import { startFakeResend, type FakeResend } from '../support/fake-resend-server';
import { buildApp, distDir, root, startNextServer, type NextServer } from '../support/next-server';
import { launchBrowser } from './support/browser';
import { actionIds } from './support/http';
import { gotoReady, waitForReady } from './support/ready';
import { callAction, clientAddress, cookieHeader, fresh, securityFigures } from './support/security';
import { rawRows } from '../support/raw-rows';

const figures = securityFigures('resend-server');

describe('a second server: Resend transport, canary secrets', () => {
  const distName = '.next-security';
  const dist = distDir(distName);
  const canaryFile = path.join(dist, 'canary.json');
  let canary: { AUTH_SECRET: string; RESEND_API_KEY: string };
  let fake: FakeResend;
  let server: NextServer | undefined;
  let base = '';
  let dataDir = '';
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-security-'));
  const logDir = path.join(root, '.artifacts', 'e2e');

  beforeAll(async () => {
    // 1. The build, with canary values in the environment (reused with E2E_SKIP_BUILD=1 if present).
    if (
      process.env.E2E_SKIP_BUILD === '1' &&
      fs.existsSync(path.join(dist, 'BUILD_ID')) &&
      fs.existsSync(canaryFile)
    ) {
      canary = JSON.parse(fs.readFileSync(canaryFile, 'utf8'));
    } else {
      canary = {
        AUTH_SECRET: `canary-auth-${randomBytes(16).toString('hex')}`,
        RESEND_API_KEY: `re_canary_${randomBytes(16).toString('hex')}`,
      };
      buildApp({ dist: distName, env: canary, logFile: path.join(logDir, 'security-build.log') });
      fs.writeFileSync(canaryFile, JSON.stringify(canary));
    }

    // 2. The fake Resend API and the server, on its own embedded database.
    fake = await startFakeResend();
    dataDir = path.join(tempDir, 'pglite');
    server = await startNextServer({
      dist: distName,
      logFile: path.join(logDir, 'security-server.log'),
      env: (url) => ({
        ...canary,
        PGLITE_DIR: dataDir,
        RESEND_BASE_URL: fake.baseUrl,
        EMAIL_TIMEOUT_MS: '2000',
        AUTH_URL: url,
        SERVER_ACTIONS_ALLOWED_ORIGINS: 'console.example.com, https://admin.example.org/',
        SIGN_IN_EMAILS_PER_ADDRESS_PER_HOUR: '3',
      }),
    });
    base = server.url;
    // A second `next build` runs in this hook: 1–2 minutes on a quiet machine, over 5 on one whose two cores
    // run the benchmark beside the suite (a run failed at 300 s that way). The tests themselves wait no longer.
  }, 900_000);

  async function stopServer() {
    await server?.stop();
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
          for (const secret of secrets)
            if (content.includes(secret))
              found.push(`${path.relative(root, full)} holds ${secret.slice(0, 10)}…`);
        }
      }
    };
    walk(dist);
    expect(found).toEqual([]);
    expect(files).toBeGreaterThan(50);

    // What the running server sends: pages, every script they load, the Auth.js endpoints.
    const served = new Set<string>();
    const bodies: string[] = [];
    for (const pathname of [
      '/login',
      '/',
      `/invite/${'A'.repeat(43)}`,
      '/no-such-page',
      '/api/auth/session',
      '/api/auth/providers',
      '/api/auth/csrf',
      '/login/check-email',
    ]) {
      const response = await fetch(`${base}${pathname}`, { redirect: 'manual' });
      const body = await response.text();
      bodies.push(body, JSON.stringify([...response.headers]));
      for (const match of body.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)) served.add(match[1]);
    }
    for (const asset of served) bodies.push(await (await fetch(`${base}${asset}`)).text(), '');
    for (const body of bodies) for (const secret of secrets) expect(body.includes(secret)).toBe(false);
    figures.push(['build files scanned for AUTH_SECRET / RESEND_API_KEY', files]);
    figures.push(['served pages / scripts scanned', `${bodies.length / 2 - served.size} / ${served.size}`]);
  });

  test('allowed origins come from SERVER_ACTIONS_ALLOWED_ORIGINS: listed origins may call actions, others may not', async () => {
    const ids = actionIds(dist);
    const call = (origin: string | null) =>
      callAction(base, {
        id: ids.declineInvitationAction,
        path: `/invite/${'B'.repeat(43)}`,
        args: [{ token: 'C'.repeat(43) }],
        origin,
      });
    for (const origin of ['https://console.example.com', 'https://admin.example.org', base]) {
      const result = await call(origin);
      expect(result.result, `${origin} is allowed`).toMatchObject({
        ok: false,
        error: { code: 'INVITATION_INVALID' },
      });
    }
    for (const origin of [
      'https://evil.example',
      'https://console.example.com.evil.example',
      'http://example.com',
    ]) {
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
      const slug = new URL(page.url()).pathname.split('/')[2];
      const settings = await (await context.request.get(`/admin/${slug}/settings`)).text();
      const organizationId = /organizationId\\?":\\?"([0-9a-f-]{36})/.exec(settings)![1];
      const invited = await callAction(base, {
        id: actionIds(dist).inviteMembersAction,
        path: `/admin/${slug}/users`,
        args: [{ organizationId, emails: ['first@example.test', 'second@example.test'], role: 'member' }],
        cookie: await cookieHeader(context, base),
      });
      expect(invited.result).toMatchObject({ ok: true, data: { counts: { invited: 2 } } });
      const invitation = fake.emails().find((m) => m.to === 'first@example.test')!;
      const token = /\/invite\/([A-Za-z0-9_-]{43})/.exec(invitation.text!)![1];
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
      const cookie = csrf.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const response = await fetch(`${base}/api/auth/signin/email`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie,
          'X-Forwarded-For': clientAddress(),
        },
        body: new URLSearchParams({ email: victim, csrfToken, callbackUrl: '/' }),
      });
      outcomes.push(new URL(response.headers.get('location') ?? '/', base).pathname);
    }
    const delivered = fake.emails().filter((m) => m.to === victim).length;
    expect(delivered).toBe(3);
    expect(outcomes, 'where each request was sent next').toEqual([
      ...Array(3).fill('/api/auth/verify-request'),
      ...Array(3).fill('/login'),
    ]);
    figures.push(['sign-in emails to one address, asked 6 times (cap 3/h)', `${delivered} sent`]);
  });

  test('after that run the database holds no raw token, no sign-in link and no invitation link (scanned with the server stopped)', async () => {
    const posted = fake.emails();
    expect(posted.length).toBeGreaterThanOrEqual(3);
    const secrets = new Set<string>();
    for (const message of posted) {
      for (const match of message.text!.matchAll(/\/invite\/([A-Za-z0-9_-]{43})/g)) secrets.add(match[1]);
      for (const match of message.text!.matchAll(/[?&]token=([A-Za-z0-9_-]+)/g)) secrets.add(match[1]);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(3);
    await stopServer();
    const handle = await openPglite(dataDir);
    try {
      const tables = await rawRows<{ table_name: string }>(
        handle.db,
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      let scanned = 0;
      for (const { table_name: table } of tables) {
        for (const row of await rawRows<{ text: string }>(
          handle.db,
          sql`SELECT t::text AS text FROM ${sql.identifier(table)} t`,
        )) {
          scanned += 1;
          for (const secret of secrets)
            expect(row.text.includes(secret), `a raw token in ${table}`).toBe(false);
          expect(row.text, `an invitation link in ${table}`).not.toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
          expect(row.text, `a sign-in link in ${table}`).not.toContain('/api/auth/callback/');
        }
      }
      const [mail] = await rawRows<{ n: number }>(
        handle.db,
        sql`SELECT count(*)::int AS n FROM mailbox_messages`,
      );
      expect(mail.n).toBe(0);
      figures.push([
        'rows scanned after the Resend run (raw tokens and links looked for)',
        `${scanned} (${secrets.size})`,
      ]);
    } finally {
      await handle.close();
    }
  });
});
