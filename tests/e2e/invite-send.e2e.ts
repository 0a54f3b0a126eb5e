// The invite dialog asks before it matters and loses nothing (issue 14, item 6): an address typed but
// not yet a chip counts, and one click on `Send Invitation` sends it; the seats left are in the dialog
// and a list longer than them is flagged before sending; the confirmation puts the addresses not sent
// first, counts them by why, and copies them.
//
// Fixtures (tests/e2e/fixtures/seed.ts): the invite-dialog organization (no seat limit) for the typed
// address, and Seatwell (3 seats, 2 used) for the seats.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { checkAccessibility, expectNoBrowserErrors, screenshot, signIn, useBrowser } from './support/browser';
import { expectToast, openInviteModal, openUsers, outcomesIn } from './support/console';
import { fixtures } from './support/fixtures';
import { MAX_INVITATIONS_PER_BATCH } from '@/lib/shared/limits';

function resultsDialog(page: Page): Locator {
  return page.getByRole('dialog').filter({ has: page.getByRole('list', { name: 'Invitation results' }) });
}

/** The addresses of the confirmation's lines, top to bottom. */
async function resultOrder(results: Locator): Promise<string[]> {
  const items = results.getByRole('list', { name: 'Invitation results' }).getByRole('listitem');
  return items.evaluateAll((elements) =>
    elements.map((element) => element.firstElementChild?.textContent ?? ''),
  );
}

describe('the invite dialog sends what was typed, shows the seats, and puts problems first', () => {
  const chromium = useBrowser();

  test('an address typed without Enter counts: Send Invitation is enabled, and one click sends it', async () => {
    const { owner, organization } = fixtures().inviteDialog;
    const { page } = await chromium.open({ viewport: { width: 1280, height: 800 } });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    const { dialog, input, send } = await openInviteModal(page);
    expect(await send.isDisabled(), 'nothing typed: Send Invitation is disabled').toBe(true);

    const typed = 'typed-not-entered@northwind-new.test';
    await input.pressSequentially(typed);
    await expect.poll(() => send.isDisabled(), { message: 'the typed address enables Send' }).toBe(false);
    expect(await dialog.getByTestId('invite-counts').textContent()).toBe('1 to invite');

    await send.click();
    const results = resultsDialog(page);
    await results.waitFor();
    expect(await outcomesIn(results)).toEqual({ [typed]: 'Invited' });
    expect(await results.getByTestId('invite-not-sent').count(), 'everything went: no "not sent" line').toBe(
      0,
    );
    expectNoBrowserErrors(page);
  });

  test('seats left show in the dialog, a longer list is flagged before sending, and the results list the ones not sent first with a count by reason and a Copy button', async () => {
    const { owner, member, organization } = fixtures().inviteSeats;
    const { context, page } = await chromium.open({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    const { dialog, input, send } = await openInviteModal(page);
    const counts = dialog.getByTestId('invite-counts');
    expect(await counts.textContent()).toBe(
      `Up to ${MAX_INVITATIONS_PER_BATCH} addresses at a time · 1 seat left.`,
    );
    const warning = dialog.getByTestId('invite-seats-warning');
    expect(await warning.count(), 'no warning before any address').toBe(0);

    const first = 'first-seat@seatwell-new.test';
    const second = 'second-seat@seatwell-new.test';
    for (const email of [first, member.email, 'not-an-address']) {
      await input.pressSequentially(email);
      await input.press('Enter');
      await dialog.getByRole('button', { name: `Remove ${email}`, exact: true }).waitFor();
    }
    // The last one is still being typed: it counts toward the seats too.
    await input.pressSequentially(second);
    await expect
      .poll(() => counts.textContent())
      .toBe('3 to invite · 1 invalid (marked in red, not sent) · 1 seat left');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('3 addresses but only 1 seat left');
    await screenshot(page, 'invite-send-desktop-seats-warning');

    await send.click();
    const results = resultsDialog(page);
    await results.waitFor();
    expect(await outcomesIn(results)).toEqual({
      [first]: 'Invited',
      [member.email]: 'Already a member',
      'not-an-address': 'Not sent',
      [second]: 'No seat',
    });
    const order = await resultOrder(results);
    expect(order.slice(0, 3).toSorted(), 'the three not sent come first').toEqual(
      [member.email, 'not-an-address', second].toSorted(),
    );
    expect(order[3], 'the one sent comes last').toBe(first);
    expect(await results.getByTestId('invite-not-sent').textContent()).toBe(
      '3 not sent: 1 not an address, 1 already a member, 1 no seat left',
    );
    await screenshot(page, 'invite-send-desktop-results');
    await checkAccessibility(page, 'invite-send-desktop-results');

    await results.getByRole('button', { name: 'Copy addresses not sent' }).click();
    await expectToast(page, 'Copied 3 addresses not sent');
    expect(
      await page.evaluate(() => navigator.clipboard.readText()),
      'the addresses not sent, one a line, as listed',
    ).toBe(order.slice(0, 3).join('\n'));
    expectNoBrowserErrors(page);
  });
});
