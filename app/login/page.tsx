import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { clientKey } from '@/app/_lib/client-key';
import { getActor } from '@/app/_lib/session';
import { invitationForSignIn } from '@/lib/auth/invitation-sign-in';
import { signInErrorMessage } from '@/lib/shared/notices';
import { safeCallbackPath } from '@/lib/shared/safe-redirect';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const email = typeof params.email === 'string' ? params.email : undefined;
  const error = signInErrorMessage(params.error);
  if (await getActor()) redirect(safeCallbackPath(callbackUrl));
  // Reached from an invitation, the page says so, naming the organization when the link is still open.
  const invitation = await invitationForSignIn(callbackUrl, await clientKey());
  const title = !invitation.invited
    ? 'Sign in to AI Hub'
    : invitation.organizationName
      ? `Sign in to accept your invitation to ${invitation.organizationName}`
      : 'Sign in to accept your invitation';
  return (
    <AuthCard
      title={<span className="[overflow-wrap:anywhere]">{title}</span>}
      description="We'll email you a magic link for a password-free sign in, or send you to your company's single sign-on if it has one."
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
