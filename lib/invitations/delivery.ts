// Delivery, after the invitations committed: one rendering of the email, one send through the email
// module, and each invitation's result recorded against the link it carries.
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations } from '@/db/schema';
import { renderInvitationEmail } from '@/emails/render';
import { sendEmails, type EmailMessage } from '../email';
import { jsonb } from '../sql';
import { invitationUrl } from './link';

function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export interface Prepared {
  email: string;
  kind: 'new' | 'resend';
  token: string;
  tokenHash: string;
  invitationId?: string;
  sendCount?: number;
}

const URL_PLACEHOLDER = 'https://invitation.placeholder/accept-url';

/** The reason an address reads when its email could not be built (nothing was sent to it). */
const NOT_PREPARED = 'The invitation email could not be prepared, so it was not sent. Send it again.';

type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/**
 * Renders the email once for the batch (only the link differs), sends everything through the email
 * module, then records each invitation's delivery result in one statement. The update is keyed by the
 * link's hash, so a newer resend that raced this one keeps its own result.
 *
 * Runs after the invitations committed, so it never throws: the invitations exist whatever happens
 * here, and an error reported as INTERNAL ("Nothing was changed") would be false. A template that fails
 * sends nothing and each address reads NOT_PREPARED (recorded as failed, so Resend works at once); a
 * failure to record the results is logged and the person still learns what the email API answered (the
 * rows then stay `queued`, shown as Pending).
 */
export async function deliver(
  prepared: Prepared[],
  props: { inviterName: string; inviterEmail: string; organizationName: string; roleLabel: string; expiresAt: Date },
): Promise<Map<string, DeliveryOutcome>> {
  let messages: EmailMessage[] | null = null;
  try {
    const template = await renderInvitationEmail({ ...props, expiresAt: formatDate(props.expiresAt), acceptUrl: URL_PLACEHOLDER });
    messages = prepared.map((item) => {
      const url = invitationUrl(item.token);
      return {
        to: item.email,
        subject: template.subject,
        html: template.html.replaceAll(URL_PLACEHOLDER, url),
        text: template.text.replaceAll(URL_PLACEHOLDER, url),
        idempotencyKey: `invitation-${item.invitationId}-${item.sendCount}`,
        tags: { kind: 'invitation' },
      };
    });
  } catch (error) {
    console.error('[invitations] could not prepare the invitation email; nothing was sent', error);
  }
  let results: DeliveryOutcome[];
  if (!messages) {
    results = prepared.map(() => ({ ok: false, error: NOT_PREPARED }));
  } else {
    try {
      results = await sendEmails(messages);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      results = messages.map(() => ({ ok: false as const, error: reason }));
    }
  }
  const outcome = new Map<string, DeliveryOutcome>();
  const updates = prepared.map((item, index) => {
    const result = results[index] ?? { ok: false as const, error: NOT_PREPARED };
    outcome.set(item.email, result.ok ? { ok: true } : { ok: false, error: result.error });
    return {
      id: item.invitationId,
      token_hash: item.tokenHash,
      status: result.ok ? 'sent' : 'failed',
      error: result.ok ? null : result.error.slice(0, 500),
    };
  });
  try {
    const db = await getDb();
    await db.execute(sql`
      UPDATE ${invitations} AS i SET delivery_status = x.status::delivery_status, delivery_error = x.error
      FROM jsonb_to_recordset(${jsonb(updates)}) AS x(id uuid, token_hash text, status text, error text)
      WHERE i.id = x.id AND i.token_hash = x.token_hash`);
  } catch (error) {
    console.error('[invitations] could not record the delivery results; the invitations stay queued', error);
  }
  return outcome;
}
