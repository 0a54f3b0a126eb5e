// The sign-in email's language (app/auth.ts): the one the address's account chose, else the language of
// the request that asked for the link (its cookie, then Accept-Language), else English.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => ({ requestHeaders: new Headers(), cookie: undefined as string | undefined }));

vi.mock('next/headers', () => ({
  headers: vi.fn(async () => mocks.requestHeaders),
  cookies: vi.fn(async () => ({
    set: vi.fn(),
    get: vi.fn((name: string) =>
      name === 'ai-hub-locale' && mocks.cookie ? { name, value: mocks.cookie } : undefined,
    ),
    delete: vi.fn(),
    getAll: vi.fn(() => []),
  })),
}));

import { signInWithEmailAction } from '@/app/actions/auth';
import { saveAccountLocale } from '@/lib/auth/locale';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { useTestDatabase } from '../support/db';
import { createUser } from '../support/factories';

useTestDatabase();

beforeEach(() => {
  vi.stubEnv('AUTH_SECRET', 'test-secret-for-sign-in-links');
  vi.stubEnv('APP_URL', 'https://console.example.com');
  mocks.cookie = undefined;
});

/** Asks for a sign-in link for `email` with these request headers; returns the email sent. */
async function signInEmail(email: string, headers: Record<string, string>) {
  mocks.requestHeaders = new Headers(headers);
  const form = new FormData();
  form.set('email', email);
  // A successful submit ends with redirect('/login/check-email'), which Next implements as a throw.
  await signInWithEmailAction({}, form).catch(() => undefined);
  const message = (await listMailboxMessages()).find((m) => m.to === email);
  expect(message, 'a sign-in email was sent').toBeDefined();
  return message!;
}

describe('the sign-in email', () => {
  it("is in the language the address's account chose, whatever the browser asks for", async () => {
    const user = await createUser();
    await saveAccountLocale(user.userId, 'ja');
    const email = await signInEmail(user.email, { 'accept-language': 'ko-KR,ko;q=0.9' });
    expect(email.subject).toBe('AI Hub へのサインイン');
    expect(email.text).toContain('このリンクの有効期限は 24 時間で、1 回のみ使用できます。');
    expect(email.html).toMatch(/<html[^>]* lang="ja"/);
  });

  it("for an address with no choice, is in the requesting browser's language (its cookie, then Accept-Language)", async () => {
    const korean = await signInEmail('new-ko@example.com', { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });
    expect(korean.subject).toBe('AI Hub 로그인');
    mocks.cookie = 'ja';
    const japanese = await signInEmail('new-ja@example.com', { 'accept-language': 'ko-KR' });
    expect(japanese.subject).toBe('AI Hub へのサインイン');
  });

  it('with no language known, is in English', async () => {
    const email = await signInEmail('new-en@example.com', {});
    expect(email.subject).toBe('Sign in to AI Hub');
    expect(email.text).toContain('This link expires in 24 hours and can be used once.');
  });
});
