// Each test file gets its own database: PGlite in memory by default, or a fresh PostgreSQL database
// (created here, dropped afterwards) when TEST_DATABASE_URL is set. Every table of the schema is emptied
// between tests.
import { randomBytes } from 'node:crypto';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import * as schema from '@/db/schema';
import { openPglite, openPostgres, setDatabaseHandle, type DatabaseHandle } from '@/db/client';
import { resetClock } from '@/lib/clock';
import { stopBoss, workJobsOnFirstUse } from '@/lib/jobs';

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * Every table of the app's schema, read from db/schema's exports: a table added there is emptied between
 * tests without touching this file. (pg-boss keeps its queues in its own schema, which is not reset.)
 */
export const SCHEMA_TABLES: readonly string[] = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

/** Empties every table of the schema, as happens before each test. */
export async function emptyAllTables(handle: DatabaseHandle): Promise<void> {
  const names = SCHEMA_TABLES.map((name) => `"${name}"`).join(', ');
  await handle.db.execute(sql.raw(`TRUNCATE ${names} RESTART IDENTITY CASCADE`));
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The connection string of this file's own database (PostgreSQL only). */
  url?: string;
}

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `aihub_test_${randomBytes(6).toString('hex')}`;
  const { default: postgres } = await import('postgres');
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(base, { max: 1, onnotice: () => {} });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

/** Opens this file's database before its tests and hands it to the app's client module. */
export function useTestDatabase(options: { max?: number; workJobs?: boolean } = {}): TestDatabase {
  const state = {} as TestDatabase;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (usingPostgres) {
      const created = await createPostgresDatabase();
      drop = created.drop;
      state.url = created.url;
      state.handle = await openPostgres(created.url, { migrate: true, max: options.max ?? 10 });
    } else {
      // The migrated snapshot of the global setup (tests/support/pglite-snapshot.ts), when there is one.
      const snapshot = inject('pgliteSnapshot');
      const from = snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined;
      state.handle = await openPglite('memory://', { from });
    }
    setDatabaseHandle(state.handle);
    // Emails queued by the tests are sent by this process's own worker, as a web server does (unless the
    // file runs its queues itself: workJobs false).
    if (options.workJobs !== false) workJobsOnFirstUse();
  });
  beforeEach(async () => {
    resetClock();
    await emptyAllTables(state.handle);
  });
  afterAll(async () => {
    await stopBoss(1_000);
    setDatabaseHandle(undefined);
    await state.handle?.close();
    await drop?.();
  });
  return state;
}
