import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { displayName, nameWithEmail } from './_components/person';

export interface OwnershipTransferredEmailProps {
  organizationName: string;
  actorName: string;
  actorEmail: string;
  /** The change was the organization's identity provider's (actorName is its token's name). */
  byDirectory?: boolean;
  /** What an Owner can do, to follow "you can" (lib/shared/policy.ts roleDescriptions). */
  ownerSummary: string;
  /** The organization's console. */
  url: string;
}

export function ownershipTransferredSubject(props: Pick<OwnershipTransferredEmailProps, 'organizationName'>) {
  return `You are now an Owner of ${props.organizationName} on AI Hub`;
}

export default function OwnershipTransferredEmail(props: OwnershipTransferredEmailProps) {
  const { organizationName, ownerSummary, url } = props;
  const actor = { name: props.actorName, email: props.actorEmail, directory: props.byDirectory };
  return (
    <EmailLayout title={ownershipTransferredSubject(props)} preview={ownershipTransferredSubject(props)}>
      <Heading as="h1" style={emailStyles.heading}>
        {`You are now an Owner of ${organizationName}`}
      </Heading>
      <Text style={emailStyles.text}>
        {`${nameWithEmail(actor)} transferred ownership of ${organizationName} on AI Hub to you. You are an Owner now, and ${displayName(actor)} is an Admin.`}
      </Text>
      <Text style={emailStyles.text}>{`As an Owner you can ${ownerSummary}.`}</Text>
      <CallToAction href={url} label="Open AI Hub" />
      <Text style={emailStyles.muted}>
        {`If you did not expect this, ask ${displayName(actor)} about it.`}
      </Text>
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
