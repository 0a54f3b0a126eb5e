// A second handle on this file's test database that records every SQL statement the app sends, on
// either driver: postgres.js through openPostgres({ onQuery }), PGlite through drizzle's logger on the
// same in-memory client. Only the statements the measured call sends count: one that work started
// before it (a promise still running from an earlier test) sends meanwhile is not its cost.
import { AsyncLocalStorage } from 'node:async_hooks';
import { setDatabaseHandle, schema, type DatabaseHandle } from '@/db/client';
import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from './db';

export interface CountingHandle {
  /** Every statement sent through the handle since the last reset. */
  statements: string[];
  reset(): void;
  /** Runs `body` with the app's database set to the counting handle; returns its result and statements. */
  measure<T>(body: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  close(): Promise<void>;
}

export async function openCountingHandle(testDb: TestDatabase): Promise<CountingHandle> {
  const statements: string[] = [];
  const measured = new AsyncLocalStorage<true>();
  const logQuery = (query: string) => {
    if (measured.getStore()) statements.push(query);
  };
  let handle: DatabaseHandle;
  if (testDb.url) {
    const { openPostgres } = await import('@/db/client');
    handle = await openPostgres(testDb.url, { max: 2, onQuery: logQuery });
  } else {
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = (testDb.handle.db as unknown as { $client: import('@electric-sql/pglite').PGlite })
      .$client;
    const db = drizzle({ client, schema, logger: { logQuery } });
    handle = { db: db, driver: 'pglite', queue: { pglite: client }, close: async () => {} };
  }
  return {
    statements,
    reset() {
      statements.length = 0;
    },
    async measure(body) {
      statements.length = 0;
      setDatabaseHandle(handle);
      try {
        const result = await measured.run(true, body);
        return { result, statements: [...statements] };
      } finally {
        setDatabaseHandle(testDb.handle);
      }
    },
    async close() {
      await handle.close();
    },
  };
}

/**
 * A counting handle for the tests of the enclosing file or describe block, opened before them and
 * closed after; call the returned function inside a test.
 */
export function useCountingHandle(testDb: TestDatabase): () => CountingHandle {
  let counting: CountingHandle | undefined;
  beforeAll(async () => {
    counting = await openCountingHandle(testDb);
  });
  afterAll(async () => {
    await counting?.close();
  });
  return () => counting!;
}
