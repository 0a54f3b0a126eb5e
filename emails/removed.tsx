import { Heading, Text } from '@react-email/components';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { nameWithEmail, whomToAsk } from './_components/person';

export interface RemovedEmailProps {
  organizationName: string;
  actorName: string;
  actorEmail: string;
  /** The change was the organization's identity provider's (actorName is its token's name). */
  byDirectory?: boolean;
}

export function removedSubject(props: Pick<RemovedEmailProps, 'organizationName'>) {
  return `You were removed from ${props.organizationName} on AI Hub`;
}

/** No link: the person has no access to the organization any more. */
export default function RemovedEmail(props: RemovedEmailProps) {
  const { organizationName } = props;
  const actor = { name: props.actorName, email: props.actorEmail, directory: props.byDirectory };
  return (
    <EmailLayout title={removedSubject(props)} preview={removedSubject(props)}>
      <Heading as="h1" style={emailStyles.heading}>
        {`You were removed from ${organizationName}`}
      </Heading>
      <Text style={emailStyles.text}>
        {`${nameWithEmail(actor)} removed you from ${organizationName} on AI Hub. You no longer have access to it.`}
      </Text>
      <Text style={emailStyles.text}>
        Your AI Hub account stays, with any other organizations you belong to.
      </Text>
      <Text style={emailStyles.muted}>
        {`If you think this is a mistake, ask ${whomToAsk(actor, organizationName)} to invite you again.`}
      </Text>
    </EmailLayout>
  );
}

RemovedEmail.PreviewProps = {
  organizationName: 'Northwind Labs',
  actorName: 'Maya Chen',
  actorEmail: 'maya.chen@northwind.example',
} satisfies RemovedEmailProps;
