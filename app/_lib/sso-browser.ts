// The browser's SSO cookie: a random value set when the browser is sent to an identity provider, whose
// hash the request keeps (lib/sso/requests.ts). The answer must come back with it (lib/sso/finish.ts), so
// an answer cannot be replayed into someone else's browser. The SAML answer is a cross-site POST from the
// identity provider: on https the cookie is SameSite=None (sent with it) and Secure; on a plain-http
// trial on this machine, Lax (the development providers answer same-site or by a top-level GET).
import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { sessionCookie } from '@/lib/auth/session';

const NAME = 'aihub-sso-browser';

/** The SSO cookie of the browser making this server action's request, set now if it has none. */
export async function ssoBrowser(): Promise<string> {
  const jar = await cookies();
  const existing = jar.get(NAME)?.value;
  if (existing && /^[A-Za-z0-9_-]{22}$/.test(existing)) return existing;
  const value = randomBytes(16).toString('base64url');
  const secure = sessionCookie().options.secure;
  jar.set(NAME, value, {
    path: '/api/sso',
    httpOnly: true,
    secure,
    sameSite: secure ? 'none' : 'lax',
    maxAge: 60 * 60,
  });
  return value;
}

/** The SSO cookie an identity provider's answer came with, or null. */
export function ssoBrowserOf(request: NextRequest): string | null {
  return request.cookies.get(NAME)?.value ?? null;
}
