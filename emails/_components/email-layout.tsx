import type { CSSProperties, ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import { appName, emailTranslator, type Locale } from './i18n';

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

const body: CSSProperties = {
  margin: 0,
  padding: '32px 0',
  backgroundColor: '#f4f4f5',
  fontFamily,
  color: '#18181b',
};

const container: CSSProperties = {
  maxWidth: '480px',
  margin: '0 auto',
  padding: '32px',
  backgroundColor: '#ffffff',
  border: '1px solid #e4e4e7',
  borderRadius: '8px',
};

const wordmark: CSSProperties = {
  margin: '0 0 24px',
  fontSize: '18px',
  lineHeight: '24px',
  fontWeight: 700,
  letterSpacing: '-0.01em',
  color: '#18181b',
};

const divider: CSSProperties = {
  margin: '32px 0 16px',
  borderColor: '#e4e4e7',
};

const footer: CSSProperties = {
  margin: 0,
  fontSize: '12px',
  lineHeight: '18px',
  color: '#71717a',
};

/** Shared styles for the content of every email. */
export const emailStyles = {
  heading: {
    margin: '0 0 16px',
    fontSize: '22px',
    lineHeight: '30px',
    fontWeight: 600,
    color: '#18181b',
  },
  text: {
    margin: '0 0 16px',
    fontSize: '14px',
    lineHeight: '22px',
    color: '#3f3f46',
  },
  muted: {
    margin: '0 0 16px',
    fontSize: '13px',
    lineHeight: '20px',
    color: '#71717a',
  },
  buttonSection: {
    margin: '24px 0',
  },
  button: {
    display: 'inline-block',
    padding: '12px 20px',
    backgroundColor: '#18181b',
    borderRadius: '6px',
    color: '#ffffff',
    fontSize: '14px',
    fontWeight: 600,
    lineHeight: '20px',
    textDecoration: 'none',
    textAlign: 'center',
  },
  link: {
    color: '#2563eb',
    fontSize: '13px',
    lineHeight: '20px',
    wordBreak: 'break-all',
    textDecoration: 'underline',
  },
} satisfies Record<string, CSSProperties>;

export interface EmailLayoutProps {
  /** The document's title, the email's subject: what a mail client or a screen reader names the message by. */
  title: string;
  /** Inbox preview text (shown next to the subject, hidden in the body). */
  preview: string;
  children: ReactNode;
  /** The language it is written in: the document's `lang`, and the footer's. English by default. */
  locale?: Locale;
}

export function EmailLayout({ title, preview, children, locale = 'en' }: EmailLayoutProps) {
  const t = emailTranslator(locale);
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={wordmark}>{appName(locale)}</Text>
          <Section>{children}</Section>
          <Hr style={divider} />
          <Text style={footer}>{t('layout.footer')}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export default EmailLayout;
