// The SSO page's data as its client components get it: lib/sso's views, their times as ISO strings
// (./rows.ts makes them).
import type { SsoConnectionView, SsoOverview } from '@/lib/sso/manage';
import type { CertificateExpiry } from '@/lib/sso/view';

type Times = 'createdAt' | 'lastTestedAt' | 'testPassedAt';

export type CertificateRow = {
  fingerprint: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  /** Past its expiry, or within the warning period (30 days), when the page was read. */
  expiry: CertificateExpiry;
};

export type ConnectionRow = Omit<SsoConnectionView, Times | 'saml'> & { [K in Times]: string | null } & {
  saml:
    | (Omit<NonNullable<SsoConnectionView['saml']>, 'certificates'> & { certificates: CertificateRow[] })
    | null;
};

export type OwnerRow = SsoOverview['owners'][number];

/** What each control of a connection's card gets: the connection, and whether the viewer may change it. */
export interface ConnectionControlProps {
  organizationId: string;
  connection: ConnectionRow;
  /** An Owner: the control. Others read what it shows. */
  manage: boolean;
}

/** The protocol's name as the page says it. */
export const protocolLabels = { saml: 'SAML 2.0', oidc: 'OpenID Connect' } as const;
