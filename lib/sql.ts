// Small helpers for raw SQL that must run the same on PGlite and postgres.js.
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '@/db/client';

/** One bound parameter holding a uuid[] (ids are validated as uuids before they get here). */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** One bound parameter holding a text[]; the values are quoted for the array literal. */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((value) => `"${value.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}

/** One bound parameter holding a jsonb value. */
export function jsonb(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}

/** In an upsert's DO UPDATE, the value the insert proposed for `column` (PostgreSQL's `excluded` row). */
export function excluded(column: AnyPgColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}
