import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';

export interface SignInEmailProps {
  /** The one-time sign-in link. */
  url: string;
  /** The host the request came from, e.g. "aihub.example.com". */
  host: string;
}

export default function SignInEmail({ url, host }: SignInEmailProps) {
  return (
    <EmailLayout
      title="Sign in to AI Hub"
      preview={host ? `Sign in to AI Hub (${host})` : 'Sign in to AI Hub'}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Sign in to AI Hub
      </Heading>
      {host ? (
        <Text style={emailStyles.text}>{`Use the button below to sign in to AI Hub at ${host}.`}</Text>
      ) : null}
      <CallToAction href={url} label="Sign in" spelledOut />
      <Text style={emailStyles.text}>This link expires in 24 hours and can be used once.</Text>
      <Text style={emailStyles.muted}>If you didn&apos;t try to sign in, you can ignore this email.</Text>
    </EmailLayout>
  );
}

SignInEmail.PreviewProps = {
  url: 'https://aihub.example.com/api/auth/callback/email?token=8b2e4f1a9c7d&email=maya.chen%40northwind.example',
  host: 'aihub.example.com',
} satisfies SignInEmailProps;
