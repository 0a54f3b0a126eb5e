import { Button, Link, Section, Text } from '@react-email/components';
import { emailStyles } from './email-layout';

/**
 * An email's one button, and, for a link that must work where buttons do not render (`spelledOut`), the
 * same address written out under it.
 */
export function CallToAction({
  href,
  label,
  spelledOut = false,
}: {
  href: string;
  label: string;
  spelledOut?: boolean;
}) {
  return (
    <>
      <Section style={emailStyles.buttonSection}>
        <Button href={href} style={emailStyles.button}>
          {label}
        </Button>
      </Section>
      {spelledOut ? (
        <>
          <Text style={emailStyles.muted}>Or copy and paste this link into your browser:</Text>
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
