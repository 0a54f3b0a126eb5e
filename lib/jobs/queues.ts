// Every queue of the app and its settings, created (idempotently) whenever a process starts pg-boss, so
// that a job can be added from any process before any worker runs.
import type { PgBoss, Queue } from 'pg-boss';
import { emailRetrySettings } from '../config';

export const EMAIL_QUEUE = 'email';
/** Jobs of `email` that failed for good (their tries ran out, or their worker kept dying): pg-boss's dead letter queue. */
export const EMAIL_GAVE_UP_QUEUE = 'email-gave-up';
export const HOUSEKEEPING_QUEUE = 'housekeeping';
/** The daily re-check of verified domains (lib/domains/recheck.ts). */
export const DOMAIN_RECHECK_QUEUE = 'domain-recheck';
/** The daily check of SAML signing certificates about to expire (lib/sso/expiry.ts). */
export const SSO_CERTIFICATE_EXPIRY_QUEUE = 'sso-certificate-expiry';

function queues(): Record<string, Omit<Queue, 'name'>> {
  return {
    // Created before `email`, which names it. Its worker marks what is still unsent as failed.
    [EMAIL_GAVE_UP_QUEUE]: { retryLimit: 10, retryBackoff: true, deleteAfterSeconds: 7 * 24 * 60 * 60 },
    // Retried with exponential backoff (pg-boss's), EMAIL_RETRY_LIMIT times from EMAIL_RETRY_DELAY_SECONDS.
    [EMAIL_QUEUE]: {
      ...emailRetrySettings(),
      retryBackoff: true,
      retryDelayMax: 600,
      expireInSeconds: 120,
      deadLetter: EMAIL_GAVE_UP_QUEUE,
      deleteAfterSeconds: 7 * 24 * 60 * 60,
    },
    // A housekeeping run that fails is not retried: the next slot comes soon and does the same work.
    [HOUSEKEEPING_QUEUE]: { retryLimit: 0, expireInSeconds: 300, deleteAfterSeconds: 24 * 60 * 60 },
    // A run that fails is tried once more an hour later; each lookup has its own time-out, so an hour
    // covers thousands of domains.
    [DOMAIN_RECHECK_QUEUE]: {
      retryLimit: 1,
      retryDelay: 3600,
      expireInSeconds: 3600,
      deleteAfterSeconds: 7 * 24 * 60 * 60,
    },
    // Reads no network; a run that fails is tried once more an hour later (what it warned about is
    // recorded per connection, so a second run sends nothing twice).
    [SSO_CERTIFICATE_EXPIRY_QUEUE]: {
      retryLimit: 1,
      retryDelay: 3600,
      expireInSeconds: 900,
      deleteAfterSeconds: 7 * 24 * 60 * 60,
    },
  };
}

/** Creates every queue, or brings its settings up to date (a changed EMAIL_RETRY_LIMIT, say). */
export async function createQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(queues())) {
    if (await boss.getQueue(name)) await boss.updateQueue(name, options);
    else await boss.createQueue(name, options);
  }
}
