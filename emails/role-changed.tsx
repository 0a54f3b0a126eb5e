import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { nameWithEmail, whomToAsk } from './_components/person';

export interface RoleChangedEmailProps {
  organizationName: string;
  actorName: string;
  actorEmail: string;
  /** The change was the organization's identity provider's (actorName is its token's name). */
  byDirectory?: boolean;
  /** Role labels: "Member", "Admin", "Owner". */
  fromRole: string;
  toRole: string;
  /** What the new role lets them do, to follow "you can" (lib/shared/policy.ts roleDescriptions). */
  toRoleSummary: string;
  /** Where AI Hub opens for them: the console for an Owner or Admin, else the home page. */
  url: string;
}

/** "a Member", "an Admin", "an Owner". */
function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

export function roleChangedSubject(props: Pick<RoleChangedEmailProps, 'organizationName' | 'toRole'>) {
  return `Your role in ${props.organizationName} is now ${props.toRole}`;
}

export default function RoleChangedEmail(props: RoleChangedEmailProps) {
  const { organizationName, fromRole, toRole, toRoleSummary, url } = props;
  const actor = { name: props.actorName, email: props.actorEmail, directory: props.byDirectory };
  return (
    <EmailLayout title={roleChangedSubject(props)} preview={roleChangedSubject(props)}>
      <Heading as="h1" style={emailStyles.heading}>
        {`Your role in ${organizationName} changed`}
      </Heading>
      <Text style={emailStyles.text}>
        {`${nameWithEmail(actor)} changed your role in ${organizationName} on AI Hub from ${fromRole} to ${toRole}.`}
      </Text>
      <Text style={emailStyles.text}>{`As ${withArticle(toRole)} you can ${toRoleSummary}.`}</Text>
      <CallToAction href={url} label="Open AI Hub" />
      <Text style={emailStyles.muted}>
        {`If you did not expect this change, ask ${whomToAsk(actor, organizationName)}.`}
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
