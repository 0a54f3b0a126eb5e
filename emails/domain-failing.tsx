import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { emailTranslator, type EmailLanguage } from './_components/i18n';

export interface DomainFailingEmailProps extends EmailLanguage {
  organizationName: string;
  /** The domain, as people read it (an internationalized name in its own letters). */
  domain: string;
  /** The record that must be published again: its name and value. */
  recordName: string;
  recordValue: string;
  /** When the domain stops counting unless the record is back, in the email's language ("Dec 14, 2026, 4:17 AM UTC"). */
  stopsCountingAt: string;
  /** The organization's Domains page. */
  url: string;
}

export function domainFailingSubject(
  props: Pick<DomainFailingEmailProps, 'organizationName' | 'domain' | 'locale'>,
) {
  return emailTranslator(props.locale)('domainFailing.subject', {
    domain: props.domain,
    organization: props.organizationName,
  });
}

export default function DomainFailingEmail(props: DomainFailingEmailProps) {
  const { organizationName, domain, recordName, recordValue, stopsCountingAt, url, locale } = props;
  const t = emailTranslator(locale);
  const subject = domainFailingSubject(props);
  return (
    <EmailLayout title={subject} preview={subject} locale={locale}>
      <Heading as="h1" style={emailStyles.heading}>
        {t('domainFailing.heading', { domain })}
      </Heading>
      <Text style={emailStyles.text}>
        {t('domainFailing.checked', { organization: organizationName, domain })}
      </Text>
      <Text style={emailStyles.text}>
        {t('domainFailing.deadline', { time: stopsCountingAt, domain, organization: organizationName })}
      </Text>
      <Text style={emailStyles.text}>{t('domainFailing.publish', { domain })}</Text>
      <Text style={emailStyles.text}>{t('domainFailing.recordName', { value: recordName })}</Text>
      <Text style={emailStyles.text}>{t('domainFailing.recordValue', { value: recordValue })}</Text>
      <CallToAction href={url} label={t('domainFailing.button')} locale={locale} />
      <Text style={emailStyles.muted}>{t('domainFailing.why')}</Text>
    </EmailLayout>
  );
}

DomainFailingEmail.PreviewProps = {
  organizationName: 'Northwind Labs',
  domain: 'northwind.example',
  recordName: '_ai-hub-verification.northwind.example',
  recordValue: 'ai-hub-verification=Q2hhbmdlIG1lIGZvciByZWFs',
  stopsCountingAt: 'Dec 14, 2026, 4:17 AM UTC',
  url: 'https://aihub.example.com/admin/northwind-labs/domains',
} satisfies DomainFailingEmailProps;
