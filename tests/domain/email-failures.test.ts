// Invitations when the email API fails (docs/email-delivery.md). A temporary failure (500, no answer, a
// refused connection) is retried by the queue with backoff until the API is back, and the message goes
// out once; a refusal (422) fails at once with the API's reason; a failure that outlasts the retries is
// Not delivered with its reason. The request answers within EMAIL_WAIT_MS whatever happens.
import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { emailMessages, invitations, mailboxMessages } from '@/db/schema';
import { getInvitation, inviteMembers } from '@/lib/invitations';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { createOrganizationWithOwner } from '../support/factories';
import { refusedBaseUrl, useFakeResend, useResendAt } from '../support/fake-resend';
import { tokenFrom } from '../support/state';

useTestDatabase();

const fake = useFakeResend();
beforeEach(() => {
  // Short waits, so that the retries happen within a test: the first retry after about a second.
  vi.stubEnv('EMAIL_RETRY_DELAY_SECONDS', '1');
  vi.stubEnv('EMAIL_WAIT_MS', '1500');
  useResendAt(fake.baseUrl, { timeoutMs: 500 });
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
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
      useResendAt(await refusedBaseUrl(), { timeoutMs: 500 });
    },
  },
];

describe.each(failures)('when $name', ({ setup }) => {
  it('the request answers "Sending" in time, the row stays pending and shows the retry, and once the API is back the queue delivers it, once, with a working link', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const email = 'unlucky@example.com';
    await setup();

    const started = Date.now();
    const first = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'admin',
    });
    expect(Date.now() - started, 'answered within EMAIL_WAIT_MS').toBeLessThan(4_000);
    expect(first.results).toEqual([
      expect.objectContaining({ email, outcome: 'sending', invitationId: expect.any(String) }),
    ]);
    const [waiting] = await pendingFor(organization.id, email);
    expect(waiting).toMatchObject({ status: 'pending', role: 'admin', sendCount: 1 });
    expect(['sending', 'retrying']).toContain(waiting.deliveryStatus);

    // The API is back: the queue's next try delivers, without anyone sending it again.
    useResendAt(fake.baseUrl, { timeoutMs: 500 });
    fake.setMode('ok');
    await eventually(async () => (await pendingFor(organization.id, email))[0].deliveryStatus === 'sent');
    expect(fake.delivered().map((m) => m.to)).toEqual([email]);
    const [row] = await pendingFor(organization.id, email);
    expect(row).toMatchObject({ id: waiting.id, deliveryError: null, sendCount: 1 });
    expect(
      (await listUserTable(owner, { organizationId: organization.id, search: email })).rows[0].status,
    ).toBe('pending');

    // The delivered link works; nothing went to the mailbox.
    const [posted] = fake.delivered();
    expect((await getInvitation(tokenFrom(posted.text!))).status).toBe('valid');
    const db = await getDb();
    const [mail] = await db.select({ n: count() }).from(mailboxMessages);
    expect(mail.n).toBe(0);
    // Sent, the message no longer holds the link's secret.
    const [message] = await db.select().from(emailMessages);
    expect(message.payload).not.toHaveProperty('token');
  });
});

describe('retries and refusals', () => {
  it('an API answering 500 twice, then 200: delivered on the third try, one message', async () => {
    fake.failNext(2);
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['third@example.com'],
      role: 'member',
    });
    await eventually(
      async () => (await pendingFor(organization.id, 'third@example.com'))[0].deliveryStatus === 'sent',
    );
    expect(fake.requests).toHaveLength(3);
    expect(fake.delivered()).toHaveLength(1);
    const db = await getDb();
    const [message] = await db.select().from(emailMessages);
    expect(message).toMatchObject({ status: 'sent', attempts: 3, error: null });
  });

  it('an API answering 422 fails at once: Not delivered with its reason, in the answer and in the list, no retry', async () => {
    fake.setMode('error422');
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['refused@example.com'],
      role: 'member',
    });
    expect(summary.results[0]).toMatchObject({
      outcome: 'not_delivered',
      reason: 'The `to` field must be a valid email address.',
    });
    const table = await listUserTable(owner, { organizationId: organization.id, search: 'refused@' });
    expect(table.rows[0]).toMatchObject({
      status: 'not_delivered',
      deliveryError: 'The `to` field must be a valid email address.',
    });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(fake.requests, 'not tried again').toHaveLength(1);
  });

  it('a failure that outlasts the retries ends Not delivered with the reason; inviting again sends it at once', async () => {
    vi.stubEnv('EMAIL_RETRY_LIMIT', '1');
    fake.setMode('error500');
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const email = 'down@example.com';
    await inviteMembers(owner, { organizationId: organization.id, emails: [email], role: 'member' });
    await eventually(async () => (await pendingFor(organization.id, email))[0].deliveryStatus === 'failed');
    const [failed] = await pendingFor(organization.id, email);
    expect(failed.deliveryError).toBe('The fake API is down.');
    expect(
      (await listUserTable(owner, { organizationId: organization.id, statuses: ['not_delivered'] })).total,
    ).toBe(1);

    // No cooldown after a failed delivery: inviting again goes out at once.
    fake.setMode('ok');
    fake.reset();
    const again = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [email],
      role: 'member',
    });
    expect(again.results[0]).toMatchObject({ outcome: 'resent', invitationId: failed.id });
    expect(fake.delivered().map((m) => m.to)).toEqual([email]);
  });
});

describe('delivery through the API', () => {
  // Waits long enough for the worker to render and send 100 emails on a busy machine.
  beforeEach(() => {
    vi.stubEnv('EMAIL_WAIT_MS', '15000');
  });

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
});
