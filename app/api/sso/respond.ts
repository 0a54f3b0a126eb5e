// How an identity provider's answer leaves the server (the SAML ACS and the OpenID callback): a 303 to
// where lib/sso/finish.ts decided, on the one public URL (never the request's Host), setting the session
// cookie Auth.js reads when someone signed in.
import 'server-only';
import { NextResponse } from 'next/server';
import { sessionCookie } from '@/lib/auth/session';
import { publicUrl } from '@/lib/config';
import type { SsoFinish } from '@/lib/sso/finish';

export function ssoResponse(finish: SsoFinish): NextResponse {
  const response = NextResponse.redirect(new URL(finish.redirectTo, `${publicUrl()}/`), 303);
  response.headers.set('Cache-Control', 'no-store');
  if (finish.session) {
    const { name, options } = sessionCookie();
    response.cookies.set(name, finish.session.sessionToken, { ...options, expires: finish.session.expires });
  }
  return response;
}
