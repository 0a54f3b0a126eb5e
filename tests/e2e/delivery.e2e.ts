// Where an invitation's email is, as an admin sees it in the list: after Send Invitation, Resend's
// webhook reports one email delivered and the other bounced; the list says Delivered, and Not delivered
// with "Bounced: <reason>"; the bounced row offers Resend invitation, which sends it again at once. An
// unsigned event is refused. (The development mailbox stands in for Resend: the id it gives a message is
// what the webhook names.)
import { describe, expect, test } from 'vitest';
import { expectNoBrowserErrors, mailboxMessages, signIn, useBrowser } from './support/browser';
import {
  expectRow,
  expectToast,
  inviteThroughModal,
  openRowMenu,
  recordPage,
  userRow,
} from './support/console';
import { reloadReady } from './support/ready';
import { postResendEvent } from './support/webhook';

describe('delivery states', () => {
  const chromium = useBrowser();

  test('a delivered and a bounced invitation read so in the list; the bounced one is sent again from its menu', async () => {
    const { page } = await chromium.open();
    await signIn(page, `delivery-owner-${Date.now()}@delivery.test`);
    await page.getByLabel('Organization name').fill('Delivery Check');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/admin\/[^/]+\/users$/);

    const delivered = 'dora@delivery.test';
    const bounced = 'bob@delivery.test';
    const { outcomes } = await inviteThroughModal(page, [delivered, bounced], 'Member');
    expect(outcomes).toEqual({ [delivered]: 'Invited', [bounced]: 'Invited' });
    await page.getByRole('button', { name: 'Done' }).click();
    // Sent: the row says when, with no word for the state ("Last sent" says it), and no longer "Sending".
    await expect
      .poll(() => userRow(page, delivered).textContent())
      .toMatch(/Last sent .*\(sent once\)Expires/);

    const idOf = async (email: string) => (await mailboxMessages()).find((m) => m.to === email)!.id;
    expect(await postResendEvent('email.delivered', await idOf(delivered), {}, { signed: false })).toBe(401);
    expect(await postResendEvent('email.delivered', await idOf(delivered))).toBe(200);
    expect(
      await postResendEvent('email.bounced', await idOf(bounced), {
        bounce: { message: 'Mailbox does not exist', type: 'Permanent' },
      }),
    ).toBe(200);

    await reloadReady(page);
    await expect.poll(() => userRow(page, delivered).textContent()).toMatch(/ · Delivered/);
    await expectRow(page, delivered, { status: 'Pending' });
    await expectRow(page, bounced, { status: 'Not delivered' });
    expect(await userRow(page, bounced).textContent()).toMatch(/Bounced: Mailbox does not exist/);
    await recordPage(page, 'delivery-states');

    const menu = await openRowMenu(page, bounced);
    await menu.getByRole('menuitem', { name: 'Resend invitation' }).click();
    await expectToast(page, `Sent a new invitation to ${bounced}`);
    await expect.poll(async () => (await mailboxMessages()).filter((m) => m.to === bounced).length).toBe(2);
    await reloadReady(page);
    await expectRow(page, bounced, { status: 'Pending' });
    expect(await userRow(page, bounced).textContent()).toMatch(/\(sent 2 times\)( · Sending)?Expires/);
    expectNoBrowserErrors(page);
  });
});
