import type { Metadata } from 'next';
import { ShieldX } from 'lucide-react';
import { AuthCard } from '@/components/auth/auth-card';
import { isSsoRefusal } from '@/db/values';
import { organizationOfConnection } from '@/lib/sso/connections';
import { ssoRefusalForPerson } from '@/lib/shared/sso-refusals';

export const metadata: Metadata = { title: 'Single sign-on refused' };

/** Where a refused SSO sign-in lands (lib/sso/finish.ts): why, in words the person can act on. */
export default async function SsoErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reason, connection } = await searchParams;
  const organization = typeof connection === 'string' ? await organizationOfConnection(connection) : null;
  const description = isSsoRefusal(reason)
    ? ssoRefusalForPerson(reason, organization?.name ?? 'the organization')
    : 'The sign-in through your identity provider could not be completed. Start again from the sign-in page.';
  return (
    <AuthCard
      title="We couldn't sign you in"
      description={<span className="[overflow-wrap:anywhere]">{description}</span>}
      icon={<ShieldX className="size-10 text-muted-foreground" aria-hidden="true" />}
      way={{ href: '/login', label: 'Back to sign in' }}
    />
  );
}
