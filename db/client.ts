// The database client. With DATABASE_URL: postgres.js on a real PostgreSQL server. Without it: an
// embedded PGlite database in a local folder, opened lazily once per process, migrated when opened and
// guarded by a lock file (PGlite has no lock of its own: two writers on one folder silently lose rows).
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { preparing } from './prepared';
import * as schema from './schema';

/** The database, or an open transaction (drizzle's transaction is a database too): what a query runs on. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * An open transaction. A function whose statements only mean something inside one (a row lock, an audit
 * event that must commit with its change) takes this, so that the bare database cannot be passed to it.
 */
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  typeof schema,
  ExtractTablesWithRelations<typeof schema>
>;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /**
   * What the job queue (lib/jobs) connects through: the same embedded instance (PGlite has one
   * connection and one process), or the server's URL, on which the queue keeps a small pool of its own.
   */
  queue: { pglite: PGlite } | { url: string };
  close(): Promise<void>;
}

/** The environment variables a function reads (process.env by default). */
type Env = Record<string, string | undefined>;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
export const DEFAULT_PGLITE_DIR = '.data/pglite';

export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is already open in another process (pid ${holderPid}). ` +
        `PGlite allows one process per folder. Stop the other process (for example a running ` +
        `\`npm run dev\`), or set DATABASE_URL to use a PostgreSQL server that many processes can share.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock file for this process; a live holder makes it throw DatabaseLockedError. */
export function acquirePgliteLock(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DatabaseLockedError(dataDir, holder);
      }
      // A stale lock from a process that died: take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock for ${dataDir}`);
}

/** Opens an embedded PGlite database in `dataDir` (or in memory with `memory://`) and migrates it. */
export async function openPglite(
  dataDir: string,
  options: {
    lock?: boolean;
    /** A dump of an in-memory database to start from (PGlite's dumpDataDir): the tests' migrated snapshot. */
    from?: Blob;
  } = {},
): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith('memory://');
  const release = !inMemory && options.lock !== false ? acquirePgliteLock(dataDir) : () => {};
  try {
    const [{ PGlite }, { pg_trgm }, { drizzle }, { migrate }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
    if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
    // pg_trgm backs the user table's search indexes (migration 0001 creates the extension).
    const extensions = { pg_trgm };
    const client = inMemory
      ? new PGlite({ extensions, loadDataDir: options.from })
      : new PGlite(dataDir, { extensions });
    await client.waitReady;
    const db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db: db as unknown as Database,
      driver: 'pglite',
      queue: { pglite: client },
      async close() {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Connects to PostgreSQL through postgres.js. Migrations are applied by `npm run db:migrate`. */
export async function openPostgres(
  url: string,
  options: { max?: number; migrate?: boolean; onQuery?: (sql: string) => void } = {},
): Promise<DatabaseHandle> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
  ]);
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const logger = options.onQuery ? { logQuery: (query: string) => options.onQuery!(query) } : undefined;
  const db = drizzle({ client: preparing(client), schema, logger });
  if (options.migrate) {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  return {
    db: db as unknown as Database,
    driver: 'postgres',
    queue: { url },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/** Chooses the driver from the environment: DATABASE_URL → PostgreSQL, otherwise PGlite in PGLITE_DIR. */
export function openFromEnvironment(env: Env = process.env): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPglite(env.PGLITE_DIR || DEFAULT_PGLITE_DIR);
}

// One handle per process, opened on first use. Kept on globalThis so that Next's dev server, which
// re-evaluates modules on every edit, does not open the folder a second time.
const globalForDb = globalThis as unknown as { __aiHubDb?: Promise<DatabaseHandle> };

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!globalForDb.__aiHubDb) {
    globalForDb.__aiHubDb = openFromEnvironment().catch((error) => {
      globalForDb.__aiHubDb = undefined;
      throw error;
    });
  }
  return globalForDb.__aiHubDb;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Tests and scripts hand the process an already-open handle (or clear it with undefined). */
export function setDatabaseHandle(handle: DatabaseHandle | undefined) {
  globalForDb.__aiHubDb = handle ? Promise.resolve(handle) : undefined;
}

export { schema };
