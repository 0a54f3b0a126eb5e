// Resend's delivery webhooks (POST /api/webhooks/resend, called here as Next calls it): a signed event
// moves the invitation's email forward (delivered, bounced with its reason, reported as spam); anything
// unsigned, signed with another secret or stale is refused with 401, and a replayed event id changes
// nothing. Statuses never move back, whatever order the events come in.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Webhook } from 'svix';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/webhooks/resend/route';
import { getDb } from '@/db/client';
import { emailEvents, emailMessages, invitations } from '@/db/schema';
import { inviteMembers } from '@/lib/invitations';
import { listUserTable, type UserRow } from '@/lib/user-table/list';
import { invitationDetails } from '@/components/users/format';
import { useTestDatabase } from '../support/db';
import { createOrganizationWithOwner } from '../support/factories';
import { useFakeResend, useResendAt } from '../support/fake-resend';
import { english } from '../support/english-words';

useTestDatabase();
const fake = useFakeResend();

const secret = `whsec_${randomBytes(24).toString('base64')}`;
beforeEach(() => {
  useResendAt(fake.baseUrl);
  vi.stubEnv('RESEND_WEBHOOK_SECRET', secret);
});

/** An invitation whose email went out: its row, and the id Resend gave the message. */
async function sentInvitation(email = 'ann@example.com') {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  const summary = await inviteMembers(owner, {
    organizationId: organization.id,
    emails: [email],
    role: 'member',
  });
  expect(summary.results[0].outcome).toBe('invited');
  const db = await getDb();
  const [message] = await db.select().from(emailMessages).where(eq(emailMessages.recipient, email));
  expect(message.providerId).toBeTruthy();
  return {
    organization,
    owner,
    invitationId: summary.results[0].invitationId!,
    providerId: message.providerId!,
  };
}

/** The lines the list shows under an invitation's address (components/users/format.ts). */
function detailsOf(row: UserRow) {
  return invitationDetails(
    {
      status: row.status,
      lastSentAt: row.lastSentAt?.toISOString(),
      sendCount: row.sendCount,
      expiresAt: row.expiresAt?.toISOString(),
      delivery: row.deliveryStatus,
      deliveryError: row.deliveryError,
    },
    english,
  );
}

function event(type: string, providerId: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: providerId, to: ['ann@example.com'], subject: 'Invitation', ...extra },
  });
}

function signed(
  payload: string,
  options: { id?: string; at?: Date; key?: string; headers?: Record<string, string | null> } = {},
) {
  const id = options.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.key ?? secret).sign(id, at, payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
    'svix-signature': signature,
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  return new Request('http://127.0.0.1/api/webhooks/resend', { method: 'POST', headers, body: payload });
}

async function stateOf(invitationId: string) {
  const db = await getDb();
  const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
  const [message] = await db.select().from(emailMessages).where(eq(emailMessages.invitationId, invitationId));
  return { invitation: [invitation.deliveryStatus, invitation.deliveryError], message: message.status };
}

describe('a signed event', () => {
  it('email.bounced marks the message and the row Bounced with the reason; the list shows it Not delivered and Resend sends at once', async () => {
    const { organization, owner, invitationId, providerId } = await sentInvitation();
    const response = await POST(
      signed(
        event('email.bounced', providerId, {
          bounce: { message: 'Mailbox does not exist', type: 'Permanent' },
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(await stateOf(invitationId)).toEqual({
      invitation: ['bounced', 'Mailbox does not exist'],
      message: 'bounced',
    });
    const table = await listUserTable(owner, { organizationId: organization.id, search: 'ann@' });
    expect(table.rows[0]).toMatchObject({ status: 'not_delivered', deliveryError: 'Mailbox does not exist' });
    expect(detailsOf(table.rows[0])[0]).toMatch(
      /^Last sent .* \(sent once\) · Bounced: Mailbox does not exist$/,
    );
    // No cooldown for an email that reached no one.
    const again = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['ann@example.com'],
      role: 'member',
    });
    expect(again.results[0].outcome).toBe('resent');
  });

  it('email.delivered marks it Delivered; email.delivery_delayed before it does not hold it back, and after it does not move it back', async () => {
    const { organization, owner, invitationId, providerId } = await sentInvitation();
    expect((await POST(signed(event('email.delivery_delayed', providerId)))).status).toBe(200);
    expect((await stateOf(invitationId)).message).toBe('delayed');
    expect((await POST(signed(event('email.delivered', providerId)))).status).toBe(200);
    expect(await stateOf(invitationId)).toEqual({ invitation: ['delivered', null], message: 'delivered' });
    const { rows } = await listUserTable(owner, { organizationId: organization.id, search: 'ann@' });
    expect(detailsOf(rows[0])[0]).toMatch(/ · Delivered$/);
    await POST(signed(event('email.delivery_delayed', providerId)));
    expect((await stateOf(invitationId)).message).toBe('delivered');
  });

  it('email.complained (reported as spam) is kept, and a later email.delivered does not hide it', async () => {
    const { invitationId, providerId } = await sentInvitation();
    await POST(signed(event('email.complained', providerId)));
    await POST(signed(event('email.delivered', providerId)));
    expect(await stateOf(invitationId)).toEqual({
      invitation: ['complained', 'The recipient marked it as spam.'],
      message: 'complained',
    });
  });

  it('an event for a message we do not know, or of a kind we do not record, is taken (200) and changes nothing', async () => {
    const { invitationId, providerId } = await sentInvitation();
    expect((await POST(signed(event('email.delivered', 'not-ours')))).status).toBe(200);
    expect((await POST(signed(event('email.opened', providerId)))).status).toBe(200);
    expect((await stateOf(invitationId)).message).toBe('sent');
  });
});

describe('refused, nothing changed', () => {
  const cases: { name: string; request: (payload: string) => Request; status: number }[] = [
    { name: 'unsigned', request: (p) => signed(p, { headers: { 'svix-signature': null } }), status: 401 },
    { name: 'without an id', request: (p) => signed(p, { headers: { 'svix-id': null } }), status: 401 },
    {
      name: 'signed with another secret',
      request: (p) => signed(p, { key: `whsec_${randomBytes(24).toString('base64')}` }),
      status: 401,
    },
    {
      name: 'a stale timestamp (10 minutes old)',
      request: (p) => signed(p, { at: new Date(Date.now() - 10 * 60_000) }),
      status: 401,
    },
    {
      name: 'a body altered after signing',
      request: (p) => {
        const request = signed(p);
        return new Request(request.url, {
          method: 'POST',
          headers: request.headers,
          body: p.replace('email.bounced', 'email.delivered'),
        });
      },
      status: 401,
    },
  ];

  it.each(cases)('$name → $status', async ({ request, status }) => {
    const { invitationId, providerId } = await sentInvitation();
    const response = await POST(request(event('email.bounced', providerId, { bounce: { message: 'x' } })));
    expect(response.status).toBe(status);
    expect((await stateOf(invitationId)).message).toBe('sent');
    expect(await (await getDb()).select().from(emailEvents)).toEqual([]);
  });

  it('a chunked body past 256 KB without Content-Length is answered 413 having read no more than the cap and one chunk', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          // 64 MB if read to the end.
          if (pulled === 1024 * chunk.length) return controller.close();
          pulled += chunk.length;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const request = signed('{}');
    const response = await POST(
      new Request(request.url, {
        method: 'POST',
        headers: request.headers,
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(256 * 1024 + chunk.length);
    expect(await (await getDb()).select().from(emailEvents)).toEqual([]);
  });

  it('the cap counts bytes: 100,000 three-byte characters (300 KB) are refused', async () => {
    const response = await POST(signed(`{"pad":"${'✓'.repeat(100_000)}"}`));
    expect(response.status).toBe(413);
  });

  it('without RESEND_WEBHOOK_SECRET every request is refused', async () => {
    const { invitationId, providerId } = await sentInvitation();
    vi.stubEnv('RESEND_WEBHOOK_SECRET', undefined);
    expect((await POST(signed(event('email.delivered', providerId)))).status).toBe(401);
    expect((await stateOf(invitationId)).message).toBe('sent');
  });

  it('a replayed event id is answered 200 and applied once', async () => {
    const { invitationId, providerId } = await sentInvitation();
    const id = 'msg_replayed';
    expect((await POST(signed(event('email.delivery_delayed', providerId), { id }))).status).toBe(200);
    // The same id again, even with another event in it: nothing more happens.
    const replay = await POST(
      signed(event('email.bounced', providerId, { bounce: { message: 'x' } }), { id }),
    );
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, replayed: true });
    expect((await stateOf(invitationId)).message).toBe('delayed');
    expect(await (await getDb()).select().from(emailEvents)).toHaveLength(1);
  });
});
