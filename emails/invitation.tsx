import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { displayName, nameWithEmail } from './_components/person';

export interface InvitationEmailProps {
  inviterName: string;
  inviterEmail: string;
  organizationName: string;
  roleLabel: string;
  acceptUrl: string;
  /** Already formatted, e.g. "December 4, 2026". */
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
  props: Pick<InvitationEmailProps, 'inviterName' | 'inviterEmail' | 'organizationName'>,
): string {
  return `${inviterDisplayName(props)} invited you to join ${props.organizationName} on AI Hub`;
}

export default function InvitationEmail(props: InvitationEmailProps) {
  const { organizationName, roleLabel, acceptUrl, expiresAt } = props;

  return (
    <EmailLayout title={invitationSubject(props)} preview={invitationSubject(props)}>
      <Heading as="h1" style={emailStyles.heading}>
        {`Join ${organizationName} on AI Hub`}
      </Heading>
      <Text style={emailStyles.text}>
        {`${nameWithEmail({ name: props.inviterName, email: props.inviterEmail })} invited you to join ${organizationName} on AI Hub as ${roleLabel}.`}
      </Text>
      <CallToAction href={acceptUrl} label="Accept Invitation" spelledOut />
      <Text style={emailStyles.text}>{`This invitation expires on ${expiresAt}.`}</Text>
      <Text style={emailStyles.muted}>
        If you weren&apos;t expecting this invitation, you can ignore this email.
      </Text>
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
