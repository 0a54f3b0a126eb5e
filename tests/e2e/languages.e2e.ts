// The product in Korean and in Japanese, driven as an admin who reads only that language does it: every
// label the test looks for is read from the catalog of the page's language (messages/<locale>.json), so
// an English word where a Korean or Japanese one belongs fails the test. The Owner of each organization
// (tests/e2e/fixtures/languages.ts) chose its language on the account; the browser asks for it too.
// Each page is recorded at 1280 and 390 px with its long organization name.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { catalogTranslator } from '@/lib/i18n/translator';
import type { Locale } from '@/lib/shared/locales';
import {
  expectNoBrowserErrors,
  mailboxMessages,
  signInLinkFrom,
  useBrowser,
  waitForEmail,
} from './support/browser';
import { recordBothWidths } from './support/asks-first';
import { expectNoRow, expectRow, expectToast, invitationLinkFrom, userRow } from './support/console';
import { fixtures } from './support/fixtures';
import { gotoReady, waitForReady } from './support/ready';

const BROWSER_LOCALE = { ko: 'ko-KR', ja: 'ja-JP' } as const;

const words = catalogTranslator;
type Words = ReturnType<typeof words>;

/** Signs `email` in through the sign-in page and the emailed link, reading the page's and the email's words in `t`. */
async function signInIn(page: Page, t: Words, email: string, emailWords: Words = t) {
  await gotoReady(page, '/login');
  const seenIds = new Set((await mailboxMessages()).map((message) => message.id));
  await page.getByLabel(t('auth.form.email'), { exact: true }).fill(email);
  await page.getByRole('button', { name: t('auth.form.submit') }).click();
  await page.getByRole('heading', { name: t('auth.checkEmail.title') }).waitFor();
  const message = await waitForEmail(email, {
    subjectIncludes: emailWords('emails.signIn.subject'),
    seenIds,
  });
  await page.goto(signInLinkFrom(message));
  await page.waitForURL(
    (url) => !url.pathname.startsWith('/api/auth/') && !url.pathname.startsWith('/login'),
  );
  await waitForReady(page);
}

/** The users page of `slug`, its heading in `t`'s language. */
async function openUsersIn(page: Page, t: Words, slug: string) {
  const response = await gotoReady(page, `/admin/${slug}/users`);
  expect(response?.status(), `GET /admin/${slug}/users`).toBe(200);
  await page.getByRole('heading', { name: t('users.header.title'), level: 1 }).waitFor();
}

async function htmlLang(page: Page) {
  return page.evaluate(() => document.documentElement.lang);
}

/** `More options` → an item of the row of `email`. */
async function rowMenuItem(page: Page, t: Words, email: string, item: string) {
  await userRow(page, email, t('users.row.select', { email }))
    .getByRole('button', { name: t('users.row.moreOptions') })
    .click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

describe.each(['ko', 'ja'] as const)('the console in %s', (locale) => {
  const chromium = useBrowser();
  const t = words(locale);
  const role = (name: 'owner' | 'admin' | 'member') => t(`common.roles.${name}`);
  const select = (email: string) => t('users.row.select', { email });

  test('an Owner who reads only this language signs in, invites, accepts, changes a role, suspends, deletes and opens Provisioning and Activity', async () => {
    const { organization, owner, promoted, leaving } = fixtures().languages[locale];
    const { page } = await chromium.open({ locale: BROWSER_LOCALE[locale] });

    await gotoReady(page, '/login');
    expect(await htmlLang(page)).toBe(locale);
    await page.getByRole('heading', { name: t('auth.login.title') }).waitFor();
    await recordBothWidths(page, `languages-${locale}-login`);
    await signInIn(page, t, owner.email);

    await openUsersIn(page, t, organization.slug);
    await expectRow(
      page,
      promoted.email,
      { role: role('member'), status: t('common.statuses.active') },
      select(promoted.email),
    );
    await recordBothWidths(page, `languages-${locale}-users`);

    // Invite: a new address (the invitation in the inviter's language) and, from the Korean console, an
    // account that chose Japanese (the invitation in hers).
    const newcomer = `newcomer@${locale}-lang.test`;
    const reader = fixtures().languages.japaneseReader;
    const addresses = locale === 'ko' ? [newcomer, reader.email] : [newcomer];
    await page.getByRole('button', { name: t('invite.trigger') }).click();
    const dialog = page.getByRole('dialog', { name: t('invite.title') });
    await dialog.waitFor();
    for (const address of addresses) {
      await dialog.getByRole('textbox', { name: t('invite.emailsLabel') }).fill(address);
      await page.keyboard.press('Enter');
    }
    await recordBothWidths(page, `languages-${locale}-invite`);
    await dialog.getByRole('button', { name: t('invite.send') }).click();
    const sent =
      addresses.length === 1 ? t('invite.results.sentOne') : t('invite.results.sentAll', { count: 2 });
    await page.getByRole('heading', { name: sent }).waitFor();
    await recordBothWidths(page, `languages-${locale}-invite-results`);
    await page.getByRole('button', { name: t('invite.results.done') }).click();

    const subjectIn = (reading: Locale) =>
      words(reading)('emails.invitation.subject', {
        inviter: words(reading)('emails.person.name', { name: owner.name ?? owner.email }),
        organization: organization.name,
      });
    const invitation = await waitForEmail(newcomer, { subjectIncludes: subjectIn(locale) });
    if (locale === 'ko') {
      const toReader = await waitForEmail(reader.email, { subjectIncludes: subjectIn('ja') });
      expect(toReader.text).toContain(words('ja')('emails.invitation.accept'));
    }

    // The newcomer accepts, in a browser that asks for this language.
    const invitee = await chromium.open({ locale: BROWSER_LOCALE[locale] });
    await gotoReady(invitee.page, invitationLinkFrom(invitation, words(locale)('emails.invitation.accept')));
    expect(await htmlLang(invitee.page)).toBe(locale);
    await recordBothWidths(invitee.page, `languages-${locale}-acceptance`);
    await invitee.page.getByRole('button', { name: t('acceptance.response.accept'), exact: true }).click();
    await invitee.page.waitForURL((url) => !url.pathname.startsWith('/invite/'));
    await waitForReady(invitee.page);
    expect(await htmlLang(invitee.page)).toBe(locale);
    await recordBothWidths(invitee.page, `languages-${locale}-joined`);
    expectNoBrowserErrors(invitee.page);

    // Change a role: it asks first, in this language.
    await openUsersIn(page, t, organization.slug);
    await expectRow(
      page,
      newcomer,
      { role: role('member'), status: t('common.statuses.active') },
      select(newcomer),
    );
    await rowMenuItem(page, t, promoted.email, t('users.rowActions.changeRole'));
    await page.getByRole('menuitemradio', { name: role('admin'), exact: true }).click();
    const asks = page.getByRole('alertdialog');
    await asks.waitFor();
    await recordBothWidths(page, `languages-${locale}-change-role`);
    await asks.getByRole('button', { name: t('users.confirm.role.make', { role: role('admin') }) }).click();
    await expectRow(page, promoted.email, { role: role('admin') }, select(promoted.email));

    // Suspend, then delete.
    await rowMenuItem(page, t, promoted.email, t('users.rowActions.suspend'));
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: t('users.confirm.suspend') })
      .click();
    await expectRow(page, promoted.email, { status: t('common.statuses.suspended') }, select(promoted.email));
    await rowMenuItem(page, t, leaving.email, t('common.actions.delete'));
    const deleting = page.getByRole('alertdialog');
    await deleting.waitFor();
    await recordBothWidths(page, `languages-${locale}-delete`);
    await deleting.getByRole('button', { name: t('common.actions.delete'), exact: true }).click();
    await expectNoRow(page, leaving.email, select(leaving.email));
    await expectToast(page, t('users.changes.removed', { members: leaving.email }));

    await gotoReady(page, `/admin/${organization.slug}/provisioning`);
    await page.getByRole('heading', { name: t('provisioning.page.title'), level: 1 }).waitFor();
    await recordBothWidths(page, `languages-${locale}-provisioning`);

    await gotoReady(page, `/admin/${organization.slug}/activity`);
    expect(await htmlLang(page)).toBe(locale);
    await recordBothWidths(page, `languages-${locale}-activity`);
    expectNoBrowserErrors(page);
  });
});

describe('the language menu', () => {
  const chromium = useBrowser();

  test('a choice made in the menu is kept on the account and outlives sign-out, whatever the browser asks for', async () => {
    const { organization, owner } = fixtures().languages.ja;
    const en = words('en');
    // An English browser: the account's Japanese wins (the sign-in email is already in it).
    const { page } = await chromium.open({ locale: 'en-US' });
    await gotoReady(page, '/login');
    expect(await htmlLang(page), 'signed out, the browser asks for English').toBe('en');
    await signInIn(page, en, owner.email, words('ja'));
    await openUsersIn(page, words('ja'), organization.slug);

    // By keyboard: the menu, then English.
    const menu = page.locator('[data-testid=language-menu]:visible');
    await menu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitemradio', { name: 'English' }).waitFor();
    await recordBothWidths(page, 'languages-menu-open');
    await page.getByRole('menuitemradio', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => htmlLang(page)).toBe('en');
    await page.getByRole('heading', { name: en('users.header.title'), level: 1 }).waitFor();
    await recordBothWidths(page, 'languages-menu-english');

    // Then Korean, and sign out: the sign-in page stays Korean.
    await page.locator('[data-testid=language-menu]:visible').click();
    await page.getByRole('menuitemradio', { name: '한국어' }).click();
    await expect.poll(() => htmlLang(page)).toBe('ko');
    await page
      .getByRole('button', { name: words('ko')('common.actions.signOut') })
      .first()
      .click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await htmlLang(page)).toBe('ko');
    await page.getByRole('heading', { name: words('ko')('auth.login.title') }).waitFor();

    // Another English browser, never told: once signed in, the account's Korean.
    const other = await chromium.open({ locale: 'en-US' });
    await signInIn(other.page, en, owner.email, words('ko'));
    await openUsersIn(other.page, words('ko'), organization.slug);
    // Back to Japanese for whoever runs next.
    await other.page.locator('[data-testid=language-menu]:visible').click();
    await other.page.getByRole('menuitemradio', { name: '日本語' }).click();
    await expect.poll(() => htmlLang(other.page)).toBe('ja');
    expectNoBrowserErrors(page);
  });
});
