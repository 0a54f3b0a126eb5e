// Named prepared statements for drizzle on postgres.js. Drizzle sends every statement it is not given a
// name for as an unnamed one, which PostgreSQL parses and plans again on each call; for the console's
// page views the planning cost more than the execution (docs/architecture.md, "What a page view costs").
// postgres.js can keep a statement prepared on each connection, keyed by its text, and so can reuse the
// plan: this wrapper asks it to, for every statement drizzle runs, in and out of transactions.
//
// Statements with many parameters are left unnamed: their text grows with a bulk write's size (an
// INSERT of n rows), so each size would stay prepared on every connection until it is recycled.
// `?prepare=false` in DATABASE_URL (for a pooler in transaction mode that cannot keep prepared
// statements) turns all of it off: postgres.js then names no statement at all.
import type { Sql } from 'postgres';

/** Above this many parameters a statement is taken for a bulk write of one size, and not kept prepared. */
export const MAX_PREPARED_PARAMETERS = 64;

type Unsafe = Sql['unsafe'];

/** `client` as drizzle sees it, with its statements (and those of its transactions) prepared. */
export function preparing<T extends Sql>(client: T): T {
  // Built once per client: drizzle reads `unsafe` for every statement it runs.
  const unsafe: Unsafe = (query, parameters, options) =>
    client.unsafe(query, parameters, {
      ...options,
      // Drizzle asks for `prepare: false` whenever a statement has no name of its own.
      prepare: Boolean(options?.prepare) || (parameters?.length ?? 0) <= MAX_PREPARED_PARAMETERS,
    });
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') return unsafe;
      // A transaction (and a savepoint in one) runs on a client of its own, handed to the callback.
      if (property === 'begin' || property === 'savepoint') {
        const start = Reflect.get(target, property, target) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) =>
          start.apply(
            target,
            args.map((arg) =>
              typeof arg === 'function'
                ? (inner: Sql) => (arg as (client: Sql) => unknown)(preparing(inner))
                : arg,
            ),
          );
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
