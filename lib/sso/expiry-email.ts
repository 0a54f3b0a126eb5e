// The email to an organization's Owners when a signing certificate of one of its SAML connections is
// within CERTIFICATE_WARNING_DAYS of expiry (DESIGN §11): once per certificate, queued by the daily
// check (./expiry.ts) in the transaction that records the certificate as warned about.
import 'server-only';
import type { Transaction } from '@/db/client';
import type { QueuedEmail } from '../email/queue';
import { organizationOwners } from '../organizations/owners';
import type { CertificateFacts } from './certificates';

/** What the template needs (lib/email/render-queued.ts), as the message's payload. */
export interface SsoCertificateExpiringFacts {
  organizationName: string;
  organizationSlug: string;
  connectionName: string;
  certificateSubject: string;
  fingerprint: string;
  /** ISO 8601: the certificate's notAfter. */
  expiresAt: string;
  /** Whether it had already expired when the email was queued. */
  expired: boolean;
}

/** One email to each active Owner of the organization about each of `certificates`. */
export async function certificateExpiringEmails(
  tx: Transaction,
  connection: { organizationId: string; name: string },
  certificates: readonly CertificateFacts[],
  at: Date,
): Promise<QueuedEmail[]> {
  if (certificates.length === 0) return [];
  const owners = await organizationOwners(tx, connection.organizationId);
  return certificates.flatMap((certificate) =>
    owners.map((owner) => ({
      kind: 'sso_certificate_expiring' as const,
      recipient: owner.email,
      organizationId: connection.organizationId,
      payload: {
        organizationName: owner.organizationName,
        organizationSlug: owner.organizationSlug,
        connectionName: connection.name,
        certificateSubject: certificate.subject,
        fingerprint: certificate.fingerprint,
        expiresAt: certificate.notAfter.toISOString(),
        expired: certificate.notAfter.getTime() <= at.getTime(),
      } satisfies SsoCertificateExpiringFacts,
    })),
  );
}
