// Invitations when the email API fails: the invitation stays, marked not delivered, and can be sent
// again at once (no cooldown for a failed delivery) without a duplicate.
import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { invitations, mailboxMessages } from '@/db/schema';
import { getInvitation, inviteMembers } from '@/lib/invitations';
import { listUserTable } from '@/lib/user-table';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { refusedBaseUrl, useFakeResend, useResendAt } from '../support/fake-resend';
import { tokenFrom } from '../support/state';

useTestDatabase();

const fake = useFakeResend();
let restoreEnv: (() => void) | undefined;

beforeEach(() => {
  restoreEnv = useResendAt(fake.baseUrl, { timeoutMs: 500 });
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  restoreEnv?.();
  vi.restoreAllMocks();
});

async function pendingFor(organizationId: string, email: string) {
  const db = await getDb();
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        eq(invitations.email, email),
        eq(invitations.status, 'pending'),
      ),
    );
}

const failures: { name: string; setup: () => Promise<void> }[] = [
  { name: 'the API answers 500', setup: async () => fake.setMode('error500') },
  { name: 'the API hangs', setup: async () => fake.setMode('hang') },
  {
    name: 'the connection is refused',
    setup: async () => {
      restoreEnv!();
      restoreEnv = useResendAt(await refusedBaseUrl(), { timeoutMs: 500 });
    },
  },
];

describe.each(failures)('when $name', ({ setup }) => {
  it('the invitation is kept as pending, marked failed with the reason, shown as not_delivered; inviting again once the API is back resends it, without a duplicate', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const email = 'unlucky@example.com';
    await setup();

    const first = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'admin',
    });
    expect(first.results).toEqual([
      expect.objectContaining({
        email,
        outcome: 'not_delivered',
        reason: expect.any(String),
        invitationId: expect.any(String),
      }),
    ]);
    expect(first.counts.not_delivered).toBe(1);
    const [failed] = await pendingFor(organization.id, email);
    expect(failed).toMatchObject({
      status: 'pending',
      role: 'admin',
      deliveryStatus: 'failed',
      sendCount: 1,
    });
    expect(failed.deliveryError).toBeTruthy();
    expect(failed.deliveryError).toBe(first.results[0].reason);

    const table = await listUserTable(owner, { organizationId: organization.id, search: email });
    expect(table.rows).toEqual([
      expect.objectContaining({
        kind: 'invitation',
        status: 'not_delivered',
        deliveryError: failed.deliveryError,
      }),
    ]);
    expect(
      (await listUserTable(owner, { organizationId: organization.id, statuses: ['not_delivered'] })).total,
    ).toBe(1);

    // The API is back; no cooldown wait for a failed delivery.
    restoreEnv!();
    restoreEnv = useResendAt(fake.baseUrl, { timeoutMs: 500 });
    fake.setMode('ok');
    fake.reset();
    const again = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'member',
    });
    expect(again.results).toEqual([
      expect.objectContaining({ email, outcome: 'resent', invitationId: failed.id }),
    ]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].path).toBe('/emails');
    expect(fake.requests[0].idempotencyKey).toBe(`invitation-${failed.id}-2`);

    const rows = await pendingFor(organization.id, email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: failed.id,
      deliveryStatus: 'sent',
      deliveryError: null,
      sendCount: 2,
      role: 'member',
    });
    const db = await getDb();
    const [all] = await db.select({ n: count() }).from(invitations).where(eq(invitations.email, email));
    expect(all.n).toBe(1);
    expect(
      (await listUserTable(owner, { organizationId: organization.id, search: email })).rows[0].status,
    ).toBe('pending');

    // The delivered link works; the email went to the API and nothing to the mailbox.
    const [posted] = fake.emails();
    expect(posted.to).toBe(email);
    expect((await getInvitation(tokenFrom(posted.text!))).status).toBe('valid');
    const [mail] = await db.select({ n: count() }).from(mailboxMessages);
    expect(mail.n).toBe(0);
  });
});

describe('delivery through the API', () => {
  it('100 addresses go out in exactly one batch call, one message per address, each with its own link', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const emails = Array.from({ length: 100 }, (_, i) => `batch${i}@example.com`);
    const summary = await inviteMembers(owner, { organizationId: organization.id, emails, role: 'member' });
    expect(summary.counts.invited).toBe(100);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/emails/batch' });
    const posted = fake.emails();
    expect(posted.map((m) => m.to)).toEqual(emails);
    expect(new Set(posted.map((m) => tokenFrom(m.text!))).size).toBe(100);
    const db = await getDb();
    const [sent] = await db
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.organizationId, organization.id), eq(invitations.deliveryStatus, 'sent')));
    expect(sent.n).toBe(100);
  });

  it('a slow API that answers within the timeout delivers', async () => {
    fake.setMode('slow', { slowMs: 200 });
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['slow@example.com'],
      role: 'member',
    });
    expect(summary.results[0].outcome).toBe('invited');
  });

  it('a failed batch marks every address of it not_delivered', async () => {
    fake.setMode('error500');
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['a@example.com', 'b@example.com', 'c@example.com'],
      role: 'member',
    });
    expect(summary.results.map((r) => r.outcome)).toEqual([
      'not_delivered',
      'not_delivered',
      'not_delivered',
    ]);
    expect(summary.results[0].reason).toBe('The fake API is down.');
    expect(
      (await listUserTable(owner, { organizationId: organization.id, statuses: ['not_delivered'] })).total,
    ).toBe(3);
  });
});
