// The SSO page's views made ready for its client components, on the server: times as ISO strings.
import type { SsoConnectionView } from '@/lib/sso/manage';
import type { ConnectionRow } from './types';

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export function connectionRow(view: SsoConnectionView): ConnectionRow {
  return {
    ...view,
    createdAt: iso(view.createdAt),
    lastTestedAt: iso(view.lastTestedAt),
    testPassedAt: iso(view.testPassedAt),
    saml: view.saml
      ? {
          ...view.saml,
          certificates: view.saml.certificates.map((certificate) => ({
            ...certificate,
            notBefore: certificate.notBefore.toISOString(),
            notAfter: certificate.notAfter.toISOString(),
          })),
        }
      : null,
  };
}
