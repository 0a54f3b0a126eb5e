// POST /api/sso/saml/<connection>/acs: the Assertion Consumer Service, where the person's browser posts
// the identity provider's response (a cross-site form post, expected: the session cookie is SameSite=Lax
// and is set on this route's own 303). The body is capped before it is read (lib/http/body.ts); the
// response is checked by lib/sso/saml/response.ts and the sign-in finished by lib/sso/finish.ts.
import type { NextRequest } from 'next/server';
import { ssoBrowserOf } from '@/app/_lib/sso-browser';
import { getDb } from '@/db/client';
import { BodyTooLargeError, readCappedText } from '@/lib/http/body';
import { finishSso } from '@/lib/sso/finish';
import { loadConnection } from '@/lib/sso/connections';
import { SAML_RESPONSE_MAX_BYTES } from '@/lib/sso/saml/posted';
import { readSamlResponse } from '@/lib/sso/saml/response';
import { ssoResponse } from '../../../respond';

/** The form carries the response in base64 (4/3), URL-encoded (up to twice that where + / = are escaped). */
const MAX_BODY_BYTES = Math.ceil((SAML_RESPONSE_MAX_BYTES * 4) / 3) * 2 + 4096;

export async function POST(request: NextRequest, { params }: { params: Promise<{ connection: string }> }) {
  const db = await getDb();
  const connection = await loadConnection(db, (await params).connection);
  if (connection?.protocol !== 'saml') return new Response('Not found.', { status: 404 });
  let body: string;
  try {
    body = await readCappedText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return new Response('Too large.', { status: error.status, headers: error.headers });
    }
    throw error;
  }
  const form = new URLSearchParams(body);
  const answer = await readSamlResponse(db, connection, {
    SAMLResponse: form.get('SAMLResponse') ?? undefined,
    RelayState: form.get('RelayState') ?? undefined,
  });
  return ssoResponse(await finishSso(connection, answer, ssoBrowserOf(request)));
}
