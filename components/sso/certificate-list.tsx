import { AlertTriangle } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import type { CertificateRow } from './types';

/**
 * The identity provider's signing certificates: subject, fingerprint and expiry of each, with a warning
 * from 30 days before it expires (the Owners are emailed then too). Two at once during a rotation.
 */
export function CertificateList({ certificates }: { certificates: CertificateRow[] }) {
  const t = useTranslations('sso.certificates');
  const format = useFormatter();
  return (
    <ul aria-label={t('label')} className="grid gap-2">
      {certificates.map((certificate) => (
        <li key={certificate.fingerprint} className="grid min-w-0 gap-1 rounded-md border p-3 text-sm">
          <span className="[overflow-wrap:anywhere]">{certificate.subject || t('noSubject')}</span>
          <span className="font-mono text-xs [overflow-wrap:anywhere] text-muted-foreground">
            {t('fingerprint', { fingerprint: certificate.fingerprint })}
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
              {t(certificate.expiry ?? 'expires', {
                date: format.dateTime(new Date(certificate.notAfter), 'longDate'),
              })}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
