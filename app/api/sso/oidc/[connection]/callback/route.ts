// GET /api/sso/oidc/<connection>/callback: where an OpenID provider sends the browser back with a code
// (or an error) and our state. lib/sso/oidc/callback.ts checks the answer; lib/sso/finish.ts ends it
// (refusal, Test connection result, or a session), refusing an answer that came back to another browser
// than the one sent (its SSO cookie, app/_lib/sso-browser.ts). Only the request's query is read: the
// address handed to openid-client is the connection's own redirect URI on the public URL, never one built
// from the Host header, which the client chooses. Not an OpenID connection, or no uuid: not found.
import type { NextRequest } from 'next/server';
import { ssoBrowserOf } from '@/app/_lib/sso-browser';
import { getDb } from '@/db/client';
import { loadConnection } from '@/lib/sso/connections';
import { finishSso } from '@/lib/sso/finish';
import { readOidcCallback } from '@/lib/sso/oidc/callback';
import { ssoResponse } from '../../../respond';

export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ connection: string }> },
): Promise<Response> {
  const db = await getDb();
  const connection = await loadConnection(db, (await params).connection);
  if (connection?.protocol !== 'oidc') return new Response('Not found.', { status: 404 });
  const answer = await readOidcCallback(db, connection, new URL(request.url));
  return ssoResponse(await finishSso(connection, answer, ssoBrowserOf(request)));
}
