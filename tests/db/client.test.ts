import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquirePgliteLock,
  DatabaseLockedError,
  openFromEnvironment,
  openPostgres,
  type Database,
  type DatabaseHandle,
} from '@/db/client';
import { MAX_PREPARED_PARAMETERS } from '@/db/prepared';
import { users } from '@/db/schema';
import { usingPostgres, useTestDatabase } from '../support/db';
import { rawRows } from '../support/raw-rows';

const testDb = useTestDatabase();

const EXPECTED_TABLES = [
  'accounts',
  'audit_events',
  'development_dns_records',
  'email_events',
  'email_messages',
  'invitations',
  'join_requests',
  'mailbox_messages',
  'memberships',
  'organization_deletions',
  'organization_domains',
  'organizations',
  'rate_limit_buckets',
  'scim_group_members',
  'scim_groups',
  'scim_tokens',
  'sessions',
  'sso_assertions',
  'sso_connections',
  'sso_requests',
  'users',
  'verification_tokens',
];

async function tablesOf(db: Database) {
  const found = await rawRows<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return found.map((row) => row.table_name);
}

const opened: DatabaseHandle[] = [];
const folders: string[] = [];

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-pglite-'));
  folders.push(dir);
  return path.join(dir, 'db');
}

afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close().catch(() => {});
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs tests/support/open-pglite-child.ts on `dataDir` in a separate process. */
function openInChild(
  dataDir: string,
  options: { lockOnly?: boolean } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = ['--import', 'tsx', path.join('tests', 'support', 'open-pglite-child.ts'), dataDir];
  if (options.lockOnly) args.push('--lock-only');
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: process.cwd(), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: number | string }).code : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}

/** The pid of a process that has exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('driver choice', () => {
  it.skipIf(!usingPostgres)('uses postgres.js when DATABASE_URL is set', async () => {
    const handle = await openFromEnvironment({ DATABASE_URL: process.env.TEST_DATABASE_URL! });
    opened.push(handle);
    expect(handle.driver).toBe('postgres');
    const [row] = await rawRows<{ one: number }>(handle.db, sql`SELECT 1::int AS one`);
    expect(row.one).toBe(1);
  });
});

// db/prepared.ts: what stays prepared on a connection (one connection, so that its session is the one read).
describe.skipIf(!usingPostgres)('prepared statements on PostgreSQL', () => {
  const kept = sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%prepared_probe%'`;

  async function openOne(url: string) {
    const handle = await openPostgres(url, { max: 1 });
    opened.push(handle);
    return handle.db;
  }

  /** A SELECT whose text carries `tag` (so a transaction's own statement is told from the one outside). */
  function probe(db: Database, ids: string[], tag = 'outside') {
    return db
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, ids), sql.raw(`'prepared_probe_${tag}' IS NOT NULL`)));
  }

  it('keeps a statement drizzle runs prepared on its connection, in a transaction too, and reuses it', async () => {
    const db = await openOne(testDb.url!);
    await probe(db, [randomUUID()]);
    await probe(db, [randomUUID()]);
    await db.transaction(async (tx) => {
      await probe(tx, [randomUUID()], 'transaction');
      await probe(tx, [randomUUID()], 'transaction');
    });
    // One statement each, outside and in the transaction: prepared once, then reused.
    const [row] = await rawRows<{ n: number }>(db, kept);
    expect(row.n).toBe(2);
  });

  it(`leaves a statement of more than ${MAX_PREPARED_PARAMETERS} parameters (a bulk write's size) unprepared`, async () => {
    const db = await openOne(testDb.url!);
    await probe(
      db,
      Array.from({ length: MAX_PREPARED_PARAMETERS + 1 }, () => randomUUID()),
    );
    const [row] = await rawRows<{ n: number }>(db, kept);
    expect(row.n).toBe(0);
  });

  it('prepares a kept statement again once a migration changes what it returns (a transaction fails once)', async () => {
    const db = await openOne(testDb.url!);
    const migrate = testDb.handle.db;
    await migrate.execute(sql`CREATE TABLE prepared_probe_table (id int, a int)`);
    try {
      await migrate.execute(sql`INSERT INTO prepared_probe_table VALUES (1, 2)`);
      const read = (on: Database) =>
        rawRows<Record<string, unknown>>(on, sql`SELECT * FROM prepared_probe_table WHERE id = ${1}`);
      expect(await read(db)).toEqual([{ id: 1, a: 2 }]);
      await migrate.execute(sql`ALTER TABLE prepared_probe_table ADD COLUMN b text`);
      expect(await read(db)).toEqual([{ id: 1, a: 2, b: null }]);
      await migrate.execute(sql`ALTER TABLE prepared_probe_table ADD COLUMN c text`);
      await expect(db.transaction((tx) => read(tx))).rejects.toThrow();
      expect(await db.transaction((tx) => read(tx))).toEqual([{ id: 1, a: 2, b: null, c: null }]);
    } finally {
      await migrate.execute(sql`DROP TABLE prepared_probe_table`);
    }
  });

  it('prepares nothing with ?prepare=false in the URL (for a pooler in transaction mode)', async () => {
    const url = new URL(testDb.url!);
    url.searchParams.set('prepare', 'false');
    const db = await openOne(url.toString());
    await probe(db, [randomUUID()]);
    await db.transaction(async (tx) => {
      await probe(tx, [randomUUID()], 'transaction');
    });
    const [row] = await rawRows<{ n: number }>(db, kept);
    expect(row.n).toBe(0);
  });
});

// One embedded database on disk serves the next tests (each start-up takes seconds).
describe('PGlite in a folder, and its lock', () => {
  let dir: string;
  let handle: DatabaseHandle;

  it('is the driver without DATABASE_URL: opened in PGLITE_DIR, migrated, locked by this process', async () => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aihub-pglite-')), 'db');
    handle = await openFromEnvironment({ PGLITE_DIR: dir });
    expect(handle.driver).toBe('pglite');
    expect(fs.existsSync(dir)).toBe(true);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    expect(await tablesOf(handle.db)).toEqual(EXPECTED_TABLES);
    // A fresh PGlite (WASM start, then every migration) is CPU-bound: seconds alone, far more on a
    // machine whose two cores are busy, so it gets more than the default 30 s.
  }, 120_000);

  it('refuses a second process on the same folder with a message naming the folder and suggesting DATABASE_URL', async () => {
    expect(handle).toBeDefined();
    const child = await openInChild(dir);
    expect(child.code).toBe(3);
    expect(child.stderr).toContain(
      `The embedded database in ${dir} is already open in another process (pid ${process.pid})`,
    );
    expect(child.stderr).toContain('set DATABASE_URL');
    expect(child.stdout).not.toContain('opened');
  });

  it('releases the lock on close, after which another process may take the folder', async () => {
    expect(handle).toBeDefined();
    await handle.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    const child = await openInChild(dir, { lockOnly: true });
    expect(child.stderr).toBe('');
    expect(child.stdout).toContain('locked');
    expect(child.code).toBe(0);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('takes over a stale lock left by a process that died', async () => {
    const stale = tempDir();
    const pid = await deadPid();
    fs.writeFileSync(`${stale}.lock`, String(pid));
    const release = acquirePgliteLock(stale);
    expect(fs.readFileSync(`${stale}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${stale}.lock`)).toBe(false);
  });

  it('refuses in this process too when the holder is another live process', () => {
    const held = tempDir();
    fs.writeFileSync(`${held}.lock`, String(process.ppid));
    expect(() => acquirePgliteLock(held)).toThrow(DatabaseLockedError);
    expect(fs.readFileSync(`${held}.lock`, 'utf8')).toBe(String(process.ppid));
  });

  it('DatabaseLockedError names the folder, the holder and the way out', () => {
    const error = new DatabaseLockedError('/tmp/x', 42);
    expect(error.name).toBe('DatabaseLockedError');
    expect(error.message).toMatch(/\/tmp\/x.*pid 42.*DATABASE_URL/s);
  });
});

describe('migrations', () => {
  it(`create every table on this run's database (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, async () => {
    expect(testDb.handle.driver).toBe(usingPostgres ? 'postgres' : 'pglite');
    expect(await tablesOf(testDb.handle.db)).toEqual(EXPECTED_TABLES);
    const [row] = await rawRows<{ n: number }>(
      testDb.handle.db,
      sql`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'invitations_one_pending_per_email_idx'`,
    );
    expect(row.n).toBe(1);
  });
});
