// The foundation journeys: sign-in through the development mailbox, creating an organization, the
// console's sign-in redirect and its 403 for people who may not enter it, and the mailbox page itself.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  checkAccessibility,
  expectNoBrowserErrors,
  failedToLoad,
  screenshot,
  signIn,
  useBrowser,
  waitForEmail,
  mailboxMessages,
  SIGN_IN_SUBJECT,
} from './support/browser';
import { fixtures } from './support/fixtures';
import { gotoReady } from './support/ready';

const FORBIDDEN_TITLE = "You don't have access to this admin console";

function freshEmail(label: string) {
  return `${label}-${randomBytes(4).toString('hex')}@example.test`;
}

async function expectConsoleOf(page: Page, organizationName: string) {
  await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe(organizationName);
}

describe('foundation', () => {
  const chromium = useBrowser();

  test('a newcomer signs in through the mailbox, creates an organization and reaches its console', async () => {
    const { page } = await chromium.open();
    const email = freshEmail('newcomer');

    await gotoReady(page, '/login');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to AI Hub' }).isVisible()).toBe(true);
    await screenshot(page, 'login');
    await checkAccessibility(page, 'login');

    await signIn(page, email, {
      async onCheckEmail(checkEmail) {
        await screenshot(checkEmail, 'check-email');
        await checkAccessibility(checkEmail, 'check-email');
      },
    });
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { name: 'Your organizations' }).waitFor();
    await expect.poll(() => page.getByText('You are not in any organization yet').isVisible()).toBe(true);
    await screenshot(page, 'home');
    await checkAccessibility(page, 'home');

    await page.getByLabel('Organization name').fill('Globex');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/globex(-\d+)?\/users$/);
    await expectConsoleOf(page, 'Globex');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'console-users');
    await checkAccessibility(page, 'console-users');

    expectNoBrowserErrors(page);
  });

  test('signed out, the console sends you to sign in and back again', async () => {
    const { acme } = fixtures().organizations;
    const { owner } = fixtures().users;
    const { page } = await chromium.open();

    await gotoReady(page, `/admin/${acme.slug}/users`);
    const login = new URL(page.url());
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('callbackUrl')).toBe(`/admin/${acme.slug}/users`);

    const landed = await signIn(page, owner.email);
    expect(landed.pathname).toBe(`/admin/${acme.slug}/users`);
    await expectConsoleOf(page, acme.name);

    expectNoBrowserErrors(page);
  });

  describe('people who may not enter the console get a 403', () => {
    for (const who of ['member', 'outsider'] as const) {
      test(`${who === 'member' ? 'a Member of Acme' : 'an outsider'}`, async () => {
        const { acme } = fixtures().organizations;
        const email = who === 'member' ? fixtures().users.member.email : freshEmail('outsider');
        const { page } = await chromium.open();

        await signIn(page, email);
        const response = await gotoReady(page, `/admin/${acme.slug}/users`);
        await page.getByRole('heading', { name: FORBIDDEN_TITLE }).waitFor();
        expect(response?.status()).toBe(403);
        expect(new URL(page.url()).pathname).toBe(`/admin/${acme.slug}/users`);
        await expect.poll(() => page.getByTestId('organization-name').count()).toBe(0);
        await screenshot(page, `forbidden-${who}`);
        await checkAccessibility(page, `forbidden-${who}`);

        // Chromium reports the document's own 403 as a console error; nothing else is allowed.
        expectNoBrowserErrors(page, { allow: [failedToLoad(403)] });
      });
    }
  });

  test('an Admin reaches the console', async () => {
    const { acme } = fixtures().organizations;
    const { page } = await chromium.open();

    await signIn(page, fixtures().users.admin.email);
    const response = await gotoReady(page, `/admin/${acme.slug}/users`);
    expect(response?.status()).toBe(200);
    await expectConsoleOf(page, acme.name);

    expectNoBrowserErrors(page);
  });

  test('the development mailbox lists the messages sent', async () => {
    const { page } = await chromium.open();
    const email = freshEmail('mailbox');

    // Ask for a sign-in link, so there is a message of this test's own to find.
    const seenIds = new Set((await mailboxMessages()).map((message) => message.id));
    await gotoReady(page, '/login');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Sign in with email' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const message = await waitForEmail(email, { subjectIncludes: SIGN_IN_SUBJECT, seenIds });

    await page.getByRole('link', { name: 'Open the development mailbox' }).click();
    await page.waitForURL((url) => url.pathname === '/dev/mailbox');
    await page.getByRole('heading', { name: /^Inbox \(\d+\)$/ }).waitFor();
    const count = Number(
      (await page.getByRole('heading', { name: /^Inbox/ }).textContent())!.match(/\d+/)![0],
    );
    expect(count).toBeGreaterThanOrEqual(1);

    const list = page.getByRole('navigation', { name: 'Messages' });
    const newest = list.getByRole('link').first();
    await expect.poll(() => newest.textContent()).toContain(`To ${email}`);
    await expect.poll(() => newest.getAttribute('aria-current')).toBe('true');
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'Message' }).getByRole('heading', { level: 2 }).textContent(),
      )
      .toBe(message.subject);
    await screenshot(page, 'dev-mailbox');
    await checkAccessibility(page, 'dev-mailbox');

    expectNoBrowserErrors(page);
  });
});
