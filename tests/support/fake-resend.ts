// The fake Resend API (./fake-resend-server.ts) for tests: one per file or describe block with
// `useFakeResend()`, and the app's email module pointed at it (or at a closed port) with `useResendAt()`.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { createFakeResend, type FakeResend } from './fake-resend-server';

export {
  startFakeResend,
  type FakeResend,
  type FakeResendMode,
  type PostedEmail,
  type RecordedRequest,
} from './fake-resend-server';

/**
 * Starts a fake for the tests of the enclosing file or describe block and closes it after them; before
 * each test it forgets what it recorded and answers `ok` again. Its port and base URL are set once the
 * tests run (use them inside hooks and tests).
 */
export function useFakeResend(): FakeResend {
  const fake = createFakeResend();
  beforeAll(() => fake.listen());
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.setMode('ok');
  });
  return fake;
}

/**
 * Points the app's email module at `baseUrl` (the fake, or a closed port) for the current test: the
 * variables are stubbed, and vitest's unstubEnvs puts them back before the next test. Each call uses a
 * new API key: lib/email/resend.ts keeps one client per key, and a client keeps the base URL it was made
 * with.
 */
export function useResendAt(baseUrl: string, options: { timeoutMs?: number } = {}): void {
  vi.stubEnv('RESEND_API_KEY', `re_test_${randomBytes(8).toString('hex')}`);
  vi.stubEnv('RESEND_BASE_URL', baseUrl);
  vi.stubEnv('EMAIL_TIMEOUT_MS', String(options.timeoutMs ?? 500));
  vi.stubEnv('EMAIL_TRANSPORT', undefined);
}

/** A base URL on which nothing listens: a server is opened on a random port, noted and closed. */
export async function refusedBaseUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
