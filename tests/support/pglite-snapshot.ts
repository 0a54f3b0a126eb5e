// Vitest's global setup: one in-memory PGlite, migrated once, dumped to a file that every test file's
// database starts from (tests/support/db.ts), instead of each file running every migration again (about
// three seconds a file on these machines). Not used on PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated database's dump, or '' on PostgreSQL. */
    pgliteSnapshot: string;
  }
}

let file: string | undefined;

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteSnapshot', '');
    return;
  }
  const { openPglite } = await import('@/db/client');
  const handle = await openPglite('memory://');
  const client = (handle.queue as { pglite: import('@electric-sql/pglite').PGlite }).pglite;
  const dump = await client.dumpDataDir('none');
  await handle.close();
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ai-hub-pglite-')), 'migrated.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
}

export function teardown() {
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
