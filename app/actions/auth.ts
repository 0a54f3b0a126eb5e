'use server';
// Sign in with an email magic link, and sign out.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { EMAIL_PROVIDER_ID, signIn, signOut } from '@/app/auth';
import { safeCallbackPath } from '@/lib/shared/safe-redirect';
import { signInSchema } from '@/lib/shared/validation';
import { SIGN_IN_ADDRESS_COOKIE } from '@/app/_lib/sign-in-address';
import { sessionCookie } from '@/lib/auth/session';

/** A text field of a submitted form ('' when absent or a file). */
function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export interface SignInState {
  error?: string;
  email?: string;
}

/**
 * `<form action>` for /login: sends the magic link and goes to "Check your email".
 * Fields: `email`, `callbackUrl` (a path on this site).
 */
export async function signInWithEmailAction(_state: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: formText(form, 'email'),
    callbackUrl: form.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) {
    return {
      error: parsed.error.issues[0]?.message ?? 'Enter a valid email address.',
      email: formText(form, 'email'),
    };
  }
  try {
    // redirect: false, then our own redirect: letting Auth.js redirect from a server action leaves its
    // /api/auth/verify-request address in the browser's address bar.
    await signIn(EMAIL_PROVIDER_ID, {
      email: parsed.data.email,
      redirectTo: safeCallbackPath(parsed.data.callbackUrl),
      redirect: false,
    });
  } catch (error) {
    if (error instanceof AuthError) {
      console.error('[auth] sign-in failed', error);
      return {
        error: 'We could not send the sign-in email. Please try again in a moment.',
        email: parsed.data.email,
      };
    }
    throw error;
  }
  // "Check your email" names the address the link went to; read once there, for this browser only.
  (await cookies()).set(SIGN_IN_ADDRESS_COOKIE, parsed.data.email, {
    path: '/login',
    maxAge: 15 * 60,
    httpOnly: true,
    sameSite: 'lax',
    secure: sessionCookie().options.secure,
  });
  redirect('/login/check-email');
}

/** Signs out and goes to /login, or to `redirectTo` (a path on this site) when the form sends one. */
export async function signOutAction(form?: FormData): Promise<void> {
  const target = form?.get('redirectTo');
  await signOut({ redirectTo: typeof target === 'string' ? safeCallbackPath(target) : '/login' });
}
