// GET /dev/sso/saml/metadata: the development identity provider's SAML metadata, to paste (or give by
// URL) when adding a SAML connection on this machine. Behind the development pages' gate (../../../access.ts).
import { devPagesOpenTo } from '@/app/dev/access';
import { developmentSamlIdp, developmentSamlIdpRuns } from '@/lib/sso/development/saml-development';

export async function GET(request: Request) {
  if (!devPagesOpenTo(request.headers) || !developmentSamlIdpRuns())
    return new Response('Not found.', { status: 404 });
  return new Response((await developmentSamlIdp()).metadata(), {
    headers: { 'Content-Type': 'application/samlmetadata+xml; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
