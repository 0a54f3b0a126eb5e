import { Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { emailTranslator, type EmailLanguage } from './_components/i18n';
import { nameWithEmail, whomToAsk } from './_components/person';

export interface RemovedEmailProps extends EmailLanguage {
  organizationName: string;
  actorName: string;
  actorEmail: string;
  /** The change was the organization's identity provider's (actorName is its token's name). */
  byDirectory?: boolean;
}

export function removedSubject(props: Pick<RemovedEmailProps, 'organizationName' | 'locale'>) {
  return emailTranslator(props.locale)('removed.subject', { organization: props.organizationName });
}

/** No link: the person has no access to the organization any more. */
export default function RemovedEmail(props: RemovedEmailProps) {
  const { organizationName, locale } = props;
  const t = emailTranslator(locale);
  const actor = { name: props.actorName, email: props.actorEmail, directory: props.byDirectory };
  return (
    <EmailLayout title={removedSubject(props)} preview={removedSubject(props)} locale={locale}>
      <Heading as="h1" style={emailStyles.heading}>
        {t('removed.heading', { organization: organizationName })}
      </Heading>
      <Text style={emailStyles.text}>
        {t('removed.body', { actor: nameWithEmail(actor, t), organization: organizationName })}
      </Text>
      <Text style={emailStyles.text}>{t('removed.accountStays')}</Text>
      <Text style={emailStyles.muted}>
        {t('removed.mistake', { whom: whomToAsk(actor, organizationName, t) })}
      </Text>
    </EmailLayout>
  );
}

RemovedEmail.PreviewProps = {
  organizationName: 'Northwind Labs',
  actorName: 'Maya Chen',
  actorEmail: 'maya.chen@northwind.example',
} satisfies RemovedEmailProps;
