import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { emailTranslator, type EmailLanguage } from './_components/i18n';
import { displayName, nameWithEmail } from './_components/person';

export interface OwnershipTransferredEmailProps extends EmailLanguage {
  organizationName: string;
  actorName: string;
  actorEmail: string;
  /** The change was the organization's identity provider's (actorName is its token's name). */
  byDirectory?: boolean;
  /** What an Owner can do, to follow "you can" (the catalogs' emails.roleSummaries.owner). */
  ownerSummary: string;
  /** The organization's console. */
  url: string;
}

export function ownershipTransferredSubject(
  props: Pick<OwnershipTransferredEmailProps, 'organizationName' | 'locale'>,
) {
  return emailTranslator(props.locale)('ownershipTransferred.subject', {
    organization: props.organizationName,
  });
}

export default function OwnershipTransferredEmail(props: OwnershipTransferredEmailProps) {
  const { organizationName, ownerSummary, url, locale } = props;
  const t = emailTranslator(locale);
  const actor = { name: props.actorName, email: props.actorEmail, directory: props.byDirectory };
  const actorName = displayName(actor);
  const subject = ownershipTransferredSubject(props);
  return (
    <EmailLayout title={subject} preview={subject} locale={locale}>
      <Heading as="h1" style={emailStyles.heading}>
        {t('ownershipTransferred.heading', { organization: organizationName })}
      </Heading>
      <Text style={emailStyles.text}>
        {t('ownershipTransferred.body', {
          actor: nameWithEmail(actor, t),
          organization: organizationName,
          actorName,
        })}
      </Text>
      <Text style={emailStyles.text}>{t('ownershipTransferred.summary', { summary: ownerSummary })}</Text>
      <CallToAction href={url} label={t('openAiHub')} locale={locale} />
      <Text style={emailStyles.muted}>{t('ownershipTransferred.unexpected', { actorName })}</Text>
    </EmailLayout>
  );
}

OwnershipTransferredEmail.PreviewProps = {
  organizationName: 'Northwind Labs',
  actorName: 'Maya Chen',
  actorEmail: 'maya.chen@northwind.example',
  ownerSummary: 'manage its members and settings, transfer ownership and delete the organization',
  url: 'https://aihub.example.com/admin/northwind-labs/users',
} satisfies OwnershipTransferredEmailProps;
