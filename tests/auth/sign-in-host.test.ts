// Finding 1 of the security review, in-process: the sign-in form's server action runs Auth.js's real
// signIn() with request headers a client forged (Host, X-Forwarded-Host, X-Forwarded-Proto), and the
// emailed link must still point at the app's own public URL. The same attack over HTTP against a real
// `next start` is tests/e2e/host-header.e2e.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const mocks = vi.hoisted(() => ({ requestHeaders: new Headers() }));

vi.mock('next/headers', () => ({
  headers: vi.fn(async () => mocks.requestHeaders),
  cookies: vi.fn(async () => ({ set: vi.fn(), get: vi.fn(), delete: vi.fn(), getAll: vi.fn(() => []) })),
}));

import { signInWithEmailAction } from '@/app/actions/auth';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { useTestDatabase } from '../support/db';

useTestDatabase();

const KEYS = ['APP_URL', 'AUTH_URL', 'AUTH_SECRET', 'AUTH_TRUST_HOST', 'NODE_ENV'] as const;

beforeEach(() => {
  for (const key of KEYS) vi.stubEnv(key, undefined);
  vi.stubEnv('AUTH_SECRET', 'test-secret-for-sign-in-links');
});

/** Submits the sign-in form for `email` with these request headers; returns the emailed link (or null). */
async function signInWith(email: string, headers: Record<string, string>): Promise<string | null> {
  mocks.requestHeaders = new Headers(headers);
  const form = new FormData();
  form.set('email', email);
  // A successful submit ends with redirect('/login/check-email'), which Next implements as a throw.
  await signInWithEmailAction({}, form).then(
    (state) =>
      expect.fail(`the action answered ${JSON.stringify(state)} instead of going to "Check your email"`),
    (error: unknown) => expect(String((error as { digest?: string }).digest)).toContain('/login/check-email'),
  );
  const message = (await listMailboxMessages()).find((m) => m.to === email);
  return message ? (/https?:\/\/\S+\/api\/auth\/callback\/\S+/.exec(message.text)?.[0] ?? null) : null;
}

const forged = {
  host: 'evil.example',
  origin: 'http://evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'http',
};

describe('sign-in links use the public URL, never the request host', () => {
  it('with only APP_URL set, forged Host / X-Forwarded-Host give a link on APP_URL', async () => {
    vi.stubEnv('APP_URL', 'https://console.example.com');
    const link = await signInWith('victim@example.com', forged);
    expect(link, 'a sign-in email was sent').not.toBeNull();
    expect(link).toMatch(/^https:\/\/console\.example\.com\/api\/auth\/callback\/email\?/);
    expect(link).not.toContain('evil.example');
  });

  it('with nothing set (development), a forged Host gives a link on http://localhost:<PORT>', async () => {
    vi.stubEnv('PORT', '3456');
    const link = await signInWith('dev@example.com', { ...forged, host: 'evil.example:3456' });
    expect(link).toMatch(/^http:\/\/localhost:3456\/api\/auth\/callback\/email\?/);
  });
});
