// GET /api/sso/saml/<connection>: our SAML metadata for the connection (its entity ID is this address),
// for the Owner to give their identity provider. An unknown connection, or an OpenID one, is a 404.
import { getDb } from '@/db/client';
import { loadConnection } from '@/lib/sso/connections';
import { serviceProviderMetadata } from '@/lib/sso/saml/response';

export async function GET(_request: Request, { params }: { params: Promise<{ connection: string }> }) {
  const connection = await loadConnection(await getDb(), (await params).connection);
  if (connection?.protocol !== 'saml') return new Response('Not found.', { status: 404 });
  return new Response(serviceProviderMetadata(connection), {
    headers: { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
