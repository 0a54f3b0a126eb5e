// A failed action never replaces the page (issue 14 item 2): a server action call that gets no answer,
// because the connection dropped (the request aborted in the browser) or the server failed (a 500), is
// said inside the dialog that asked, which stays open with what was entered; trying again in place works
// once calls go through again. Keystone (tests/e2e/fixtures/asks-first.ts) is this file's organization.
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, signIn, useBrowser } from './support/browser';
import { expectFocused } from './support/bulk';
import {
  expectRow,
  expectToast,
  openInviteModal,
  openRowMenu,
  openUsers,
  outcomesIn,
} from './support/console';
import { fixtures } from './support/fixtures';
import { addressOfLength, paste } from './support/invite-dialog';
import { expectNoErrorPage, FAILED_CALLS, failActionCalls, recordBothWidths } from './support/asks-first';

const LOST = "Couldn't reach AI Hub: check your connection and try again.";
const SERVER = 'AI Hub could not answer: something went wrong on our side. Try again in a moment.';

describe('a failed action keeps its dialog', () => {
  const chromium = useBrowser();

  test('Suspend with the connection lost, then a 500: the dialog stays open saying which (role="alert"), the page is not the error page; after calls go through again, Suspend in place suspends', async () => {
    const { organization, owner, suspend } = fixtures().asksFirst.keystone;
    const { page } = await chromium.open({ clientAddress: '10.8.14.1' });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);

    const menu = await openRowMenu(page, suspend.email);
    await menu.getByRole('menuitem', { name: 'Suspend' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Suspend ${suspend.email}?` });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Suspend', exact: true });

    let restore = await failActionCalls(page, 'lost');
    await confirm.click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe(LOST);
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await expectNoErrorPage(page);
    await recordBothWidths(page, 'failed-suspend-lost');
    await restore();

    restore = await failActionCalls(page, '500');
    // By keyboard this time: focus on the confirm button, Enter.
    await confirm.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe(SERVER);
    expect(await dialog.isVisible()).toBe(true);
    await expectNoErrorPage(page);
    await restore();

    await confirm.click();
    await expectToast(page, `Suspended ${suspend.email}`);
    await expect.poll(() => dialog.count()).toBe(0);
    await expectRow(page, suspend.email, { role: 'Member', status: 'Suspended' });

    // And back, by the same dialog.
    const again = await openRowMenu(page, suspend.email);
    await again.getByRole('menuitem', { name: 'Reactivate' }).click();
    await page
      .getByRole('alertdialog', { name: `Reactivate ${suspend.email}?` })
      .getByRole('button', { name: 'Reactivate', exact: true })
      .click();
    await expectRow(page, suspend.email, { status: 'Active' });
    expectNoBrowserErrors(page, { allow: FAILED_CALLS });
  });

  test('Send Invitation with the connection lost, then a 500: the invite modal stays open with every pasted address and says which; after calls go through again, Send Invitation sends them all', async () => {
    const { organization, owner } = fixtures().asksFirst.keystone;
    const { page } = await chromium.open({
      viewport: { width: 390, height: 844 },
      clientAddress: '10.8.14.2',
    });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);

    const addresses = [
      addressOfLength('keystone-lost'),
      'lost.one@keystone-invitee.test',
      'lost.two@keystone-invitee.test',
    ];
    const { dialog, input, send } = await openInviteModal(page);
    await paste(input, addresses.join('\n'));
    const chips = () =>
      Promise.all(
        addresses.map((email) =>
          dialog.getByRole('button', { name: `Remove ${email}`, exact: true }).count(),
        ),
      );
    await expect.poll(chips).toEqual([1, 1, 1]);

    let restore = await failActionCalls(page, 'lost');
    await send.click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe(LOST);
    expect(await dialog.isVisible()).toBe(true);
    expect(await chips()).toEqual([1, 1, 1]);
    await expectNoErrorPage(page);
    await recordBothWidths(page, 'failed-invite-lost');
    await restore();

    restore = await failActionCalls(page, '500');
    await send.click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toBe(SERVER);
    expect(await chips()).toEqual([1, 1, 1]);
    await expectNoErrorPage(page);
    await restore();

    // Retry in place, by keyboard: focus on Send Invitation, Enter.
    await send.focus();
    await expectFocused(send, 'Send Invitation');
    await page.keyboard.press('Enter');
    const results = page
      .getByRole('dialog')
      .filter({ has: page.getByRole('list', { name: 'Invitation results' }) });
    await results.waitFor();
    expect(Object.keys(await outcomesIn(results)).sort()).toEqual([...addresses].sort());
    await expect.poll(() => dialog.count()).toBe(0);
    expectNoBrowserErrors(page, { allow: FAILED_CALLS });
  });
});
