import { Heading, Text } from '@react-email/components';
import { CallToAction } from './_components/call-to-action';
import { EmailLayout, emailStyles } from './_components/email-layout';
import { emailTranslator, type EmailLanguage } from './_components/i18n';

export interface SignInEmailProps extends EmailLanguage {
  /** The one-time sign-in link. */
  url: string;
  /** The host the request came from, e.g. "aihub.example.com". */
  host: string;
}

/** The subject, also the HTML's title. */
export function signInSubject(props: Pick<SignInEmailProps, 'locale'>): string {
  return emailTranslator(props.locale)('signIn.subject');
}

export default function SignInEmail({ url, host, locale }: SignInEmailProps) {
  const t = emailTranslator(locale);
  return (
    <EmailLayout
      title={signInSubject({ locale })}
      preview={host ? t('signIn.previewAt', { host }) : signInSubject({ locale })}
      locale={locale}
    >
      <Heading as="h1" style={emailStyles.heading}>
        {t('signIn.heading')}
      </Heading>
      {host ? <Text style={emailStyles.text}>{t('signIn.body', { host })}</Text> : null}
      <CallToAction href={url} label={t('signIn.button')} spelledOut locale={locale} />
      <Text style={emailStyles.text}>{t('signIn.expires')}</Text>
      <Text style={emailStyles.muted}>{t('signIn.ignore')}</Text>
    </EmailLayout>
  );
}

SignInEmail.PreviewProps = {
  url: 'https://aihub.example.com/api/auth/callback/email?token=8b2e4f1a9c7d&email=maya.chen%40northwind.example',
  host: 'aihub.example.com',
} satisfies SignInEmailProps;
