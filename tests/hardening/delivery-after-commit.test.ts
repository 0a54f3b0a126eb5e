// Failures after the invitations committed (rendering the email, recording the delivery results, both
// in the email worker): the invitations exist and emails may have gone out, so the person must not read
// INTERNAL ("Nothing was changed"). Each address gets the outcome that actually happened, or Sending when
// the worker could not yet say. Faults are injected where they would happen: the template module
// throws, or the database refuses the delivery-status update (a trigger).
import { count, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { actionMocks: mocks } = await vi.hoisted(() => import('../support/action-mocks'));
const injected = vi.hoisted(() => ({ failRender: false }));
vi.mock('@/emails/render', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/emails/render')>();
  return {
    ...actual,
    renderInvitationEmail: async (...args: Parameters<typeof actual.renderInvitationEmail>) => {
      if (injected.failRender) throw new Error('injected: the invitation template failed to render');
      return actual.renderInvitationEmail(...args);
    },
  };
});

import { getDb } from '@/db/client';
import { auditEvents, invitations } from '@/db/schema';
import { inviteMembersAction, resendInvitationAction } from '@/app/actions/invitations';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { useFakeResend, useResendAt } from '../support/fake-resend';

useTestDatabase();

const fake = useFakeResend();
beforeEach(() => {
  vi.stubEnv('EMAIL_RETRY_DELAY_SECONDS', '1');
  vi.stubEnv('EMAIL_WAIT_MS', '1500');
  injected.failRender = false;
  useResendAt(fake.baseUrl, { timeoutMs: 1_000 });
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  const db = await getDb();
  await db.execute(sql`DROP TRIGGER IF EXISTS refuse_delivery_status ON invitations`);
  await db.execute(sql`DROP FUNCTION IF EXISTS refuse_delivery_status()`);
});

/** Makes the database refuse recording a delivery result (queued → sent / failed), as a failing UPDATE would. */
async function refuseDeliveryRecording() {
  const db = await getDb();
  await db.execute(sql`
    CREATE FUNCTION refuse_delivery_status() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.delivery_status IN ('sent', 'failed') THEN
        RAISE EXCEPTION 'injected: recording the delivery result failed';
      END IF;
      RETURN NEW;
    END $$`);
  await db.execute(sql`
    CREATE TRIGGER refuse_delivery_status BEFORE UPDATE ON invitations
    FOR EACH ROW EXECUTE FUNCTION refuse_delivery_status()`);
}

async function invitationsOf(organizationId: string) {
  const db = await getDb();
  return db
    .select()
    .from(invitations)
    .where(eq(invitations.organizationId, organizationId))
    .orderBy(invitations.email);
}

async function sentEvents(organizationId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId));
  return row.n - 1; // minus organization.created
}

const emails = ['one@example.com', 'two@example.com'];

describe('a failure after the invitations committed is reported as what happened, never as "Nothing was changed"', () => {
  it('rendering the email throws: the action succeeds, each address is not_delivered with a reason, the rows are marked failed, nothing was sent, and a resend delivers', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    mocks.actor = owner;
    injected.failRender = true;

    const result = await inviteMembersAction({ organizationId: organization.id, emails, role: 'member' });

    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.data.counts).toMatchObject({ not_delivered: 2, invited: 0 });
    for (const row of result.data.results) {
      expect(row).toMatchObject({ outcome: 'not_delivered', invitationId: expect.any(String) });
      expect(row.reason).toMatch(/could not be prepared/i);
      expect(row.reason).not.toMatch(/injected|\.tsx?:\d/); // the internal error stays in the log
    }
    expect(fake.requests, 'nothing reached the email API').toHaveLength(0);
    const rows = await invitationsOf(organization.id);
    expect(rows.map((r) => [r.email, r.status, r.deliveryStatus])).toEqual([
      ['one@example.com', 'pending', 'failed'],
      ['two@example.com', 'pending', 'failed'],
    ]);
    expect(rows[0].deliveryError).toBe(result.data.results[0].reason);
    expect(await sentEvents(organization.id)).toBe(2);
    expect(console.error).toHaveBeenCalled();

    // The template works again: Resend from the row delivers at once (a failed delivery has no cooldown).
    injected.failRender = false;
    const again = await resendInvitationAction({ organizationId: organization.id, invitationId: rows[0].id });
    expect(again).toMatchObject({ ok: true, data: { outcome: 'resent', invitationId: rows[0].id } });
    expect(fake.delivered().map((m) => m.to)).toEqual(['one@example.com']);
  });

  it('recording the delivery results throws: the action succeeds and says Sending; the emails went out once each, and the results are recorded once the database takes them', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    mocks.actor = owner;
    await refuseDeliveryRecording();

    const result = await inviteMembersAction({ organizationId: organization.id, emails, role: 'admin' });

    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.data.results.map((r) => [r.email, r.outcome])).toEqual([
      ['one@example.com', 'sending'],
      ['two@example.com', 'sending'],
    ]);
    const rows = await invitationsOf(organization.id);
    expect(rows.map((r) => [r.email, r.status, r.role])).toEqual([
      ['one@example.com', 'pending', 'admin'],
      ['two@example.com', 'pending', 'admin'],
    ]);
    expect(await sentEvents(organization.id)).toBe(2);
    expect(console.error).toHaveBeenCalled();

    // The database takes the results again: the retry repeats the call (the API replays its answer) and
    // records them; each address got one email.
    const db = await getDb();
    await db.execute(sql`DROP TRIGGER refuse_delivery_status ON invitations`);
    const deadline = Date.now() + 20_000;
    while ((await invitationsOf(organization.id)).some((r) => r.deliveryStatus !== 'sent')) {
      if (Date.now() > deadline) throw new Error('the results were never recorded');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      fake
        .delivered()
        .map((m) => m.to)
        .sort(),
    ).toEqual(emails);
  });

  it('rendering and recording both throw: the action succeeds, each address says Sending, nothing was sent', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    mocks.actor = owner;
    injected.failRender = true;
    await refuseDeliveryRecording();

    const result = await inviteMembersAction({ organizationId: organization.id, emails, role: 'member' });

    expect(result).toMatchObject({ ok: true, data: { counts: { sending: 2 } } });
    expect(fake.requests).toHaveLength(0);
    expect((await invitationsOf(organization.id)).map((r) => r.status)).toEqual(['pending', 'pending']);
  });
});
