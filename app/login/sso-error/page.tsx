import type { Metadata } from 'next';
import { ShieldX } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { isSsoRefusal } from '@/db/values';
import { organizationOfConnection } from '@/lib/sso/connections';
import { ssoRefusalForPerson } from '@/lib/shared/sso-refusals';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.ssoError');
  return { title: t('metaTitle') };
}

/** Where a refused SSO sign-in lands (lib/sso/finish.ts): why, in words the person can act on. */
export default async function SsoErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reason, connection } = await searchParams;
  const organization = typeof connection === 'string' ? await organizationOfConnection(connection) : null;
  const t = await getTranslations('auth');
  const description = isSsoRefusal(reason)
    ? ssoRefusalForPerson(reason, organization?.name ?? null, await getTranslations())
    : t('ssoError.fallback');
  return (
    <AuthCard
      title={t('ssoError.title')}
      description={<span className="[overflow-wrap:anywhere]">{description}</span>}
      icon={<ShieldX className="size-10 text-muted-foreground" aria-hidden="true" />}
      way={{ href: '/login', label: t('backToSignIn') }}
    />
  );
}
