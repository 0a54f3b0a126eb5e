// The identity provider's signing certificates: read from PEM or bare base64 (as metadata carries them),
// and described for the console and the expiry warning (30 days ahead, DESIGN §11).
import { X509Certificate } from 'node:crypto';

/** How long before a certificate expires the SSO page warns and the Owners are emailed. */
export const CERTIFICATE_WARNING_DAYS = 30;

/** At most this many certificates per connection: the current one and its successor, for rotation. */
export const MAX_CERTIFICATES = 2;

export interface CertificateFacts {
  /** SHA-256 fingerprint, colon-separated hex (as identity providers show it). */
  fingerprint: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * A certificate as PEM with its header and 64-character lines, from PEM or bare base64 (whitespace
 * anywhere); null when it is not one X.509 certificate.
 */
export function normalizeCertificate(input: string): string | null {
  const body = input.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (!body || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return null;
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  return describeCertificate(pem) ? pem : null;
}

/** What the console shows of a certificate; null when `pem` does not parse. */
export function describeCertificate(pem: string): CertificateFacts | null {
  try {
    const certificate = new X509Certificate(pem);
    return {
      fingerprint: certificate.fingerprint256,
      subject: certificate.subject.replace(/\n/g, ', '),
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
    };
  } catch {
    return null;
  }
}

/** Whether a certificate expiring at `notAfter` is within the warning period (or past) at `at`. */
export function expiresSoon(notAfter: Date, at: Date): boolean {
  return notAfter.getTime() - at.getTime() <= CERTIFICATE_WARNING_DAYS * 24 * 60 * 60 * 1000;
}
