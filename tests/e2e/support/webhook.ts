// Resend's delivery webhooks, as the browser suite's server receives them: the signing secret the suite
// gives its server (global-setup.ts), and events signed with it the way Resend signs them (svix).
import { randomBytes } from 'node:crypto';
import { Webhook } from 'svix';
import { baseUrl } from './browser';
import { E2E_WEBHOOK_SECRET } from './webhook-secret';

/** Posts a signed Resend event about the message Resend knows as `emailId`; returns the HTTP status. */
export async function postResendEvent(
  type: string,
  emailId: string,
  extra: Record<string, unknown> = {},
  options: { signed?: boolean } = {},
): Promise<number> {
  const payload = JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: { email_id: emailId, ...extra },
  });
  const id = `msg_${randomBytes(8).toString('hex')}`;
  const at = new Date();
  const headers: Record<string, string> = { 'content-type': 'application/json', 'svix-id': id };
  if (options.signed !== false) {
    headers['svix-timestamp'] = String(Math.floor(at.getTime() / 1000));
    headers['svix-signature'] = new Webhook(E2E_WEBHOOK_SECRET).sign(id, at, payload);
  }
  const response = await fetch(`${baseUrl()}/api/webhooks/resend`, {
    method: 'POST',
    headers,
    body: payload,
  });
  await response.arrayBuffer();
  return response.status;
}
