// The one way the app sends email. Transport `resend` when RESEND_API_KEY is set, otherwise the
// development mailbox (messages kept in the database and shown at /dev/mailbox). API failures come back
// as values, never as exceptions, so a caller can record them and carry on.
import { emailFrom, emailTransport } from '@/lib/config';
import { sendWithMailbox } from './mailbox';
import { sendWithResend } from './resend';

export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Same key, same message: the API sends it once even if we retry. */
  idempotencyKey?: string;
  /** Short labels for the provider's dashboard (`kind: invitation`). */
  tags?: Record<string, string>;
}

/**
 * What the API answered for one message. A failure is `retryable` when trying again later may succeed (no
 * answer, a timeout, 429, 5xx); otherwise the API refused the message itself (a 4xx) and it never will.
 */
export type DeliveryResult = { ok: true; id: string } | { ok: false; error: string; retryable: boolean };

/** Resend's batch endpoint takes at most 100 messages. */
export const MAX_BATCH = 100;

export interface Transport {
  name: 'resend' | 'mailbox';
  /** Sends up to MAX_BATCH messages in one call; one result per message, in order. */
  sendBatch(messages: EmailMessage[], from: string): Promise<DeliveryResult[]>;
}

function transport(): Transport {
  return emailTransport() === 'resend'
    ? { name: 'resend', sendBatch: sendWithResend }
    : { name: 'mailbox', sendBatch: sendWithMailbox };
}

/** Strips CR/LF so that nothing a user typed can add a header. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * Sends every message, MAX_BATCH per API call, and returns one result per message in order. Never
 * throws for delivery problems: a failed batch gives each of its messages `{ ok: false, error }`.
 */
export async function sendEmails(messages: EmailMessage[]): Promise<DeliveryResult[]> {
  if (messages.length === 0) return [];
  const chosen = transport();
  const from = emailFrom();
  const safe = messages.map((message) => ({
    ...message,
    to: headerSafe(message.to),
    subject: headerSafe(message.subject),
  }));
  const results: DeliveryResult[] = [];
  for (let start = 0; start < safe.length; start += MAX_BATCH) {
    const batch = safe.slice(start, start + MAX_BATCH);
    try {
      results.push(...(await chosen.sendBatch(batch, from)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[email] ${chosen.name} transport failed:`, message);
      // A thrown error is no answer at all (the network, a timeout): worth another try.
      results.push(...batch.map(() => ({ ok: false as const, error: message, retryable: true })));
    }
  }
  return results;
}

export async function sendEmail(message: EmailMessage): Promise<DeliveryResult> {
  const [result] = await sendEmails([message]);
  return result;
}
