// Auth.js (next-auth v5): database sessions through the Drizzle adapter, and an email magic link sent
// through the app's own email module. The configuration is lazy so that importing this file opens no
// database and reads no settings (builds and scripts import it too).
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth, { AuthError, type NextAuthConfig } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { renderSignInEmail } from '@/emails/render';
import { SESSION_MAX_AGE_SECONDS, newSessionToken, sessionCookie } from '@/lib/auth/session';
import { publicUrl } from '@/lib/config';
import { isOnPublicUrl } from '@/lib/config/deployment.mjs';
import { sendEmail } from '@/lib/email';
import { allowSignInEmail } from '@/lib/auth/sign-in';
import { accountLocales } from '@/lib/auth/locale';
import { chooseLocale, type Locale } from '@/lib/i18n/locales';
import { LOCALE_COOKIE } from '@/lib/shared/locales';
import { joinOnSignIn } from '@/lib/domains/join-automatic';
import { emailSignInRefusal, ssoRequiredPath } from '@/lib/sso/enforce';

export const EMAIL_PROVIDER_ID = 'email';

/**
 * The sign-in email could not be sent. An AuthError, so that Auth.js hands it to signInWithEmailAction
 * (which tells the person so and keeps what they typed); a plain Error became a redirect to
 * /login?error=Configuration ("Sign-in is not available right now").
 */
class SignInEmailNotSent extends AuthError {
  static type = 'EmailSignInError';
}

/**
 * The address must sign in through its organization's identity provider (lib/sso/enforce.ts): no link is
 * made or sent. signInWithEmailAction sends the person to the page that offers the provider; Auth.js's
 * own endpoint, to /login?error=AccessDenied (a type Auth.js lets reach the page).
 */
export class SsoRequired extends AuthError {
  static type = 'AccessDenied';
  constructor(readonly connectionId: string) {
    super('This address signs in through its organization’s identity provider (Require SSO).');
  }
}

/** The SsoRequired refusal in an error signIn() threw (Auth.js wraps what its signIn callback throws). */
export function ssoRequiredIn(error: unknown): SsoRequired | null {
  if (error instanceof SsoRequired) return error;
  const inner = error instanceof AuthError ? (error.cause as { err?: unknown } | undefined)?.err : undefined;
  return inner instanceof SsoRequired ? inner : null;
}

/**
 * The sign-in email's language: the one the address's account chose, else that of the request asking for
 * the link (its language cookie, then Accept-Language), else English. Neither read may stop the email.
 */
async function signInLocale(address: string): Promise<Locale> {
  const chosen = await accountLocales([address])
    .then((found) => found.get(address.toLowerCase()))
    .catch(() => undefined);
  if (chosen) return chosen;
  try {
    const [jar, list] = await Promise.all([cookies(), headers()]);
    return chooseLocale({
      cookie: jar.get(LOCALE_COOKIE)?.value,
      acceptLanguage: list.get('accept-language'),
    });
  } catch {
    // Outside a request (a script): nobody's language is known.
    return chooseLocale({});
  }
}

/** The Auth.js configuration, built on each use inside a request (never at import or build time). */
async function authConfig(): Promise<NextAuthConfig> {
  // Auth.js builds its URLs, the emailed sign-in link among them, from AUTH_URL, which it reads from
  // process.env on every call; without it, signIn() in a server action takes the host from the
  // request's X-Forwarded-Host or Host (createActionURL), which the client chooses. So it always gets
  // the one public URL. With AUTH_URL set, Auth.js also trusts that host on its own, so trustHost is
  // not set here: AUTH_TRUST_HOST stays the operator's explicit choice, and changes no link.
  const url = publicUrl();
  process.env.AUTH_URL = url;
  const cookie = sessionCookie();
  const db = await getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // The same lifetime, token and cookie as the sessions the app opens itself (lib/auth/session.ts).
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS, generateSessionToken: newSessionToken },
    useSecureCookies: cookie.options.secure,
    cookies: { sessionToken: cookie },
    pages: { signIn: '/login', verifyRequest: '/login/check-email', error: '/login' },
    providers: [
      {
        id: EMAIL_PROVIDER_ID,
        type: 'email',
        name: 'Email',
        maxAge: 24 * 60 * 60,
        async sendVerificationRequest({ identifier, url: link }) {
          // Never email a link to another host, whatever Auth.js was handed.
          if (!isOnPublicUrl(link, url))
            throw new SignInEmailNotSent(`Refused a sign-in link outside ${url}.`);
          // Both ways in (the sign-in form and Auth.js's own endpoint) come through here.
          if (!(await allowSignInEmail(identifier))) {
            throw new SignInEmailNotSent(`Too many sign-in emails to ${identifier} in the last hour.`);
          }
          const locale = await signInLocale(identifier);
          const email = await renderSignInEmail({ url: link, host: new URL(link).host, locale });
          const result = await sendEmail({ to: identifier, ...email, tags: { kind: 'sign-in' } });
          if (!result.ok) throw new SignInEmailNotSent(`Could not send the sign-in email: ${result.error}`);
        },
      },
    ],
    events: {
      // The Automatic join policy of a verified domain (lib/domains/join-automatic.ts), once per sign-in,
      // on the server, before the browser is sent on. A failure there never stops the sign-in.
      async signIn({ user }) {
        if (!user.id || !user.email) return;
        try {
          await joinOnSignIn({ userId: user.id, email: user.email });
        } catch (error) {
          console.error('[auth] the automatic join on sign-in failed', error);
        }
      },
    },
    callbacks: {
      // Require SSO, for both ways of asking for a link (the sign-in form and Auth.js's own endpoint) and
      // for its use. Asked for a link: refused before one is made (here, not in sendVerificationRequest,
      // whose rejection Auth.js leaves unhandled while it hashes the token). A link sent before Require
      // SSO was turned on (or before an Owner stopped being break-glass) opens no session: it is used up,
      // and the person goes to the page that offers the provider.
      async signIn({ user, account, email }) {
        if (account?.provider !== EMAIL_PROVIDER_ID) return true;
        const required = await emailSignInRefusal(db, user.email ?? account.providerAccountId);
        if (!required) return true;
        if (email?.verificationRequest) throw new SsoRequired(required.connection.id);
        return ssoRequiredPath(required.connection.id);
      },
      // The account's language rides on the session the pages read anyway (app/_lib/i18n-request.ts).
      session({ session, user }) {
        const locale = (user as { locale?: string | null }).locale ?? null;
        return { ...session, user: { ...session.user, id: user.id, locale } };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
