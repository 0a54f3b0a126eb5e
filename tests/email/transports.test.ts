import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { mailboxMessages } from '@/db/schema';
import { ConfigurationError, emailTransport, isMailboxActive } from '@/lib/config';
import { MAX_BATCH, sendEmail, sendEmails, type EmailMessage } from '@/lib/email';
import { getMailboxMessage, listMailboxMessages } from '@/lib/email/mailbox';
import { useTestDatabase } from '../support/db';
import { refusedBaseUrl, useFakeResend, useResendAt } from '../support/fake-resend';

useTestDatabase();

function message(n: number, extra: Partial<EmailMessage> = {}): EmailMessage {
  return {
    to: `person-${n}@example.com`,
    subject: `Subject ${n}`,
    html: `<p>Body ${n}</p>`,
    text: `Body ${n}`,
    idempotencyKey: `key-${n}`,
    tags: { kind: 'test' },
    ...extra,
  };
}

async function mailboxCount() {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(mailboxMessages);
  return row.n;
}

const fake = useFakeResend();

beforeEach(() => {
  // The transport errors are logged on purpose; keep the output readable.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('mailbox transport', () => {
  it('is the transport when neither RESEND_API_KEY nor EMAIL_TRANSPORT is set (outside production)', () => {
    expect(process.env.RESEND_API_KEY).toBeUndefined();
    expect(emailTransport()).toBe('mailbox');
    expect(isMailboxActive()).toBe(true);
  });

  it('stores each message with its sender, recipient, subject, bodies and tags', async () => {
    const [result] = await sendEmails([message(1)]);
    expect(result).toMatchObject({ ok: true });
    const stored = await getMailboxMessage((result as { id: string }).id);
    expect(stored).toMatchObject({
      from: 'AI Hub <no-reply@aihub.localhost>',
      to: 'person-1@example.com',
      subject: 'Subject 1',
      html: '<p>Body 1</p>',
      text: 'Body 1',
      tags: { kind: 'test' },
    });
  });

  it('lists messages newest first', async () => {
    await sendEmail(message(1));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sendEmail(message(2));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sendEmail(message(3));
    const listed = await listMailboxMessages();
    expect(listed.map((m) => m.to)).toEqual([
      'person-3@example.com',
      'person-2@example.com',
      'person-1@example.com',
    ]);
    expect(await listMailboxMessages(2)).toHaveLength(2);
  });

  it('returns one result per message, in order, for more than one batch', async () => {
    const messages = Array.from({ length: MAX_BATCH + 5 }, (_, i) => message(i));
    const results = await sendEmails(messages);
    expect(results).toHaveLength(MAX_BATCH + 5);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await mailboxCount()).toBe(MAX_BATCH + 5);
  });
});

describe('resend transport against the fake API', () => {
  beforeEach(() => {
    useResendAt(fake.baseUrl);
  });

  it('is the transport when RESEND_API_KEY is set', () => {
    expect(emailTransport()).toBe('resend');
    expect(isMailboxActive()).toBe(false);
  });

  it('sends one message with POST /emails, carrying the idempotency key header and the bearer key', async () => {
    const [result] = await sendEmails([message(1)]);
    expect(result).toMatchObject({ ok: true, id: expect.stringMatching(/^fake-/) });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/emails', idempotencyKey: 'key-1' });
    expect(request.headers.authorization).toBe(`Bearer ${process.env.RESEND_API_KEY}`);
    expect(request.body).toMatchObject({
      from: 'AI Hub <no-reply@aihub.localhost>',
      to: 'person-1@example.com',
      subject: 'Subject 1',
      html: '<p>Body 1</p>',
      text: 'Body 1',
      tags: [{ name: 'kind', value: 'test' }],
    });
  });

  it('sends several messages with one POST /emails/batch and maps each id back in order', async () => {
    const results = await sendEmails([message(1), message(2), message(3)]);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/emails/batch' });
    expect(request.idempotencyKey).toMatch(/^batch-[0-9a-f]{48}$/);
    expect((request.body as { to: string }[]).map((m) => m.to)).toEqual([
      'person-1@example.com',
      'person-2@example.com',
      'person-3@example.com',
    ]);
    expect(results).toHaveLength(3);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r as { id: string }).id)).size).toBe(3);
  });

  it('sends 150 messages in 2 batch calls of 100 and 50', async () => {
    const results = await sendEmails(Array.from({ length: 150 }, (_, i) => message(i)));
    expect(fake.requests.map((r) => r.path)).toEqual(['/emails/batch', '/emails/batch']);
    expect(fake.requests.map((r) => (r.body as unknown[]).length)).toEqual([100, 50]);
    expect(results).toHaveLength(150);
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('gives the same batch the same idempotency key, and a different batch a different one', async () => {
    await sendEmails([message(1), message(2)]);
    await sendEmails([message(1), message(2)]);
    await sendEmails([message(1), message(3)]);
    const keys = fake.requests.map((r) => r.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('turns an API 500 into { ok: false, retryable } results instead of throwing (single and batch)', async () => {
    fake.setMode('error500');
    const [single] = await sendEmails([message(1)]);
    expect(single).toEqual({ ok: false, error: 'The fake API is down.', retryable: true });
    const batch = await sendEmails([message(1), message(2)]);
    expect(batch).toEqual([
      { ok: false, error: 'The fake API is down.', retryable: true },
      { ok: false, error: 'The fake API is down.', retryable: true },
    ]);
    expect(fake.requests).toHaveLength(2);
  });

  it('turns a refused connection into { ok: false } results', async () => {
    useResendAt(await refusedBaseUrl());
    const results = await sendEmails([message(1), message(2)]);
    expect(results).toHaveLength(2);
    for (const result of results) expect(result).toMatchObject({ ok: false, error: expect.any(String) });
    expect(fake.requests).toHaveLength(0);
  });

  it('gives up on a hanging API after EMAIL_TIMEOUT_MS with { ok: false }', async () => {
    fake.setMode('hang');
    const started = Date.now();
    const results = await sendEmails([message(1), message(2)]);
    const took = Date.now() - started;
    expect(results).toEqual([
      { ok: false, error: 'The email API did not answer within 500 ms.', retryable: true },
      { ok: false, error: 'The email API did not answer within 500 ms.', retryable: true },
    ]);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(5_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('waits for a slow API that answers within EMAIL_TIMEOUT_MS', async () => {
    fake.setMode('slow', { slowMs: 150 });
    const results = await sendEmails([message(1)]);
    expect(results[0]).toMatchObject({ ok: true });
  });

  it('writes nothing to mailbox_messages', async () => {
    await sendEmails([message(1)]);
    await sendEmails([message(2), message(3)]);
    expect(fake.requests).toHaveLength(2);
    expect(await mailboxCount()).toBe(0);
  });

  it('never lets CR/LF in a subject or recipient reach the API', async () => {
    await sendEmails([
      message(1, { subject: 'Hello\r\nBcc: victim@example.com', to: 'person-1@example.com\r\n' }),
    ]);
    await sendEmails([message(2, { subject: 'Line one\nLine two' }), message(3, { subject: 'A\rB' })]);
    const posted = fake.emails();
    expect(posted.map((m) => m.subject)).toEqual([
      'Hello Bcc: victim@example.com',
      'Line one Line two',
      'A B',
    ]);
    expect(posted[0].to).toBe('person-1@example.com');
    // None of these bodies has a line break, so none may appear anywhere in what was posted.
    for (const request of fake.requests) expect(JSON.stringify(request.body)).not.toMatch(/\\r|\\n/);
    for (const m of posted) expect(m.subject).not.toMatch(/[\r\n]/);
  });
});

describe('emailTransport() configuration', () => {
  it('refuses to start in production with neither RESEND_API_KEY nor EMAIL_TRANSPORT', () => {
    expect(() => emailTransport({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => emailTransport({ NODE_ENV: 'production' })).toThrow(/RESEND_API_KEY/);
    expect(isMailboxActive({ NODE_ENV: 'production' })).toBe(false);
  });

  it('allows the mailbox in production when EMAIL_TRANSPORT=mailbox is set on purpose and the public URL is this machine', () => {
    const local = { NODE_ENV: 'production', APP_URL: 'http://localhost:3000' };
    expect(emailTransport({ ...local, EMAIL_TRANSPORT: 'mailbox' })).toBe('mailbox');
    expect(emailTransport({ ...local, EMAIL_TRANSPORT: ' Mailbox ' })).toBe('mailbox');
    expect(emailTransport({ ...local, APP_URL: 'http://127.0.0.1:4000', EMAIL_TRANSPORT: 'mailbox' })).toBe(
      'mailbox',
    );
  });

  it('keeps the mailbox shut in production on a public URL that is not a loopback address (its routes answer 404)', () => {
    const open = {
      NODE_ENV: 'production',
      EMAIL_TRANSPORT: 'mailbox',
      APP_URL: 'https://console.example.com',
    };
    expect(() => emailTransport(open)).toThrow(/loopback/);
    expect(isMailboxActive(open)).toBe(false);
    expect(
      isMailboxActive({ NODE_ENV: 'production', EMAIL_TRANSPORT: 'mailbox' }),
      'no public URL at all',
    ).toBe(false);
  });

  it('uses Resend in production when RESEND_API_KEY is set', () => {
    expect(emailTransport({ NODE_ENV: 'production', RESEND_API_KEY: 're_x' })).toBe('resend');
  });

  it('refuses EMAIL_TRANSPORT=resend without a key, and unknown transport names', () => {
    expect(() => emailTransport({ EMAIL_TRANSPORT: 'resend' })).toThrow(ConfigurationError);
    expect(() => emailTransport({ EMAIL_TRANSPORT: 'smtp' })).toThrow(ConfigurationError);
  });

  it('uses the mailbox in development and tests without a key', () => {
    expect(emailTransport({ NODE_ENV: 'development' })).toBe('mailbox');
    expect(emailTransport({})).toBe('mailbox');
  });
});
