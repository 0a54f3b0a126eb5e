import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // The real `server-only` throws outside Next's server bundle.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/empty.ts'),
    },
  },
  test: {
    environment: 'node',
    // Queued invitation emails seal their link under a key from AUTH_SECRET (lib/sealed.ts).
    // A request waits for its emails (EMAIL_WAIT_MS) longer than in production, so that a busy machine
    // does not turn an Invited into a Sending; the files that test Sending set their own.
    env: {
      AUTH_SECRET: process.env.AUTH_SECRET || 'vitest-auth-secret-not-for-production-0123456789',
      EMAIL_WAIT_MS: '20000',
    },
    // Each test starts from the environment above: what a test or its hooks set with vi.stubEnv is undone
    // before the next one, so no file saves and restores process.env by hand.
    unstubEnvs: true,
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Migrates one PGlite database that every file's own starts from (not on PostgreSQL).
    globalSetup: ['tests/support/pglite-snapshot.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite takes seconds to start: one instance per file, files spread over the two cores.
    fileParallelism: true,
    maxWorkers: 2,
    // next-auth's ESM imports `next/server` without an extension, which Node's own loader refuses; let
    // Vite resolve it, so tests can run the real Auth.js (sign-in links, sessions).
    server: { deps: { inline: ['next-auth'] } },
  },
});
