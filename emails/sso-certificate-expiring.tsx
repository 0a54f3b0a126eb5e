import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { emailTranslator, type EmailLanguage } from './_components/i18n';

export interface SsoCertificateExpiringEmailProps extends EmailLanguage {
  organizationName: string;
  /** The connection, as the SSO page names it ("Okta"). */
  connectionName: string;
  /** The certificate's subject ("CN=okta.example") and SHA-256 fingerprint, as the SSO page shows them. */
  certificateSubject: string;
  fingerprint: string;
  /** When it expires, in the email's language ("Jan 6, 2027, 4:17 AM UTC"). */
  expiresAt: string;
  /** Whether that moment had already passed when the email was written. */
  expired: boolean;
  /** The organization's SSO page. */
  url: string;
}

export function ssoCertificateExpiringSubject(
  props: Pick<
    SsoCertificateExpiringEmailProps,
    'organizationName' | 'connectionName' | 'expiresAt' | 'expired' | 'locale'
  >,
) {
  const values = {
    connection: props.connectionName,
    time: props.expiresAt,
    organization: props.organizationName,
  };
  const t = emailTranslator(props.locale);
  return props.expired
    ? t('ssoCertificate.subjectExpired', values)
    : t('ssoCertificate.subjectExpiring', values);
}

export default function SsoCertificateExpiringEmail(props: SsoCertificateExpiringEmailProps) {
  const { organizationName, connectionName, certificateSubject, fingerprint, expiresAt, expired, url } =
    props;
  const { locale } = props;
  const t = emailTranslator(locale);
  const subject = ssoCertificateExpiringSubject(props);
  const about = { organization: organizationName, connection: connectionName };
  return (
    <EmailLayout title={subject} preview={subject} locale={locale}>
      <Heading as="h1" style={emailStyles.heading}>
        {expired
          ? t('ssoCertificate.headingExpired', { connection: connectionName })
          : t('ssoCertificate.headingExpiring', { connection: connectionName, time: expiresAt })}
      </Heading>
      <Text style={emailStyles.text}>
        {expired ? t('ssoCertificate.introExpired', about) : t('ssoCertificate.introExpiring', about)}
      </Text>
      <Text style={emailStyles.text}>
        {t('ssoCertificate.certificateSubject', { value: certificateSubject })}
      </Text>
      <Text style={emailStyles.text}>{t('ssoCertificate.fingerprint', { value: fingerprint })}</Text>
      <Text style={emailStyles.text}>{t('ssoCertificate.validUntil', { time: expiresAt })}</Text>
      <Text style={emailStyles.text}>{t('ssoCertificate.steps')}</Text>
      <CallToAction href={url} label={t('ssoCertificate.button')} locale={locale} />
      <Text style={emailStyles.muted}>{t('ssoCertificate.why')}</Text>
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
