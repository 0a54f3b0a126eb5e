import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';

export interface DomainFailingEmailProps {
  organizationName: string;
  /** The domain, as people read it (an internationalized name in its own letters). */
  domain: string;
  /** The record that must be published again: its name and value. */
  recordName: string;
  recordValue: string;
  /** When the domain stops counting unless the record is back, as the console writes it ("Dec 14, 2026, 4:17 AM UTC"). */
  stopsCountingAt: string;
  /** The organization's Domains page. */
  url: string;
}

export function domainFailingSubject(props: Pick<DomainFailingEmailProps, 'organizationName' | 'domain'>) {
  return `The verification record of ${props.domain} is missing (${props.organizationName})`;
}

export default function DomainFailingEmail(props: DomainFailingEmailProps) {
  const { organizationName, domain, recordName, recordValue, stopsCountingAt, url } = props;
  return (
    <EmailLayout title={domainFailingSubject(props)} preview={domainFailingSubject(props)}>
      <Heading as="h1" style={emailStyles.heading}>
        {`${domain} will stop counting as verified`}
      </Heading>
      <Text style={emailStyles.text}>
        {`AI Hub checks the DNS record that proves ${organizationName} owns ${domain} every day, and could not find it today.`}
      </Text>
      <Text style={emailStyles.text}>
        {`Unless the record is back by ${stopsCountingAt}, ${domain} stops counting as verified: what it allows for ${organizationName} (people joining with an address there, your identity provider managing their accounts) stops. Nobody loses their membership.`}
      </Text>
      <Text style={emailStyles.text}>{`Publish this TXT record in the DNS of ${domain}:`}</Text>
      <Text style={emailStyles.text}>{`Name: ${recordName}`}</Text>
      <Text style={emailStyles.text}>{`Value: ${recordValue}`}</Text>
      <CallToAction href={url} label="Open the Domains page" />
      <Text style={emailStyles.muted}>
        You receive this because you are an Owner of the organization. If the record was removed on purpose,
        remove the domain on the Domains page.
      </Text>
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
