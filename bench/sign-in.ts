// Signs a person in through the app's real sign-in flow, over HTTP as a browser without JavaScript
// would: Auth.js's CSRF token, the POST of the email sign-in form, the magic link from the development
// mailbox (`EMAIL_TRANSPORT=mailbox`), then the link itself, which sets the database session cookie.
import { sessionCookie } from '@/lib/auth/session';

/** `name=value` pairs of every Set-Cookie header. */
function cookiesOf(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair.indexOf('=');
    if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return cookies;
}

function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
}

interface MailboxMessage {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** Returns the `Cookie` header value that carries the new session. */
export async function signIn(baseUrl: string, email: string, callbackPath: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  for (const [name, value] of cookiesOf(csrfResponse)) jar.set(name, value);

  const startedAt = Date.now();
  const post = await fetch(`${baseUrl}/api/auth/signin/email`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookieHeader(jar),
      origin: baseUrl,
    },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${baseUrl}${callbackPath}` }).toString(),
  });
  await post.arrayBuffer();
  const location = post.headers.get('location') ?? '';
  // Auth.js answers with its "check your email" page (`/api/auth/verify-request`, which shows /login/check-email).
  if (post.status !== 302 || !/verify-request|check-email/.test(location)) {
    throw new Error(`The sign-in POST answered ${post.status} → ${location || '(no location)'}`);
  }

  let link: string | undefined;
  for (let attempt = 0; attempt < 50 && !link; attempt++) {
    const response = await fetch(`${baseUrl}/dev/mailbox/messages`);
    if (!response.ok) throw new Error(`GET /dev/mailbox/messages answered ${response.status}`);
    const messages = (await response.json()) as MailboxMessage[];
    const message = messages.find(
      (m) =>
        m.to === email && /sign in/i.test(m.subject) && new Date(m.sentAt).getTime() >= startedAt - 5_000,
    );
    link = message?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/\S+/)?.[0];
    if (!link) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!link) throw new Error(`No sign-in email for ${email} in the development mailbox`);

  // The link is on the server's public URL (baseUrl, 127.0.0.1), which Next's route handlers spell
  // localhost; take its path and query to stay on 127.0.0.1.
  const parsed = new URL(link);
  const callback = await fetch(`${baseUrl}${parsed.pathname}${parsed.search}`, {
    redirect: 'manual',
    headers: { cookie: cookieHeader(jar) },
  });
  await callback.arrayBuffer();
  // The cookie Auth.js sets for this public URL (one module names it for Auth.js and the app).
  const { name: sessionCookieName } = sessionCookie({ APP_URL: baseUrl });
  const session = cookiesOf(callback).get(sessionCookieName);
  if (!session)
    throw new Error(`Following the magic link answered ${callback.status} without a session cookie`);
  const cookie = `${sessionCookieName}=${session}`;

  // The session works: the page answers 200, not a redirect to /login.
  const check = await fetch(`${baseUrl}${callbackPath}`, { redirect: 'manual', headers: { cookie } });
  await check.arrayBuffer();
  if (check.status !== 200)
    throw new Error(`Signed in as ${email}, but ${callbackPath} answered ${check.status}`);
  return cookie;
}
