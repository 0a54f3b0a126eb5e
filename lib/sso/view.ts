// A connection as the SSO page shows it: what to paste into the identity provider (our URLs), what we
// hold of the provider (its entity ID, sign-in URL and certificates, described; its issuer and client),
// and the last Test connection. The client secret never leaves the server: the page learns only that
// one is set.
import type { SsoConnection, SsoTestResult } from '@/db/schema';
import type { InvitationRole, SsoProtocol } from '@/db/values';
import { now } from '../clock';
import { describeCertificate, expiresSoon, type CertificateFacts } from './certificates';
import { oidcRedirectUrl, samlAcsUrl, samlEntityId, samlMetadataUrl } from './urls';

/** Whether a certificate is past its expiry, or within the warning period (30 days), or neither. */
export type CertificateExpiry = 'expired' | 'soon' | null;

function expiryAt(notAfter: Date, at: Date): CertificateExpiry {
  if (notAfter.getTime() <= at.getTime()) return 'expired';
  return expiresSoon(notAfter, at) ? 'soon' : null;
}

export interface SsoConnectionView {
  id: string;
  protocol: SsoProtocol;
  name: string;
  enabled: boolean;
  defaultRole: InvitationRole;
  justInTime: boolean;
  allowIdpInitiated: boolean;
  createdAt: Date;
  saml: {
    /** Ours, to paste into the identity provider. */
    acsUrl: string;
    entityId: string;
    metadataUrl: string;
    /** The provider's, from its metadata. */
    idpEntityId: string;
    idpSsoUrl: string;
    /** Where the metadata was read from; null when it was uploaded as a file. */
    idpMetadataUrl: string | null;
    certificates: (CertificateFacts & { expiry: CertificateExpiry })[];
  } | null;
  oidc: {
    /** Ours, to register at the provider. */
    redirectUrl: string;
    issuer: string;
    clientId: string;
    secretSet: boolean;
  } | null;
  lastTestedAt: Date | null;
  lastTest: SsoTestResult | null;
  /** When a Test connection of the current settings passed; null: none has since they last changed. */
  testPassedAt: Date | null;
}

/** The connection as the page shows it, its certificates' expiry judged at `at`. */
export function connectionView(row: SsoConnection, at: Date = now()): SsoConnectionView {
  return {
    id: row.id,
    protocol: row.protocol,
    name: row.name,
    enabled: row.enabled,
    defaultRole: row.defaultRole,
    justInTime: row.justInTime,
    allowIdpInitiated: row.allowIdpInitiated,
    createdAt: row.createdAt,
    saml:
      row.protocol === 'saml'
        ? {
            acsUrl: samlAcsUrl(row.id),
            entityId: samlEntityId(row.id),
            metadataUrl: samlMetadataUrl(row.id),
            idpEntityId: row.samlEntityId ?? '',
            idpSsoUrl: row.samlSsoUrl ?? '',
            idpMetadataUrl: row.samlMetadataUrl,
            certificates: row.samlCertificates.flatMap((pem) => {
              const facts = describeCertificate(pem);
              return facts ? [{ ...facts, expiry: expiryAt(facts.notAfter, at) }] : [];
            }),
          }
        : null,
    oidc:
      row.protocol === 'oidc'
        ? {
            redirectUrl: oidcRedirectUrl(row.id),
            issuer: row.oidcIssuer ?? '',
            clientId: row.oidcClientId ?? '',
            secretSet: Boolean(row.oidcClientSecret),
          }
        : null,
    lastTestedAt: row.lastTestedAt,
    lastTest: row.lastTest,
    testPassedAt: row.testPassedAt,
  };
}
