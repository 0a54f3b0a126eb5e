import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';

export interface SsoCertificateExpiringEmailProps {
  organizationName: string;
  /** The connection, as the SSO page names it ("Okta"). */
  connectionName: string;
  /** The certificate's subject ("CN=okta.example") and SHA-256 fingerprint, as the SSO page shows them. */
  certificateSubject: string;
  fingerprint: string;
  /** When it expires, as the console writes it ("Jan 6, 2027, 4:17 AM UTC"). */
  expiresAt: string;
  /** Whether that moment had already passed when the email was written. */
  expired: boolean;
  /** The organization's SSO page. */
  url: string;
}

export function ssoCertificateExpiringSubject(
  props: Pick<
    SsoCertificateExpiringEmailProps,
    'organizationName' | 'connectionName' | 'expiresAt' | 'expired'
  >,
) {
  const when = props.expired ? `expired on ${props.expiresAt}` : `expires on ${props.expiresAt}`;
  return `The signing certificate of ${props.connectionName} ${when} (${props.organizationName})`;
}

export default function SsoCertificateExpiringEmail(props: SsoCertificateExpiringEmailProps) {
  const { organizationName, connectionName, certificateSubject, fingerprint, expiresAt, expired, url } =
    props;
  const subject = ssoCertificateExpiringSubject(props);
  return (
    <EmailLayout title={subject} preview={subject}>
      <Heading as="h1" style={emailStyles.heading}>
        {expired
          ? `Sign-in through ${connectionName} has stopped working`
          : `Sign-in through ${connectionName} stops working on ${expiresAt}`}
      </Heading>
      <Text style={emailStyles.text}>
        {`${organizationName} signs people in through its identity provider (the connection ${connectionName}). AI Hub accepts a sign-in only when the provider signs it with a certificate it knows, and this one ${expired ? 'has expired' : 'expires soon'}:`}
      </Text>
      <Text style={emailStyles.text}>{`Subject: ${certificateSubject}`}</Text>
      <Text style={emailStyles.text}>{`SHA-256 fingerprint: ${fingerprint}`}</Text>
      <Text style={emailStyles.text}>{`Valid until: ${expiresAt}`}</Text>
      <Text style={emailStyles.text}>
        {`Create the new signing certificate in your identity provider, then upload its new metadata (or read it again from its URL) on the SSO page. While you switch over, the metadata may list the old and the new certificate together: AI Hub accepts both, so nobody is locked out. Once the provider signs with the new one, read its metadata again.`}
      </Text>
      <CallToAction href={url} label="Open the SSO page" />
      <Text style={emailStyles.muted}>
        You receive this because you are an Owner of the organization. It is sent once for each certificate.
      </Text>
    </EmailLayout>
  );
}

SsoCertificateExpiringEmail.PreviewProps = {
  organizationName: 'Northwind Labs',
  connectionName: 'Okta',
  certificateSubject: 'CN=northwind.okta.example, O=Okta, C=US',
  fingerprint:
    '3A:9F:12:C4:7B:E0:55:81:AA:06:2D:93:F1:4C:68:B7:0E:29:D5:73:1C:8A:BF:44:60:E7:93:2B:5D:C1:08:F6',
  expiresAt: 'Jan 6, 2027, 4:17 AM UTC',
  expired: false,
  url: 'https://aihub.example.com/admin/northwind-labs/sso',
} satisfies SsoCertificateExpiringEmailProps;
