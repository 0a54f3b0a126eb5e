import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { emailTranslator, type EmailLanguage } from './_components/i18n';
import { displayName, nameWithEmail, personName } from './_components/person';

export interface InvitationEmailProps extends EmailLanguage {
  inviterName: string;
  inviterEmail: string;
  organizationName: string;
  /** The role's label in the email's language ("Admin"). */
  roleLabel: string;
  acceptUrl: string;
  /** Already formatted in the email's language, e.g. "December 4, 2026". */
  expiresAt: string;
}

/** The inviter's name, or only the email when the name is empty or equals the email. */
export function inviterDisplayName(
  props: Pick<InvitationEmailProps, 'inviterName' | 'inviterEmail'>,
): string {
  return displayName({ name: props.inviterName, email: props.inviterEmail });
}

/** The subject, also the HTML's title and the inbox preview. */
export function invitationSubject(
  props: Pick<InvitationEmailProps, 'inviterName' | 'inviterEmail' | 'organizationName' | 'locale'>,
): string {
  const t = emailTranslator(props.locale);
  return t('invitation.subject', {
    inviter: personName({ name: props.inviterName, email: props.inviterEmail }, t),
    organization: props.organizationName,
  });
}

export default function InvitationEmail(props: InvitationEmailProps) {
  const { organizationName, roleLabel, acceptUrl, expiresAt, locale } = props;
  const t = emailTranslator(locale);
  const inviter = nameWithEmail({ name: props.inviterName, email: props.inviterEmail }, t);
  return (
    <EmailLayout title={invitationSubject(props)} preview={invitationSubject(props)} locale={locale}>
      <Heading as="h1" style={emailStyles.heading}>
        {t('invitation.heading', { organization: organizationName })}
      </Heading>
      <Text style={emailStyles.text}>
        {t('invitation.body', { inviter, organization: organizationName, role: roleLabel })}
      </Text>
      <CallToAction href={acceptUrl} label={t('invitation.accept')} spelledOut locale={locale} />
      <Text style={emailStyles.text}>{t('invitation.expires', { date: expiresAt })}</Text>
      <Text style={emailStyles.muted}>{t('invitation.ignore')}</Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  inviterName: 'Maya Chen',
  inviterEmail: 'maya.chen@northwind.example',
  organizationName: 'Northwind Labs',
  roleLabel: 'Admin',
  acceptUrl: 'https://aihub.example.com/invite/q8Xr2vNc5KpT0yWm3LbE7uHs9ZaF1gJd4oRiV6nCkY0',
  expiresAt: 'December 4, 2026',
} satisfies InvitationEmailProps;
