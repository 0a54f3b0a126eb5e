import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getActor } from '@/app/_lib/session';
import { safeCallbackPath } from '@/lib/safe-redirect';

export const metadata: Metadata = { title: 'Sign in' };

const errors: Record<string, string> = {
  Verification: 'That sign-in link has expired or was already used. Enter your email for a new one.',
  Configuration: 'Sign-in is not available right now. Please try again later.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined;
  const email = typeof params.email === 'string' ? params.email : undefined;
  const error = typeof params.error === 'string' ? (errors[params.error] ?? 'Sign-in failed. Please try again.') : null;
  if (await getActor()) redirect(safeCallbackPath(callbackUrl));
  return (
    <AuthCard title="Sign in to AI Hub" description="We'll email you a magic link for a password-free sign in.">
      {error ? (
        <p role="alert" className="rounded-md border border-destructive/30 bg-destructive/5 p-3 text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
    </AuthCard>
  );
}
