// Long values where identity matters (issue 14, item 8), at 1280 and 390 px: an 80-character address's
// chip keeps its domain in view and cuts the middle; with a CSV loaded the invite dialog fits the window,
// its body scrolling and `Send Invitation` in view; at 390 px the row menu's header and the delete
// confirmation wrap a long name and address instead of cutting them. Screenshots of the invite dialog
// empty, with chips, with a CSV and with its results, at both widths.
//
// Fixtures (tests/e2e/fixtures/seed.ts): the invite-dialog organization (its own addresses per width)
// and Northwind's Admin whose address has 80 characters (users-phone's block; only read here).
import { describe, expect, test } from 'vitest';
import { checkAccessibility, expectNoBrowserErrors, screenshot, signIn, useBrowser } from './support/browser';
import { openInviteModal, openUsers } from './support/console';
import { fixtures } from './support/fixtures';
import {
  addressOfLength,
  boxOf,
  expectInView,
  expectNoSidewaysOverflow,
  expectWithin,
  viewportBox,
} from './support/invite-dialog';

const widths = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

describe.each(widths)('long values at $viewport.width px', ({ name, viewport }) => {
  const chromium = useBrowser();

  async function openInviteDialog() {
    const { owner, organization } = fixtures().inviteDialog;
    const { page } = await chromium.open({ viewport });
    await signIn(page, owner.email);
    await openUsers(page, organization.slug);
    return { page, ...(await openInviteModal(page)) };
  }

  test('an 80-character address in a chip: the middle is cut, the @domain stays in view, the whole address is its title', async () => {
    const { page, dialog, input } = await openInviteDialog();
    await screenshot(page, `long-values-${name}-invite-empty`);
    const long = addressOfLength(`chip-${name}`);
    await input.pressSequentially(long);
    await input.press('Enter');
    await input.pressSequentially(`short-${name}@northwind-new.test`);
    await input.press('Enter');
    const chip = dialog.getByRole('listitem').filter({ hasText: long });
    expect(await chip.getAttribute('title')).toBe(long);
    expect(await chip.textContent(), 'the whole address is in the text read aloud').toContain(long);
    const local = chip.locator('[data-part="local"]');
    const domain = chip.locator('[data-part="domain"]');
    expect(await domain.textContent()).toBe('@a-long-subdomain.example-organization.test');
    const cut = (part: typeof local) =>
      part.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
    expect(await cut(domain), 'the domain is shown whole').toBe(false);
    expect(await cut(local), 'the local part is what gets cut').toBe(true);
    expectWithin(await boxOf(domain, 'the domain'), await boxOf(chip, 'the chip'), 'the domain, in its chip');
    expectWithin(await boxOf(chip, 'the chip'), viewportBox(page), 'the chip, in the window');
    await expectNoSidewaysOverflow(dialog, 'the invite dialog');
    await screenshot(page, `long-values-${name}-invite-chips`);
    expectNoBrowserErrors(page);
  });

  test('with a CSV loaded the dialog fits the window: its body scrolls, Send Invitation stays in view, and the results come back with the problems first', async () => {
    const { page, dialog, input, send } = await openInviteDialog();
    await input.pressSequentially(addressOfLength(`csv-${name}`));
    await input.press('Enter');
    await input.pressSequentially(`not-an-address-${name}`);
    await input.press('Enter');
    const rows = Array.from(
      { length: 8 },
      (_, index) => `row-${name}-${index + 1}@northwind-csv.test,Member`,
    );
    await dialog.getByTestId('invite-csv-file').setInputFiles({
      name: 'a-rather-long-file-name-of-new-starters-for-the-spring-quarter.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`email,role\n${rows.join('\n')}\nnot-an-address,Member\n`),
    });
    await dialog.getByRole('list', { name: /^Rows of / }).waitFor();

    expectWithin(await boxOf(dialog, 'the dialog'), viewportBox(page), 'the dialog, in the window');
    await expectInView(page, send, dialog, 'Send Invitation');
    await expectInView(page, dialog.getByRole('button', { name: 'Cancel' }), dialog, 'Cancel');
    const body = dialog.getByTestId('invite-dialog-body');
    expect(
      await body.evaluate((element) => getComputedStyle(element).overflowY),
      'the body is what scrolls',
    ).toBe('auto');
    await expectNoSidewaysOverflow(dialog, 'the invite dialog with a CSV');
    await screenshot(page, `long-values-${name}-invite-csv`);
    await checkAccessibility(page, `long-values-${name}-invite-csv`);

    await send.click();
    const results = page
      .getByRole('dialog')
      .filter({ has: page.getByRole('list', { name: 'Invitation results' }) });
    await results.waitFor();
    expect(await results.getByTestId('invite-not-sent').textContent()).toBe('1 not sent: 1 not an address');
    const first = results.getByRole('list', { name: 'Invitation results' }).getByRole('listitem').first();
    expect(await first.textContent()).toContain(`not-an-address-${name}`);
    await expectInView(page, results.getByRole('button', { name: 'Done' }), results, 'Done');
    await screenshot(page, `long-values-${name}-invite-results`);
    expectNoBrowserErrors(page);
  });
});

describe('a long name and address at 390 px', () => {
  const chromium = useBrowser();

  test("the row menu's header and the delete confirmation wrap the name and the address, each whole and on the screen", async () => {
    const { owner, longMember } = fixtures().phone;
    const { slug } = fixtures().organizations.northwind;
    const { page } = await chromium.open({ viewport: { width: 390, height: 844 } });
    await signIn(page, owner.email);
    await openUsers(page, slug, `q=${encodeURIComponent(longMember.email.slice(0, 30))}`);
    const row = page.locator(`tr[data-row-email="${longMember.email}"]`);
    await row.getByRole('button', { name: 'More options' }).click();
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const header = menu.locator('[data-slot="dropdown-menu-label"]');
    const parts = await header.locator('[data-part]').evaluateAll((elements) =>
      elements.map((element) => ({
        part: element.getAttribute('data-part'),
        text: element.textContent,
        clipped: element.scrollWidth > element.clientWidth + 1,
      })),
    );
    expect(parts).toEqual([
      { part: 'name', text: longMember.name, clipped: false },
      { part: 'email', text: longMember.email, clipped: false },
    ]);
    expectWithin(await boxOf(header, 'the menu header'), viewportBox(page), 'the menu header, in the window');
    await screenshot(page, 'long-values-phone-row-menu');

    await menu.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    const named = confirm.getByRole('list', { name: 'Users to delete' }).getByRole('listitem');
    expect(await named.textContent()).toBe(`${longMember.name} · ${longMember.email}`);
    expectWithin(
      await boxOf(named, 'the named user'),
      await boxOf(confirm, 'the confirmation'),
      'the name and address, in the confirmation',
    );
    expectWithin(
      await boxOf(confirm, 'the confirmation'),
      viewportBox(page),
      'the confirmation, in the window',
    );
    await expectNoSidewaysOverflow(named, 'the name and address');
    await expectNoSidewaysOverflow(confirm, 'the confirmation');
    await screenshot(page, 'long-values-phone-delete-confirmation');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect(await row.count(), 'nothing was deleted').toBe(1);
    expectNoBrowserErrors(page);
  });
});
