// What Auth.js and the app must agree on about a session, in one place so that they cannot drift: how
// long it lasts, the name and flags of its cookie, and how its token is made. app/auth.ts hands these
// to Auth.js; the app uses them when it opens a session itself (accepting an invitation with a new
// account). A mismatch would make auth() find no session for a cookie the app set.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Transaction } from '@/db/client';
import { sessions } from '@/db/schema';
import type { SignInMethod } from '@/db/values';
import { now } from '../clock';
import { publicUrl, type Env } from '../config';

/** How long a session lasts (Auth.js extends it as it is used). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface SessionCookie {
  name: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean };
}

/**
 * The session cookie: `Secure` with the `__Secure-` prefix when the public URL is https, decided from
 * that URL alone (never from a request's X-Forwarded-Proto, which a client or a proxy may leave out).
 * The names are Auth.js's own defaults, so sessions from before this module keep working.
 */
export function sessionCookie(env: Env = process.env): SessionCookie {
  const secure = publicUrl(env).startsWith('https://');
  return {
    name: secure ? '__Secure-authjs.session-token' : 'authjs.session-token',
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure },
  };
}

/** A new session token: 256 random bits (Auth.js makes its tokens with this too). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Opens a database session for `userId` inside the caller's transaction, the way Auth.js stores one;
 * `method` says how the person proved who they are (an emailed link, or SSO: lib/sso/finish.ts).
 * The caller sets the cookie (`sessionCookie()`, expiring at `expires`).
 */
export async function openSession(
  tx: Transaction,
  userId: string,
  method: SignInMethod = 'email',
): Promise<{ sessionToken: string; expires: Date }> {
  const sessionToken = newSessionToken();
  const expires = new Date(now().getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  await tx.insert(sessions).values({ sessionToken, userId, expires, method });
  return { sessionToken, expires };
}
