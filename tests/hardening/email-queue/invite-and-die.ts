// A process that commits invitations (their emails queued in the same transaction) and is killed at
// once, before any worker could send them: the crash that tests/hardening/email-queue.test.ts recovers
// from. Input (JSON in argv[2]): the organization, the inviting Owner, the addresses. Needs DATABASE_URL.
import { openPostgres, setDatabaseHandle } from '@/db/client';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { inviteMembers } from '@/lib/invitations';

const input = JSON.parse(process.argv[2] ?? '{}') as {
  organizationId: string;
  owner: Actor;
  emails: string[];
};
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required');
// Answer at once, without waiting for a worker (there is none in this process).
process.env.EMAIL_WAIT_MS = '0';
setDatabaseHandle(await openPostgres(process.env.DATABASE_URL, { max: 2 }));
const summary = await inviteMembers(input.owner, {
  organizationId: input.organizationId,
  emails: input.emails,
  role: 'member',
});
process.stdout.write(`${JSON.stringify(summary.counts)}\n`);
// Killed, not stopped: no shutdown, nothing flushed, as a crashed server would be.
process.kill(process.pid, 'SIGKILL');
