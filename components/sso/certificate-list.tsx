import { AlertTriangle } from 'lucide-react';
import { formatLongDate } from '@/lib/shared/format';
import type { CertificateRow } from './types';

/**
 * The identity provider's signing certificates: subject, fingerprint and expiry of each, with a warning
 * from 30 days before it expires (the Owners are emailed then too). Two at once during a rotation.
 */
export function CertificateList({ certificates }: { certificates: CertificateRow[] }) {
  return (
    <ul aria-label="Signing certificates" className="grid gap-2">
      {certificates.map((certificate) => (
        <li key={certificate.fingerprint} className="grid min-w-0 gap-1 rounded-md border p-3 text-sm">
          <span className="[overflow-wrap:anywhere]">{certificate.subject || 'No subject'}</span>
          <span className="font-mono text-xs [overflow-wrap:anywhere] text-muted-foreground">
            SHA-256 {certificate.fingerprint}
          </span>
          <span
            className={
              certificate.expiry
                ? 'flex items-start gap-1 font-medium text-destructive'
                : 'text-muted-foreground'
            }
          >
            {certificate.expiry ? (
              <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            ) : null}
            <span>
              {certificate.expiry === 'expired' ? 'Expired on' : 'Expires on'}{' '}
              {formatLongDate(certificate.notAfter)}
              {certificate.expiry === 'soon'
                ? ': once your identity provider has its next certificate, Replace metadata.'
                : ''}
              {certificate.expiry === 'expired'
                ? ': sign-ins signed with it are refused. Replace metadata.'
                : ''}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
