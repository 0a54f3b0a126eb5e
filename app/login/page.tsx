import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { clientKey } from '@/app/_lib/client-key';
import { getActor } from '@/app/_lib/session';
import { invitationForSignIn } from '@/lib/auth/invitation-sign-in';
import { signInErrorMessage } from '@/lib/shared/notices';
import { safeCallbackPath } from '@/lib/shared/safe-redirect';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.login');
  return { title: t('metaTitle') };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const email = typeof params.email === 'string' ? params.email : undefined;
  const error = signInErrorMessage(params.error, await getTranslations());
  if (await getActor()) redirect(safeCallbackPath(callbackUrl));
  // Reached from an invitation, the page says so, naming the organization when the link is still open.
  const invitation = await invitationForSignIn(callbackUrl, await clientKey());
  const t = await getTranslations('auth.login');
  const title = !invitation.invited
    ? t('title')
    : invitation.organizationName
      ? t('titleInvitedTo', { organization: invitation.organizationName })
      : t('titleInvited');
  return (
    <AuthCard
      title={<span className="[overflow-wrap:anywhere]">{title}</span>}
      description={t('description')}
    >
      {error ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive"
        >
          {error}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
    </AuthCard>
  );
}
