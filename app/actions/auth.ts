'use server';
// Sign in (by address: through the organization's identity provider, or with an email magic link), and
// sign out.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AuthError } from 'next-auth';
import { EMAIL_PROVIDER_ID, signIn, signOut, ssoRequiredIn } from '@/app/auth';
import { clientKey } from '@/app/_lib/client-key';
import { requestLocale } from '@/app/_lib/i18n-request';
import { translatorFor } from '@/lib/i18n/translator';
import { ssoBrowser } from '@/app/_lib/sso-browser';
import { safeCallbackPath } from '@/lib/shared/safe-redirect';
import { DomainError } from '@/lib/shared/errors';
import { domainErrorText, errorText } from '@/app/_lib/error-text';
import { signInSchema } from '@/lib/shared/validation';
import { SIGN_IN_ADDRESS_COOKIE } from '@/app/_lib/sign-in-address';
import { sessionCookie } from '@/lib/auth/session';
import { ssoRequiredPath } from '@/lib/sso/enforce';
import { signInRoute, startSsoSignIn } from '@/lib/sso/start';
import { keepAccountLanguageOnBrowser } from '@/app/_lib/language-cookie';

/** A text field of a submitted form ('' when absent or a file). */
function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The sign-in form's own words, in the language of the request. */
async function formWords(key: 'invalidEmail' | 'sendFailed'): Promise<string> {
  return translatorFor(await requestLocale(), 'auth')(`form.${key}`);
}

export interface SignInState {
  error?: string;
  email?: string;
}

/** The message for a sign-in through an identity provider that could not start, in the request's language. */
async function startRefusal(error: unknown): Promise<string> {
  if (error instanceof DomainError) return domainErrorText(error);
  console.error('[auth] could not start single sign-on', error);
  return errorText('SSO_UNAVAILABLE');
}

/**
 * `<form action>` for /login. Fields: `email`, `callbackUrl` (a path on this site), `method` (`email`:
 * the "Email me a sign-in link instead" button). An address at a domain with an enabled SSO connection
 * goes to its identity provider; otherwise, or when the emailed link was chosen, the magic link is sent
 * and the person goes to "Check your email". Under Require SSO the emailed link goes to break-glass Owners
 * only, and every choice of it ends on /login/sso-required alike, so the page tells no one who is exempt.
 */
export async function signInWithEmailAction(_state: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: formText(form, 'email'),
    callbackUrl: form.get('callbackUrl') ?? undefined,
  });
  if (!parsed.success) {
    return {
      error: parsed.error.issues[0]?.message ?? (await formWords('invalidEmail')),
      email: formText(form, 'email'),
    };
  }
  const { email } = parsed.data;
  const callbackPath = safeCallbackPath(parsed.data.callbackUrl);
  const route = await signInRoute(email, { emailChosen: formText(form, 'method') === 'email' });
  if (route.way === 'sso') {
    let provider: string;
    try {
      provider = await startSsoSignIn(route.connection, {
        callbackUrl: callbackPath,
        clientKey: await clientKey(),
        browser: await ssoBrowser(),
      });
    } catch (error) {
      return { error: await startRefusal(error), email };
    }
    redirect(provider);
  }
  const required = route.requirement
    ? ssoRequiredPath(route.requirement.connection.id, { callbackPath, emailed: true })
    : null;
  try {
    // redirect: false, then our own redirect: letting Auth.js redirect from a server action leaves its
    // /api/auth/verify-request address in the browser's address bar.
    await signIn(EMAIL_PROVIDER_ID, { email, redirectTo: callbackPath, redirect: false });
  } catch (error) {
    const refused = ssoRequiredIn(error);
    if (refused) redirect(required ?? ssoRequiredPath(refused.connectionId, { callbackPath, emailed: true }));
    if (error instanceof AuthError) {
      console.error('[auth] sign-in failed', error);
      return { error: await formWords('sendFailed'), email };
    }
    throw error;
  }
  if (required) redirect(required);
  // "Check your email" names the address the link went to; read once there, for this browser only.
  (await cookies()).set(SIGN_IN_ADDRESS_COOKIE, email, {
    path: '/login',
    maxAge: 15 * 60,
    httpOnly: true,
    sameSite: 'lax',
    secure: sessionCookie().options.secure,
  });
  redirect('/login/check-email');
}

/**
 * `<form action>` of "Continue with <connection>" (/login/sso-required, the invitation page): starts a
 * sign-in through that connection's identity provider. Fields: `connection` (its id), `callbackUrl` (a
 * path on this site). When it cannot start, back to /login/sso-required saying why.
 */
export async function continueWithSsoAction(form: FormData): Promise<void> {
  // A connection id is a uuid; anything longer is not one, and must not grow the address sent back.
  const connection = formText(form, 'connection').slice(0, 64);
  const callbackPath = safeCallbackPath(formText(form, 'callbackUrl'));
  let provider: string;
  try {
    provider = await startSsoSignIn(connection, {
      callbackUrl: callbackPath,
      clientKey: await clientKey(),
      browser: await ssoBrowser(),
    });
  } catch (error) {
    const reason =
      error instanceof DomainError && error.code === 'RATE_LIMITED' ? 'rate_limited' : 'unavailable';
    if (!(error instanceof DomainError)) console.error('[auth] could not start single sign-on', error);
    redirect(`${ssoRequiredPath(connection, { callbackPath })}&error=${reason}`);
  }
  redirect(provider);
}

/** Signs out and goes to /login, or to `redirectTo` (a path on this site) when the form sends one. */
export async function signOutAction(form?: FormData): Promise<void> {
  const target = form?.get('redirectTo');
  await keepAccountLanguageOnBrowser();
  await signOut({ redirectTo: typeof target === 'string' ? safeCallbackPath(target) : '/login' });
}
