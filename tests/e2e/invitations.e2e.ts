// Inviting users, as the product document tells it: `Invite New User`, addresses entered with Enter, a
// role, `Send Invitation`, the email confirmation modal, `Pending` rows; then the invited person's side:
// the email's `Accept Invitation` link, the acceptance page and its `Accept` button; resending by adding
// the same address again; and every other state of the acceptance page (signed in as someone else, an
// existing account that must sign in first, expired, not valid, already accepted).
//
// Initech (tests/e2e/fixtures/seed.ts) is this file's organization; its Owner is Ian Initech. Every
// browser context here sends its own client address (X-Forwarded-For), so the per-client limit on
// invitation links is this file's alone, whatever other suites do to theirs.
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  expectNoBrowserErrors,
  mailboxMessages,
  signIn,
  useBrowser,
  type ContextOptions,
} from './support/browser';
import {
  expectRow,
  expectToast,
  invitationSubject,
  inviteThroughModal,
  openUsers,
  recordPage,
  userRow,
  waitForInvitation,
} from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady, reloadReady } from './support/ready';

/** A client address of its own for each context of this file (TEST-NET-2, never routed). */
function client(): ContextOptions {
  return { clientAddress: `198.51.100.${1 + (randomBytes(1)[0] % 250)}` };
}

const INVITER = 'Ian Initech';

async function mailboxIds() {
  return new Set((await mailboxMessages()).map((message) => message.id));
}

/** The acceptance page's card heading: "<inviter> invited you to join <organization> on AI Hub as <role>". */
function invitedHeading(page: Page, role: 'Admin' | 'Member') {
  return page.getByRole('heading', { name: `${INVITER} invited you to join Initech on AI Hub as ${role}` });
}

describe('invitations', () => {
  const chromium = useBrowser();

  test('an Owner invites several addresses as Admin with Enter; the confirmation modal lists each outcome and the new rows show Pending', async () => {
    const { initech } = fixtures().organizations;
    const owner = fixtures().users.initechOwner;
    const invitees = ['ada@newhire.test', 'ben@newhire.test', 'cy@newhire.test'];
    const { page } = await chromium.open(client());
    await signIn(page, owner.email);
    await openUsers(page, initech.slug);
    await recordPage(page, 'invitations-users-before');
    const seen = await mailboxIds();

    const { results, outcomes } = await inviteThroughModal(page, [...invitees, owner.email], 'Admin', {
      async beforeSend() {
        await recordPage(page, 'invitations-invite-modal');
      },
    });
    expect(outcomes).toEqual({
      'ada@newhire.test': 'Invited',
      'ben@newhire.test': 'Invited',
      'cy@newhire.test': 'Invited',
      [owner.email]: 'Already a member',
    });
    await expect
      .poll(() => results.getByRole('heading').first().textContent())
      .toBe('3 of 4 invitations sent');
    await recordPage(page, 'invitations-results-modal');
    await results.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => results.count()).toBe(0);

    for (const email of invitees) await expectRow(page, email, { role: 'Admin', status: 'Pending' });
    await recordPage(page, 'invitations-pending-rows');

    // Each of them got the email, from Ian, about Initech, as Admin.
    for (const email of invitees) {
      const { message } = await waitForInvitation(email, seen);
      expect(message.subject).toBe(invitationSubject(INVITER, 'Initech'));
      expect(message.text).toContain('invited you to join Initech on AI Hub as Admin');
      expect(message.text).toContain("If you weren't expecting this invitation, you can ignore this email.");
    }
    expectNoBrowserErrors(page);
  });

  test('an invited Admin opens Accept Invitation from the email, accepts signed out with one click, lands in the console with a toast, and the row becomes Active', async () => {
    const { initech } = fixtures().organizations;
    const owner = fixtures().users.initechOwner;
    const email = 'dora@newhire.test';
    const admin = await chromium.open(client());
    await signIn(admin.page, owner.email);
    await openUsers(admin.page, initech.slug);
    const seen = await mailboxIds();
    const { results, outcomes } = await inviteThroughModal(admin.page, [email], 'Admin');
    expect(outcomes).toEqual({ [email]: 'Invited' });
    await results.getByRole('button', { name: 'Done' }).click();
    await expectRow(admin.page, email, { role: 'Admin', status: 'Pending' });

    // The invitee, in a browser of their own, signed out: the email in the development mailbox.
    const { message, link } = await waitForInvitation(email, seen);
    const invitee = await chromium.open(client());
    const { page } = invitee;
    await gotoReady(page, `/dev/mailbox?id=${message.id}`);
    const mail = page.frameLocator('iframe[title^="Email:"]');
    const button = mail.getByRole('link', { name: 'Accept Invitation' });
    await button.waitFor();
    expect(await button.getAttribute('href'), 'the button and the plain-text link are the same').toBe(link);
    await recordPage(page, 'invitations-email-in-mailbox');

    await gotoReady(page, link);
    await invitedHeading(page, 'Admin').waitFor();
    await expect.poll(() => page.getByText(`The invitation was sent to ${email}`).isVisible()).toBe(true);
    await recordPage(page, 'invitations-accept-page-new-account');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();

    await page.waitForURL((url) => url.pathname === `/admin/${initech.slug}/users`);
    await expectToast(page, 'Welcome to Initech!');
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toBe('Initech');
    await expectRow(page, email, { role: 'Admin', status: 'Active' });
    await expect.poll(() => userRow(page, email).textContent()).toContain('(you)');
    await recordPage(page, 'invitations-accepted-admin-console');
    const session = (await (await page.context().request.get('/api/auth/session')).json()) as {
      user?: { email?: string };
    };
    expect(session.user?.email).toBe(email);

    // The Owner sees the row turn Active.
    await reloadReady(admin.page);
    await expectRow(admin.page, email, { role: 'Admin', status: 'Active' });

    // The link has done its work: opening it again says so.
    await gotoReady(page, link);
    await page.getByRole('heading', { name: 'This invitation has already been accepted' }).waitFor();
    await recordPage(page, 'invitations-already-accepted');
    expectNoBrowserErrors(page);
    expectNoBrowserErrors(admin.page);
  });

  test('adding the same address again resends it (outcome Invited again): the old link then shows the invalid-link page and the new one lets a Member join, landing on the home page', async () => {
    const { initech } = fixtures().organizations;
    const owner = fixtures().users.initechOwner;
    const email = 'rene@newhire.test';
    const admin = await chromium.open(client());
    await signIn(admin.page, owner.email);
    await openUsers(admin.page, initech.slug);

    let seen = await mailboxIds();
    const first = await inviteThroughModal(admin.page, [email], 'Member');
    expect(first.outcomes).toEqual({ [email]: 'Invited' });
    await first.results.getByRole('button', { name: 'Done' }).click();
    const oldLink = (await waitForInvitation(email, seen)).link;

    seen = await mailboxIds();
    const again = await inviteThroughModal(admin.page, [email], 'Member');
    expect(again.outcomes).toEqual({ [email]: 'Invited again' });
    await expect.poll(() => again.results.getByRole('heading').first().textContent()).toBe('Invitation sent');
    await recordPage(admin.page, 'invitations-resent-modal');
    await again.results.getByRole('button', { name: 'Done' }).click();
    const newLink = (await waitForInvitation(email, seen)).link;
    expect(newLink).not.toBe(oldLink);
    // Still one row for the address.
    await expect.poll(() => userRow(admin.page, email).count()).toBe(1);
    await expectRow(admin.page, email, { role: 'Member', status: 'Pending' });

    const { page } = await chromium.open(client());
    await gotoReady(page, oldLink);
    await page.getByRole('heading', { name: 'This invitation link is not valid' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await recordPage(page, 'invitations-old-link-invalid');

    await gotoReady(page, newLink);
    await invitedHeading(page, 'Member').waitFor();
    await page.getByLabel('Your name (optional)').fill('René Newhire');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectToast(page, 'Welcome to Initech!');
    const organizations = page.getByRole('list', { name: 'Your organizations' });
    await expect.poll(() => organizations.textContent()).toContain('Initech');
    await expect
      .poll(() => organizations.getByRole('listitem').filter({ hasText: 'Initech' }).textContent())
      .toContain('Member');
    // A Member gets no way into the console.
    await expect
      .poll(() => page.getByRole('link', { name: 'Open the admin console of Initech' }).count())
      .toBe(0);
    await recordPage(page, 'invitations-accepted-member-home');

    await reloadReady(admin.page);
    await expectRow(admin.page, email, { role: 'Member', status: 'Active' });
    await expect.poll(() => userRow(admin.page, email).textContent()).toContain('René Newhire');
    expectNoBrowserErrors(page);
    expectNoBrowserErrors(admin.page);
  });

  test('someone with an account opens the link signed out, is asked to sign in, comes back and accepts', async () => {
    const invitation = fixtures().invitations.forExistingAccount;
    const { page } = await chromium.open(client());
    await gotoReady(page, `/invite/${invitation.token}`);
    await invitedHeading(page, 'Member').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await recordPage(page, 'invitations-sign-in-to-accept');

    await page.getByRole('link', { name: 'Sign in to accept' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(invitation.email);
    await recordPage(page, 'invitations-login-to-accept');
    const landed = await signIn(page, invitation.email);
    expect(landed.pathname).toBe(`/invite/${invitation.token}`);

    await invitedHeading(page, 'Member').waitFor();
    await recordPage(page, 'invitations-accept-signed-in');
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectToast(page, 'Welcome to Initech!');
    await expect
      .poll(() => page.getByRole('list', { name: 'Your organizations' }).textContent())
      .toContain('Initech');
    expectNoBrowserErrors(page);
  });

  test('signed in as someone else, the acceptance page says so and offers Sign out, not Accept', async () => {
    const invitation = fixtures().invitations.forSomeoneElse;
    const other = fixtures().users.member;
    const { page } = await chromium.open(client());
    await signIn(page, other.email);
    await gotoReady(page, `/invite/${invitation.token}`);

    await invitedHeading(page, 'Member').waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'This invitation is for' });
    await expect
      .poll(() => alert.textContent())
      .toContain(`This invitation is for ${invitation.email}, but you are signed in as ${other.email}.`);
    await expect.poll(() => page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: 'Decline' }).count()).toBe(0);
    await recordPage(page, 'invitations-wrong-account');

    // Sign out comes back to the same link, signed out: now it can be accepted (by its owner).
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Accept', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/invite/${invitation.token}`);
    const session = await (await page.context().request.get('/api/auth/session')).json();
    expect(session).toBeNull();
    expectNoBrowserErrors(page);
  });

  test('an expired link shows the expired page, naming the organization and who to ask', async () => {
    const { token } = fixtures().invitations.expired;
    const { page } = await chromium.open(client());
    await gotoReady(page, `/invite/${token}`);
    await page.getByRole('heading', { name: 'This invitation has expired' }).waitFor();
    await expect.poll(() => page.getByText(/Your invitation to join Acme expired on/).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByText(/Ask Olivia Owner or another admin of Acme/).isVisible())
      .toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await recordPage(page, 'invitations-expired');
    expectNoBrowserErrors(page);
  });

  test('a link that was never issued shows the invalid-link page', async () => {
    const { page } = await chromium.open(client());
    await gotoReady(page, `/invite/${randomBytes(32).toString('base64url')}`);
    await page.getByRole('heading', { name: 'This invitation link is not valid' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Go to AI Hub' }).waitFor();
    await recordPage(page, 'invitations-invalid');
    expectNoBrowserErrors(page);
  });
});
