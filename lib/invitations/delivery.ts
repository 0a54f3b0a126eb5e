// Delivery, after the invitations committed: the email rendered once, sent through the email module,
// and each invitation's result recorded against the link it carries.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations } from '@/db/schema';
import { renderInvitationEmail } from '@/emails/render';
import { sendEmails, type EmailMessage } from '../email';
import { MAX_DELIVERY_ERROR } from '../limits';
import { jsonb } from '../sql';
import { invitationUrl } from './link';

/** An invitation just written, with the secret of its link (known only until the email is sent). */
export interface OutgoingInvitation {
  email: string;
  invitationId: string;
  sendCount: number;
  token: string;
  tokenHash: string;
}

/** What the email says besides the link, the same for every address of a request. */
export interface InvitationEmailFacts {
  inviterName: string;
  inviterEmail: string;
  organizationName: string;
  roleLabel: string;
  expiresAt: Date;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

const URL_PLACEHOLDER = 'https://invitation.placeholder/accept-url';

/** The reason an address reads when its email could not be built (nothing was sent to it). */
const NOT_PREPARED: DeliveryOutcome = {
  ok: false,
  error: 'The invitation email could not be prepared, so it was not sent. Send it again.',
};

/**
 * Renders the email once for the batch (only the link differs), sends everything through the email
 * module, then records each invitation's delivery result in one statement, and says what happened to
 * each address.
 *
 * Runs after the invitations committed, so it never throws: the invitations exist whatever happens
 * here, and an error reported as INTERNAL ("Nothing was changed") would be false. A template that fails
 * sends nothing and each address reads NOT_PREPARED (recorded as failed, so Resend works at once); a
 * failure to record the results is logged and the person still learns what the email API answered (the
 * rows then stay `queued`, shown as Pending).
 */
export async function deliverInvitations(
  outgoing: readonly OutgoingInvitation[],
  facts: InvitationEmailFacts,
): Promise<Map<string, DeliveryOutcome>> {
  if (outgoing.length === 0) return new Map();
  const messages = await buildMessages(outgoing, facts);
  const sent = messages ? await send(messages) : [];
  const outcomes = outgoing.map((_, index) => sent[index] ?? NOT_PREPARED);
  await recordDeliveryResults(outgoing, outcomes);
  return new Map(outgoing.map((item, index) => [item.email, outcomes[index]]));
}

/** One message per invitation, each with its own link, or null (logged) when the template fails. */
async function buildMessages(
  outgoing: readonly OutgoingInvitation[],
  facts: InvitationEmailFacts,
): Promise<EmailMessage[] | null> {
  try {
    const template = await renderInvitationEmail({
      ...facts,
      expiresAt: formatDate(facts.expiresAt),
      acceptUrl: URL_PLACEHOLDER,
    });
    return outgoing.map((item) => {
      const url = invitationUrl(item.token);
      return {
        to: item.email,
        subject: template.subject,
        html: template.html.replaceAll(URL_PLACEHOLDER, url),
        text: template.text.replaceAll(URL_PLACEHOLDER, url),
        // A retry of the same send is the same message to the API; a resend (a new send count) is not.
        idempotencyKey: `invitation-${item.invitationId}-${item.sendCount}`,
        tags: { kind: 'invitation' },
      };
    });
  } catch (error) {
    console.error('[invitations] could not prepare the invitation email; nothing was sent', error);
    return null;
  }
}

/**
 * What the email API answered for each message, in order. sendEmails resolves delivery problems (a
 * refused message, a failed batch) to results; what it throws is a ConfigurationError from choosing the
 * transport (EMAIL_TRANSPORT or RESEND_API_KEY misconfigured), before anything is sent. That is caught
 * here and becomes every message's error: the invitations are committed, so the request must report
 * them as not delivered (Resend works once the configuration is fixed), not fail with "Nothing was
 * changed".
 */
async function send(messages: EmailMessage[]): Promise<DeliveryOutcome[]> {
  try {
    const results = await sendEmails(messages);
    return results.map((result) => (result.ok ? { ok: true } : { ok: false, error: result.error }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return messages.map(() => ({ ok: false, error: reason }));
  }
}

/**
 * Records each invitation's delivery result in one statement whatever their number. Keyed by the link's
 * hash as well as the id, so a newer resend that raced this one keeps its own result. Logs a failure
 * and carries on (see deliverInvitations).
 */
async function recordDeliveryResults(
  outgoing: readonly OutgoingInvitation[],
  outcomes: readonly DeliveryOutcome[],
): Promise<void> {
  const updates = outgoing.map((item, index) => {
    const outcome = outcomes[index];
    return {
      id: item.invitationId,
      token_hash: item.tokenHash,
      status: outcome.ok ? 'sent' : 'failed',
      error: outcome.ok ? null : outcome.error.slice(0, MAX_DELIVERY_ERROR),
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
}

function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
