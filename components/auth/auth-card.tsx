import Link from 'next/link';
import { Logo } from '@/components/brand/logo';
import { LanguageMenu } from '@/components/shared/language-menu';
import { MAIN_ID } from '@/components/shared/main-id';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

/**
 * The centred card of the sign-in, check-email, invitation and dead-end (not found, forbidden) pages;
 * `way` is the one link onward of a page that offers nothing else.
 */
export function AuthCard({
  title,
  description,
  icon,
  way,
  children,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  icon?: React.ReactNode;
  way?: { href: string; label: string };
  children?: React.ReactNode;
}) {
  const content = way ? (
    <Button asChild>
      <Link href={way.href}>{way.label}</Link>
    </Button>
  ) : (
    children
  );
  return (
    <main
      id={MAIN_ID}
      className="flex min-h-svh flex-col items-center justify-center gap-8 bg-muted/40 p-6 outline-none"
    >
      <Logo className="text-lg" />
      <Card className="w-full max-w-md">
        <CardHeader className="text-center">
          {icon ? <div className="mx-auto mb-2">{icon}</div> : null}
          <CardTitle className="text-xl">
            <h1>{title}</h1>
          </CardTitle>
          {description ? <CardDescription className="text-pretty">{description}</CardDescription> : null}
        </CardHeader>
        {content ? <CardContent className="grid gap-4">{content}</CardContent> : null}
      </Card>
      {/* Last, below the card: the page's own way on (its first field, its button) comes first by keyboard. */}
      <LanguageMenu />
    </main>
  );
}
