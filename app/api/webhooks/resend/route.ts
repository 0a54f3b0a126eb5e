// POST /api/webhooks/resend: Resend's delivery events (docs/email-delivery.md). Point a Resend webhook
// at <APP_URL>/api/webhooks/resend for email.delivered, email.bounced, email.complained and
// email.delivery_delayed, and set its signing secret as RESEND_WEBHOOK_SECRET. Anything unsigned, signed
// with another secret, or older than five minutes is refused with 401 and changes nothing; a replayed
// event id is answered 200 and changes nothing. A body over MAX_BYTES is answered 413 as soon as it
// passes the cap, declared or not (lib/http/body.ts), before any signature is checked.
import { resendWebhookSecret } from '@/lib/config';
import { applyResendEvent, verifyResendEvent, WebhookRefused } from '@/lib/email/webhooks';
import { BodyTooLargeError, readCappedText } from '@/lib/http/body';

/** Resend's events are small; anything much larger is not one. */
const MAX_BYTES = 256 * 1024;

export async function POST(request: Request): Promise<Response> {
  const secret = resendWebhookSecret();
  if (!secret) return Response.json({ error: 'Webhooks are not configured.' }, { status: 401 });
  let payload;
  try {
    payload = await readCappedText(request, MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return Response.json({ error: 'Too large.' }, { status: error.status, headers: error.headers });
    throw error;
  }
  const id = request.headers.get('svix-id');
  let event;
  try {
    event = verifyResendEvent(
      payload,
      {
        id,
        timestamp: request.headers.get('svix-timestamp'),
        signature: request.headers.get('svix-signature'),
      },
      secret,
    );
  } catch (error) {
    if (error instanceof WebhookRefused)
      return Response.json(
        { error: error.status === 401 ? 'Invalid signature.' : 'Not an event.' },
        { status: error.status },
      );
    throw error;
  }
  const fresh = await applyResendEvent(id!, event);
  return Response.json({ ok: true, replayed: !fresh });
}
