// The Resend transport. The client is made on first use (its constructor throws without a key), and it
// honours RESEND_BASE_URL, which the tests point at a fake API on 127.0.0.1. Nothing is stored.
import { createHash } from 'node:crypto';
import { Resend } from 'resend';
import { emailTimeoutMs, resendSettings } from '@/lib/config';
import type { DeliveryResult, EmailMessage } from './index';

let client: { key: string; baseUrl: string; resend: Resend } | undefined;

/** One client per key and API address (the SDK reads RESEND_BASE_URL when it is constructed). */
function resendClient(): Resend {
  const { apiKey: key, baseUrl } = resendSettings();
  if (!client || client.key !== key || client.baseUrl !== baseUrl)
    client = { key, baseUrl, resend: new Resend(key) };
  return client.resend;
}

/** Resolves to the API's answer or rejects after EMAIL_TIMEOUT_MS, so a hanging API cannot hang us. */
function withTimeout<T>(promise: Promise<T>): Promise<T> {
  const ms = emailTimeoutMs();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The email API did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One message as the API takes it, alone or in a batch. */
function payloadOf(message: EmailMessage, from: string) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    tags: message.tags ? Object.entries(message.tags).map(([name, value]) => ({ name, value })) : undefined,
  };
}

/** Whether Resend's error may go away if the same call is made later (no answer, 409 in flight, 429, 5xx). */
function isRetryable(error: { statusCode: number | null; name: string }): boolean {
  if (error.statusCode === null) return true;
  if (error.name === 'concurrent_idempotent_requests') return true;
  return error.statusCode === 429 || error.statusCode >= 500;
}

export async function sendWithResend(messages: EmailMessage[], from: string): Promise<DeliveryResult[]> {
  const resend = resendClient();
  if (messages.length === 1) {
    const [message] = messages as [EmailMessage];
    const { data, error } = await withTimeout(
      resend.emails.send(
        payloadOf(message, from),
        message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : undefined,
      ),
    );
    if (error || !data)
      return [
        {
          ok: false,
          error: error?.message ?? 'The email API returned no id.',
          retryable: error ? isRetryable(error) : true,
        },
      ];
    return [{ ok: true, id: data.id }];
  }

  // One key for the whole batch, derived from the messages' own keys: a retry of the same batch is
  // recognised by the API, a different batch is not.
  const keys = messages.map((message) => message.idempotencyKey);
  const idempotencyKey = keys.every(Boolean)
    ? `batch-${createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 48)}`
    : undefined;
  const { data, error } = await withTimeout(
    resend.batch.send(
      messages.map((message) => payloadOf(message, from)),
      idempotencyKey ? { idempotencyKey } : undefined,
    ),
  );
  if (error || !data) {
    const reason = error?.message ?? 'The email API returned no ids.';
    const retryable = error ? isRetryable(error) : true;
    return messages.map(() => ({ ok: false as const, error: reason, retryable }));
  }
  return messages.map((_, index) => {
    const sent = data.data[index];
    return sent
      ? { ok: true as const, id: sent.id }
      : { ok: false as const, error: 'The email API returned no id for this message.', retryable: true };
  });
}
