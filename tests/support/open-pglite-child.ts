// Run as a separate process by tests/db/client.test.ts: opens the PGlite folder given as the first
// argument and reports on stdout/stderr. Exit 0: opened; exit 3: DatabaseLockedError (message on stderr).
// With --lock-only it only takes and releases the folder's lock (fast: no database start-up).
import { acquirePgliteLock, DatabaseLockedError, openPglite } from '../../db/client';

const dataDir = process.argv[2];
const lockOnly = process.argv.includes('--lock-only');
if (!dataDir) {
  console.error('usage: open-pglite-child <dataDir> [--lock-only]');
  process.exit(2);
}

try {
  if (lockOnly) {
    const release = acquirePgliteLock(dataDir);
    console.log('locked');
    release();
  } else {
    const handle = await openPglite(dataDir);
    console.log(`opened ${handle.driver}`);
    await handle.close();
  }
  process.exit(0);
} catch (error) {
  if (error instanceof DatabaseLockedError) {
    console.error(error.message);
    process.exit(3);
  }
  console.error(error);
  process.exit(1);
}
