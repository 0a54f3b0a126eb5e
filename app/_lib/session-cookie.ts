// The name Auth.js gives its session cookie: `__Secure-` over https. Decided from AUTH_URL (or APP_URL)
// when set, else from the proxy's x-forwarded-proto; a mismatch would make auth() find no session.
export function sessionCookieName(forwardedProto: string | null): { name: string; secure: boolean } {
  const configured = process.env.AUTH_URL || process.env.APP_URL;
  const secure = configured ? configured.startsWith('https://') : forwardedProto === 'https';
  return { name: secure ? '__Secure-authjs.session-token' : 'authjs.session-token', secure };
}
