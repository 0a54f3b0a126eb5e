// Raw SQL rows in tests and the benchmark, which read the database to check it: typed by the caller and
// not validated (the product's own raw reads are validated by a row schema: lib/sql.ts `rows`).
import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { rows } from '@/lib/sql';

export function rawRows<T>(db: Database, query: SQL): Promise<T[]> {
  return rows(db, query, z.custom<T>());
}
