// axe on every open dialog at both widths (issue 14, item 12), for the dialogs no other suite checked at
// 1280 and 390 px: Generate token, the new token shown once, a token's Delete confirmation, Replace (a
// refused token), Delete organization, Transfer ownership, Leave organization (home page and settings)
// and the invitation's Decline. Each is opened with its own button on a page loaded at that width,
// checked by axe (nothing serious or critical), recorded, its buttons in view and nothing wider than the
// window, then closed unconfirmed.
//
// Meridian and Meridian Annex (tests/e2e/fixtures/seed.ts, the dialogs-axe.e2e.ts block) are this file's:
// an 80-character name, so each dialog that names it wraps it, and a refused token with a long name. Only
// the two tokens generated here change anything.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { WIDTHS } from './support/asks-first';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { recordPage } from './support/console';
import { fixtures } from './support/fixtures';
import { expectInView } from './support/invite-dialog';
import { expectNoSidewaysScroll } from './support/layout';
import { gotoReady } from './support/ready';

type Width = (typeof WIDTHS)[number];

/** Loads `path` in a window `width` px wide (844 px tall for the phone, 800 for the laptop), hydrated. */
async function openAt(page: Page, path: string, width: Width) {
  await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
  await gotoReady(page, path);
}

/**
 * The open `dialog` recorded (a screenshot, then axe with no serious or critical violation), nothing on
 * the page wider than the window, and its `buttons` within reach. The page is first taken back to its
 * top: the dialog and its overlay are fixed to the window, and a full-page capture of a page scrolled to
 * reach the button that opened them draws them (and the sidebar) where the window was, over a page no
 * one sees that way.
 */
async function recordDialog(page: Page, dialog: Locator, name: string, buttons: string[]) {
  await dialog.waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await recordPage(page, name);
  await expectNoSidewaysScroll(page, name);
  await expectButtonsInView(page, dialog, name, buttons);
}

/** Each of `labels`, a button of `dialog`, is enabled, inside it, inside the window and uncovered. */
async function expectButtonsInView(page: Page, dialog: Locator, name: string, labels: string[]) {
  for (const label of labels) {
    const button = dialog.getByRole('button', { name: label, exact: true });
    await expect.poll(() => button.isEnabled(), { message: `${label} in ${name} is enabled` }).toBe(true);
    await expectInView(page, button, dialog, `${label} in ${name}`);
  }
}

/** Cancel closes `dialog`, and nothing was done. */
async function cancel(dialog: Locator) {
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}

describe('axe on each dialog at 1280 and 390 px', () => {
  const chromium = useBrowser();
  const { organization, owner, admin, invitationToken, annex, refusedTokenName } = fixtures().dialogs;
  /** A token name at each width, near the 60 characters a name may have. */
  const tokenNames: Record<Width, string> = {
    1280: 'Okta production for every office and contractor worldwide',
    390: 'Microsoft Entra ID production for every office worldwide',
  };

  test('Provisioning: Generate token, the token shown once, a token’s Delete confirmation and Replace', async () => {
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    for (const width of WIDTHS) {
      const tokenName = tokenNames[width];
      await openAt(page, `/admin/${organization.slug}/provisioning`, width);
      await page.getByRole('button', { name: 'Generate token' }).click();
      const generate = page.getByRole('dialog', { name: 'Generate token' });
      await generate.getByLabel('Name').fill(tokenName);
      await recordDialog(page, generate, `dialogs-generate-token-${width}`, ['Cancel', 'Generate']);

      // Generating is how the token dialog opens: the one thing here that is done for real.
      await generate.getByRole('button', { name: 'Generate' }).click();
      const shown = page.getByRole('dialog', { name: 'Copy your token now' });
      await expect
        .poll(() => shown.getByRole('textbox', { name: 'Token' }).inputValue())
        .toMatch(/^aihub_scim_/);
      await recordDialog(page, shown, `dialogs-token-shown-${width}`, ['Copy the token', 'Done']);
      await shown.getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => shown.count()).toBe(0);

      await page.getByRole('button', { name: `Delete token ${tokenName}` }).click();
      const confirm = page.getByRole('alertdialog', { name: `Delete the token “${tokenName}”?` });
      await recordDialog(page, confirm, `dialogs-delete-token-${width}`, ['Cancel', 'Delete']);
      await cancel(confirm);
      await expect
        .poll(() => page.getByRole('list', { name: 'Provisioning tokens' }).textContent())
        .toContain(tokenName);

      // The token dialog's other face: Replace, for the Annex's token whose maker is no longer an Admin.
      await openAt(page, `/admin/${annex.slug}/provisioning`, width);
      await page.getByRole('button', { name: `Replace ${refusedTokenName}` }).click();
      const replace = page.getByRole('dialog', { name: `Replace the token “${refusedTokenName}”` });
      await recordDialog(page, replace, `dialogs-replace-token-${width}`, ['Cancel', 'Replace']);
      await cancel(replace);
    }
    expectNoBrowserErrors(page);
  });

  test('Settings: the danger zone’s Delete organization and the Transfer ownership confirmation', async () => {
    const { page } = await chromium.open();
    await signIn(page, owner.email);
    for (const width of WIDTHS) {
      await openAt(page, `/admin/${organization.slug}/settings`, width);
      await page.getByRole('button', { name: 'Delete organization', exact: true }).click();
      const remove = page.getByRole('alertdialog', { name: `Delete ${organization.name}?` });
      const name = `dialogs-delete-organization-${width}`;
      await recordDialog(page, remove, name, ['Cancel']);
      // Its button waits for the name: typed, it is within reach too (and left unpressed).
      await remove.getByLabel(/^Type .* to confirm$/).fill(organization.name);
      await expectButtonsInView(page, remove, name, ['Delete organization']);
      await cancel(remove);

      await page.getByLabel('New Owner').fill(admin.email);
      await page.getByRole('option', { name: new RegExp(admin.email.replace(/[.+]/g, '\\$&')) }).click();
      const transfer = page.getByRole('button', { name: 'Transfer ownership', exact: true });
      await expect.poll(() => transfer.isDisabled()).toBe(false);
      await transfer.click();
      const confirm = page.getByRole('alertdialog', { name: `Transfer ownership of ${organization.name}?` });
      await recordDialog(page, confirm, `dialogs-transfer-ownership-${width}`, [
        'Cancel',
        'Transfer ownership',
      ]);
      await cancel(confirm);
    }
    await expect.poll(() => page.getByRole('heading', { name: 'Transfer ownership' }).count()).toBe(1);
    expectNoBrowserErrors(page);
  });

  test('Leave organization: its confirmation on the home page and in settings', async () => {
    const { page } = await chromium.open();
    await signIn(page, admin.email);
    for (const width of WIDTHS) {
      for (const [where, path] of [
        ['home', '/'],
        ['settings', `/admin/${organization.slug}/settings`],
      ]) {
        await openAt(page, path, width);
        const leave = page.getByRole('button', { name: `Leave organization ${organization.name}` });
        await leave.click();
        const confirm = page.getByRole('alertdialog', { name: `Leave ${organization.name}?` });
        await recordDialog(page, confirm, `dialogs-leave-organization-${where}-${width}`, [
          'Cancel',
          'Leave',
        ]);
        await cancel(confirm);
        await expect
          .poll(() => leave.isVisible(), { message: 'still a member, the button stays' })
          .toBe(true);
      }
    }
    expectNoBrowserErrors(page);
  });

  test('Invitation page: the Decline confirmation', async () => {
    const { page } = await chromium.open();
    for (const width of WIDTHS) {
      await openAt(page, `/invite/${invitationToken}`, width);
      await page.getByRole('button', { name: 'Decline', exact: true }).click();
      const confirm = page.getByRole('alertdialog', {
        name: `Decline the invitation to ${organization.name}?`,
      });
      await recordDialog(page, confirm, `dialogs-decline-invitation-${width}`, ['Cancel', 'Decline']);
      await cancel(confirm);
      expect(await page.getByRole('button', { name: 'Accept', exact: true }).isVisible()).toBe(true);
    }
    expectNoBrowserErrors(page);
  });
});
