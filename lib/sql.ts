// Small helpers for raw SQL that must run the same on PGlite and postgres.js.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
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

/**
 * Whether `error` is a unique violation of the index `index`. Drizzle wraps the driver's error in
 * `cause`; postgres.js names the index `constraint_name`, PGlite `constraint`, and a driver that names
 * none is taken at its word that the statement had only this index to break.
 */
export function isUniqueViolation(error: unknown, index: string): boolean {
  const { code, constraint_name, constraint } = ((error as { cause?: unknown })?.cause ?? error ?? {}) as {
    code?: string;
    constraint_name?: string;
    constraint?: string;
  };
  return code === '23505' && (constraint_name ?? constraint ?? index) === index;
}

/** In an upsert's DO UPDATE, the value the insert proposed for `column` (PostgreSQL's `excluded` row). */
export function excluded(column: AnyPgColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

/**
 * Runs raw SQL (the set-based statements Drizzle's query builder cannot write) and returns its rows, each
 * read by `row`: a column renamed in the SQL or missing fails here, at once, rather than turning into an
 * undefined further on, and the rows' type comes from the schema rather than a cast.
 */
export async function rows<S extends z.ZodType>(db: Database, query: SQL, row: S): Promise<z.output<S>[]> {
  const result: unknown = await db.execute(query);
  const found: unknown[] = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return found.map((item) => row.parse(item));
}

/**
 * How a raw row's values are read, the same whichever driver returned them: postgres.js returns a
 * bigint count as text and json as parsed values, PGlite json as text; `::int` counts are numbers.
 */
export const column = {
  /** A count or another whole number (a bigint may come as text). */
  count: z.coerce.number().int(),
  /** A whole number, or null. */
  nullableCount: z.union([z.null(), z.coerce.number().int()]),
  /** A timestamp, as a Date. */
  date: z.coerce.date(),
  nullableDate: z.union([z.null(), z.coerce.date()]),
  /** A json or jsonb value read by `schema` (text on one driver, already parsed on the other). */
  json<S extends z.ZodType>(schema: S) {
    return z.preprocess(
      (value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
      schema,
    );
  },
};
