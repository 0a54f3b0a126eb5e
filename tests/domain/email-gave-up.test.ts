// When pg-boss gives up on an email job before the message's own tries are counted out (the process
// working it died on every try, say), the job goes to the dead letter queue `email-gave-up`, whose
// worker fails whatever of its messages is still unsent: the row reads Not delivered with a reason and
// offers Resend, instead of Sending for ever. A message already sent is left alone.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { emailMessages, invitations, mailboxMessages } from '@/db/schema';
import { inviteMembers } from '@/lib/invitations';
import { getBoss } from '@/lib/jobs';
import { giveUp, workEmail } from '@/lib/email/worker';
import { EMAIL_GAVE_UP_QUEUE, EMAIL_QUEUE } from '@/lib/jobs/queues';
import { useTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { createOrganizationWithOwner } from '../support/factories';

useTestDatabase({ workJobs: false });

beforeEach(() => {
  // One try per job, so that one failure is the last; the request does not wait for a worker that is not there.
  vi.stubEnv('EMAIL_RETRY_LIMIT', '0');
  vi.stubEnv('EMAIL_WAIT_MS', '0');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Works the email queues in this process from the first call on (as a server does). */
let working: Promise<void> | undefined;
async function startWorking() {
  working ??= getBoss().then(workEmail);
  await working;
}

async function invite(email: string) {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const summary = await inviteMembers(owner, {
    organizationId: organization.id,
    emails: [email],
    role: 'member',
  });
  expect(summary.results[0].outcome).toBe('sending');
  return summary.results[0].invitationId!;
}

describe('an email job pg-boss gave up on', () => {
  it('fails its unsent message with a reason the list shows, and nothing is sent afterwards', async () => {
    const invitationId = await invite('ann@example.com');
    const boss = await getBoss();
    // A worker takes the job and dies with it: pg-boss fails the job (as its expiry would) and, its
    // tries spent, moves it to the dead letter queue.
    const [job] = await boss.fetch(EMAIL_QUEUE);
    expect(job).toBeDefined();
    await boss.fail(EMAIL_QUEUE, job.id, { message: 'worker died' });
    expect((await boss.getJobById(EMAIL_QUEUE, job.id))?.state).toBe('failed');

    await startWorking();
    const db = await getDb();
    await eventually(async () => {
      const [row] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
      return row.deliveryStatus === 'failed';
    });
    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row.deliveryError).toBe('It could not be sent after several tries. Send it again.');
    const [message] = await db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.invitationId, invitationId));
    expect(message).toMatchObject({ status: 'failed', attempts: 0, providerId: null });
    expect(await db.select().from(mailboxMessages)).toEqual([]);
  });

  it('leaves a message that was sent as it is', async () => {
    const invitationId = await invite('bob@example.com');
    await startWorking();
    const db = await getDb();
    await eventually(async () => {
      const [row] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
      return row.deliveryStatus === 'sent';
    });
    const [message] = await db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.invitationId, invitationId));

    await giveUp([{ id: 'late', name: EMAIL_GAVE_UP_QUEUE, data: { messageIds: [message.id] } } as never]);
    const [after] = await db.select().from(emailMessages).where(eq(emailMessages.id, message.id));
    expect(after).toMatchObject({ status: 'sent', error: null, attempts: 1 });
    const [row] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
  });
});
