// Browser tests: `npm run test:e2e`. A production build served by `next start` (see
// tests/e2e/global-setup.ts), driven by Debian's Chromium through playwright-core.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
    },
  },
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    // One server and one database for the whole run: files one at a time.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    // expect.poll waits for the page like Playwright's own waits do. Vitest's default of 1 s is shorter
    // than a modal's exit on a loaded machine (a run failed on one), and 10 s is what the suite's helpers
    // already give the rows of the user table.
    expect: { poll: { timeout: 10_000 } },
  },
});
