import { Button, Link, Section, Text } from '@react-email/components';
import { emailStyles } from './email-layout';
import { emailTranslator, type Locale } from './i18n';

/**
 * An email's one button, and, for a link that must work where buttons do not render (`spelledOut`), the
 * same address written out under it.
 */
export function CallToAction({
  href,
  label,
  spelledOut = false,
  locale,
}: {
  href: string;
  label: string;
  spelledOut?: boolean;
  locale?: Locale;
}) {
  const t = emailTranslator(locale);
  return (
    <>
      <Section style={emailStyles.buttonSection}>
        <Button href={href} style={emailStyles.button}>
          {label}
        </Button>
      </Section>
      {spelledOut ? (
        <>
          <Text style={emailStyles.muted}>{t('callToAction.copyLink')}</Text>
          <Text style={emailStyles.muted}>
            <Link href={href} style={emailStyles.link}>
              {href}
            </Link>
          </Text>
        </>
      ) : null}
    </>
  );
}
