// Auth.js (next-auth v5): database sessions through the Drizzle adapter, and an email magic link sent
// through the app's own email module. The configuration is lazy so that importing this file opens no
// database (builds and scripts import it too).
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth from 'next-auth';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { renderSignInEmail } from '@/emails/render';
import { sendEmail } from '@/lib/email';

export const EMAIL_PROVIDER_ID = 'email';

export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
    trustHost: true,
    pages: { signIn: '/login', verifyRequest: '/login/check-email', error: '/login' },
    providers: [
      {
        id: EMAIL_PROVIDER_ID,
        type: 'email',
        name: 'Email',
        maxAge: 24 * 60 * 60,
        async sendVerificationRequest({ identifier, url }) {
          const email = await renderSignInEmail({ url, host: new URL(url).host });
          const result = await sendEmail({ to: identifier, ...email, tags: { kind: 'sign-in' } });
          if (!result.ok) throw new Error(`Could not send the sign-in email: ${result.error}`);
        },
      },
    ],
    callbacks: {
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
  };
});
