import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { emailTranslator, type EmailLanguage } from './_components/i18n';
import { nameWithEmail, whomToAsk } from './_components/person';

export interface RoleChangedEmailProps extends EmailLanguage {
  organizationName: string;
  actorName: string;
  actorEmail: string;
  /** The change was the organization's identity provider's (actorName is its token's name). */
  byDirectory?: boolean;
  /** Role labels in the email's language: "Member", "Admin", "Owner". */
  fromRole: string;
  toRole: string;
  /** What the new role lets them do, to follow "you can" (the catalogs' emails.roleSummaries). */
  toRoleSummary: string;
  /** Where AI Hub opens for them: the console for an Owner or Admin, else the home page. */
  url: string;
}

export function roleChangedSubject(
  props: Pick<RoleChangedEmailProps, 'organizationName' | 'toRole' | 'locale'>,
) {
  return emailTranslator(props.locale)('roleChanged.subject', {
    organization: props.organizationName,
    role: props.toRole,
  });
}

export default function RoleChangedEmail(props: RoleChangedEmailProps) {
  const { organizationName, fromRole, toRole, toRoleSummary, url, locale } = props;
  const t = emailTranslator(locale);
  const actor = { name: props.actorName, email: props.actorEmail, directory: props.byDirectory };
  return (
    <EmailLayout title={roleChangedSubject(props)} preview={roleChangedSubject(props)} locale={locale}>
      <Heading as="h1" style={emailStyles.heading}>
        {t('roleChanged.heading', { organization: organizationName })}
      </Heading>
      <Text style={emailStyles.text}>
        {t('roleChanged.body', {
          actor: nameWithEmail(actor, t),
          organization: organizationName,
          fromRole,
          toRole,
        })}
      </Text>
      <Text style={emailStyles.text}>
        {t('roleChanged.summary', { role: toRole, summary: toRoleSummary })}
      </Text>
      <CallToAction href={url} label={t('openAiHub')} locale={locale} />
      <Text style={emailStyles.muted}>
        {t('roleChanged.unexpected', { whom: whomToAsk(actor, organizationName, t) })}
      </Text>
    </EmailLayout>
  );
}

RoleChangedEmail.PreviewProps = {
  organizationName: 'Northwind Labs',
  actorName: 'Maya Chen',
  actorEmail: 'maya.chen@northwind.example',
  fromRole: 'Member',
  toRole: 'Admin',
  toRoleSummary: 'invite people and manage its members and settings',
  url: 'https://aihub.example.com/admin/northwind-labs/users',
} satisfies RoleChangedEmailProps;
