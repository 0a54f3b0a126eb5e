// One "app server" of the two-process concurrency run (tests/hardening/concurrency.test.ts spawns two of
// these with `node --import tsx`). It opens its own connection pool to the shared PostgreSQL database,
// runs its share of random operations with its own clients, tries the invitation-link rate limit for
// one shared client key, and prints its statistics as one JSON line on stdout.
//
// Environment: DATABASE_URL, WORKER_INPUT (JSON: organizationId, pool, clients, operations, seed,
// linkAttempts, linkClientKey, clockStartMs), and the app's own settings (INVITATIONS_PER_ORGANIZATION_
// PER_HOUR, INVITATION_LOOKUPS_PER_MINUTE, INVITATION_RESEND_COOLDOWN_SECONDS, EMAIL_TRANSPORT=mailbox).
import { openPostgres, setDatabaseHandle } from '@/db/client';
import { advanceClock } from '@/lib/clock';
import { allowInvitationAttempt } from '@/lib/invitations';
import { stopBoss, workJobsOnFirstUse } from '@/lib/jobs';
import { runOperations } from './model';

interface WorkerInput {
  organizationId: string;
  pool: string[];
  clients: number;
  operations: number;
  seed: number;
  linkAttempts: number;
  linkClientKey: string;
  /** Both workers run their domain clock from this instant, so that their rate-limit windows agree. */
  clockStartMs: number;
}

const input = JSON.parse(process.env.WORKER_INPUT ?? '{}') as WorkerInput;
if (!process.env.DATABASE_URL || !input.organizationId) {
  console.error('worker: DATABASE_URL and WORKER_INPUT are required');
  process.exit(2);
}

advanceClock(input.clockStartMs - Date.now());
const handle = await openPostgres(process.env.DATABASE_URL, { max: Math.max(4, input.clients + 2) });
setDatabaseHandle(handle);
// Like an app server, this process works the email queue it adds to (its queue stops before it exits).
workJobsOnFirstUse();
try {
  const started = Date.now();
  const [stats, linkResults] = await Promise.all([
    runOperations({ db: handle.db, ...input }),
    Promise.all(
      Array.from({ length: input.linkAttempts }, () => allowInvitationAttempt(input.linkClientKey)),
    ),
  ]);
  const linkAllowed = linkResults.filter(Boolean).length;
  process.stdout.write(
    `${JSON.stringify({ pid: process.pid, ms: Date.now() - started, stats, linkAllowed })}\n`,
  );
} finally {
  await stopBoss(5_000);
  setDatabaseHandle(undefined);
  await handle.close();
}
