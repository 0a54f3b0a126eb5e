import type { Metadata } from 'next';
import Link from 'next/link';
import { KeyRound } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { ContinueWithSso } from '@/components/auth/continue-with-sso';
import { Button } from '@/components/ui/button';
import { safeCallbackPath } from '@/lib/shared/safe-redirect';
import { organizationOfConnection } from '@/lib/sso/connections';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.ssoRequired');
  return { title: t('metaTitle') };
}

// The refusals a failed start brings back in `?error=`: a Map, so that only its own entries are codes.
const startErrors = new Map<string, 'RATE_LIMITED' | 'SSO_UNAVAILABLE'>([
  ['rate_limited', 'RATE_LIMITED'],
  ['unavailable', 'SSO_UNAVAILABLE'],
]);

/**
 * Where an address under Require SSO is sent instead of an emailed link (lib/sso/enforce.ts): which
 * organization requires which provider, and the way there. It is told the connection only, never the
 * address, so it says the same to everyone at the domain.
 */
export default async function SsoRequiredPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { connection, callbackUrl, from, error } = await searchParams;
  const found = typeof connection === 'string' ? await organizationOfConnection(connection) : null;
  const t = await getTranslations('auth');
  if (!found?.connection.enabled || typeof connection !== 'string') {
    return (
      <AuthCard
        title={t('ssoRequired.unavailableTitle')}
        description={t('ssoRequired.unavailable')}
        icon={<KeyRound className="size-10 text-muted-foreground" aria-hidden="true" />}
        way={{ href: '/login', label: t('backToSignIn') }}
      />
    );
  }
  const problemCode = typeof error === 'string' ? startErrors.get(error) : undefined;
  const problem = problemCode ? (await getTranslations('errors'))(`codes.${problemCode}`) : undefined;
  const names = { organization: found.name, connection: found.connection.name };
  return (
    <AuthCard
      title={<span className="[overflow-wrap:anywhere]">{t('ssoRequired.title', names)}</span>}
      description={<span className="[overflow-wrap:anywhere]">{t('ssoRequired.description', names)}</span>}
      icon={<KeyRound className="size-10 text-muted-foreground" aria-hidden="true" />}
    >
      {problem ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
        >
          {problem}
        </p>
      ) : null}
      {from === 'email' ? (
        <p className="text-center text-sm [overflow-wrap:anywhere] text-muted-foreground">
          {t('ssoRequired.breakGlass', names)}
        </p>
      ) : null}
      <ContinueWithSso
        connectionId={connection}
        connectionName={found.connection.name}
        callbackUrl={typeof callbackUrl === 'string' ? safeCallbackPath(callbackUrl) : undefined}
      />
      <Button asChild variant="ghost">
        <Link href="/login">{t('differentEmail')}</Link>
      </Button>
    </AuthCard>
  );
}
