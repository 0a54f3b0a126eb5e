// The fake Resend API (./fake-resend-server.ts) for tests: one per file or describe block with
// `useFakeResend()`, and the app's email module pointed at it (or at a closed port) with `useResendAt()`.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
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

const EMAIL_ENV = ['RESEND_API_KEY', 'RESEND_BASE_URL', 'EMAIL_TIMEOUT_MS', 'EMAIL_TRANSPORT'] as const;

/**
 * Points the app's email module at `baseUrl` (the fake, or a closed port). Returns a function that
 * restores the environment as it was. Each call uses a new API key: lib/email/resend.ts keeps one client
 * per key, and a client keeps the base URL it was made with.
 */
export function useResendAt(baseUrl: string, options: { timeoutMs?: number } = {}): () => void {
  const saved = Object.fromEntries(EMAIL_ENV.map((name) => [name, process.env[name]]));
  process.env.RESEND_API_KEY = `re_test_${randomBytes(8).toString('hex')}`;
  process.env.RESEND_BASE_URL = baseUrl;
  process.env.EMAIL_TIMEOUT_MS = String(options.timeoutMs ?? 500);
  delete process.env.EMAIL_TRANSPORT;
  return () => {
    for (const name of EMAIL_ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  };
}

/** A base URL on which nothing listens: a server is opened on a random port, noted and closed. */
export async function refusedBaseUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
