// The daily certificate check (DESIGN §11): every SAML connection is read in batches; a signing
// certificate within CERTIFICATE_WARNING_DAYS of expiry (or past it) whose fingerprint is not yet in the
// connection's `expiryWarned` gets one email to each Owner, and its fingerprint recorded, in one short
// transaction per connection; the next run finds it recorded and sends nothing. A new certificate (the
// identity provider's next one, uploaded with its metadata) has a new fingerprint, so it is warned about
// in its turn. pg-boss runs it once per slot of SSO_CERTIFICATE_EXPIRY_SCHEDULE.
import 'server-only';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { getDb } from '@/db/client';
import { ssoConnections } from '@/db/schema';
import { now } from '../clock';
import { emailQueue, enqueueEmails } from '../email/queue';
import { SSO_CERTIFICATE_EXPIRY_QUEUE } from '../jobs/queues';
import { describeCertificate, expiresSoon, type CertificateFacts } from './certificates';
import { certificateExpiringEmails } from './expiry-email';

/** Connections read per batch. */
export const CERTIFICATE_EXPIRY_BATCH = 100;

/** Daily, UTC: a warning 30 days ahead needs no finer grain. */
export const SSO_CERTIFICATE_EXPIRY_SCHEDULE = '47 4 * * *';

export interface CertificateExpiryCounts {
  /** SAML connections read. */
  connections: number;
  /** Certificates warned about in this run, and the emails queued for them. */
  warned: number;
  emails: number;
  /** Connections whose warning could not be recorded (logged; tried again next run). */
  errors: number;
}

/** The certificates of a connection that are due a warning at `at`: expiring soon and not yet warned. */
function dueWarnings(
  certificates: readonly string[],
  warned: readonly string[],
  at: Date,
): CertificateFacts[] {
  const due = new Map<string, CertificateFacts>();
  for (const pem of certificates) {
    const facts = describeCertificate(pem);
    if (facts && expiresSoon(facts.notAfter, at) && !warned.includes(facts.fingerprint))
      due.set(facts.fingerprint, facts);
  }
  return [...due.values()];
}

/**
 * Warns the Owners about the connection's due certificates, as the connection is now (locked: it may
 * have changed, or gone, since the batch was read). Keeps in `expiryWarned` only the fingerprints of
 * certificates the connection still has, so the list stays as short as the certificates.
 */
async function warnOwners(id: string, at: Date, queue: PgBoss): Promise<{ warned: number; emails: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [connection] = await tx
      .select()
      .from(ssoConnections)
      .where(and(eq(ssoConnections.id, id), eq(ssoConnections.protocol, 'saml')))
      .for('update');
    if (!connection) return { warned: 0, emails: 0 };
    const due = dueWarnings(connection.samlCertificates, connection.expiryWarned, at);
    if (due.length === 0) return { warned: 0, emails: 0 };
    const emails = await certificateExpiringEmails(tx, connection, due, at);
    await enqueueEmails(tx, queue, emails);
    const current = new Set(connection.samlCertificates.map((pem) => describeCertificate(pem)?.fingerprint));
    const kept = connection.expiryWarned.filter((fingerprint) => current.has(fingerprint));
    await tx
      .update(ssoConnections)
      .set({ expiryWarned: [...kept, ...due.map((facts) => facts.fingerprint)] })
      .where(eq(ssoConnections.id, id));
    return { warned: due.length, emails: emails.length };
  });
}

/** One run at `at`: every SAML connection, in batches of CERTIFICATE_EXPIRY_BATCH by id. */
export async function runCertificateExpiry(at: Date = now()): Promise<CertificateExpiryCounts> {
  const db = await getDb();
  const queue = await emailQueue();
  const counts: CertificateExpiryCounts = { connections: 0, warned: 0, emails: 0, errors: 0 };
  let after: string | null = null;
  for (;;) {
    const batch = await db
      .select({
        id: ssoConnections.id,
        samlCertificates: ssoConnections.samlCertificates,
        expiryWarned: ssoConnections.expiryWarned,
      })
      .from(ssoConnections)
      .where(and(eq(ssoConnections.protocol, 'saml'), after ? gt(ssoConnections.id, after) : undefined))
      .orderBy(asc(ssoConnections.id))
      .limit(CERTIFICATE_EXPIRY_BATCH);
    for (const row of batch) {
      counts.connections += 1;
      if (dueWarnings(row.samlCertificates, row.expiryWarned, at).length === 0) continue;
      try {
        const done = await warnOwners(row.id, at, queue);
        counts.warned += done.warned;
        counts.emails += done.emails;
      } catch (error) {
        counts.errors += 1;
        console.error(`[sso] the certificate warning of connection ${row.id} could not be recorded`, error);
      }
    }
    if (batch.length < CERTIFICATE_EXPIRY_BATCH) break;
    after = batch[batch.length - 1].id;
  }
  return counts;
}

/** The schedule (SSO_CERTIFICATE_EXPIRY_SCHEDULE, cron, UTC). Idempotent. */
export async function scheduleCertificateExpiry(boss: PgBoss): Promise<void> {
  await boss.schedule(SSO_CERTIFICATE_EXPIRY_QUEUE, SSO_CERTIFICATE_EXPIRY_SCHEDULE, null, {
    tz: 'UTC',
    missed: 'once',
  });
}

/** Works the certificate check's queue in this process. */
export async function workCertificateExpiry(boss: PgBoss): Promise<void> {
  await boss.work(SSO_CERTIFICATE_EXPIRY_QUEUE, async () => {
    const counts = await runCertificateExpiry();
    console.log(
      `[sso] checked the certificates of ${counts.connections} SAML connections: ${counts.warned} expiring soon, ${counts.emails} emails queued`,
    );
  });
}
