// The app's background jobs, on pg-boss (lib/jobs/boss.ts): emails about changes (./email.ts), the
// scheduled housekeeping, the daily re-check of verified domains (lib/domains/recheck.ts) and the daily
// check of SSO signing certificates about to expire (lib/sso/expiry.ts). Every process that serves the
// app starts the queue; the web server also works it unless EMAIL_WORKER=off, and `npm run worker`
// (scripts/worker.ts) works it in a process of its own.
import 'server-only';
import type { PgBoss } from 'pg-boss';
import { workerInServer } from '../config';
import { getBoss, onBossStarted } from './boss';
import { workEmail } from '../email/worker';
import { scheduleHousekeeping, workHousekeeping } from './housekeeping';
import { scheduleDomainRecheck, workDomainRecheck } from '../domains/recheck';
import { scheduleCertificateExpiry, workCertificateExpiry } from '../sso/expiry';

export { getBoss, stopBoss } from './boss';

/** Works every queue in this process. */
async function workQueues(boss: PgBoss): Promise<void> {
  await workEmail(boss);
  await workHousekeeping(boss);
  await workDomainRecheck(boss);
  await workCertificateExpiry(boss);
}

/**
 * Makes this process work its own jobs from the moment its queue starts (on first use): what the tests
 * do, so that an invitation they send is delivered as on a server.
 */
export function workJobsOnFirstUse(): void {
  onBossStarted(workQueues);
}
export { HOUSEKEEPING_QUEUE, runHousekeeping } from './housekeeping';

/** Starts this process's queue and its schedules and, when `work` is true, works the queues. */
export async function startJobs(options: { work: boolean }): Promise<PgBoss> {
  const boss = await getBoss();
  await scheduleHousekeeping(boss);
  await scheduleDomainRecheck(boss);
  await scheduleCertificateExpiry(boss);
  if (options.work) await workQueues(boss);
  return boss;
}

/**
 * The web server's part, from instrumentation.ts: starts in the background (the server answers at
 * once), works the queues unless EMAIL_WORKER=off, and logs a failure rather than stopping the server.
 */
export function startJobsInServer(): void {
  startJobs({ work: workerInServer() }).catch((error) => {
    console.error('[jobs] the job queue did not start; scheduled housekeeping will not run', error);
  });
}
