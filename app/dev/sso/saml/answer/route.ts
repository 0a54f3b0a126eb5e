// POST /dev/sso/saml/answer: the development identity provider's sign-in form lands here; the signed
// response is posted on to the connection's ACS by the person's browser (HTTP-POST binding), as a real
// provider's page does. Behind the development pages' gate; only this server's ACS is ever answered.
import { devPagesOpenTo } from '@/app/dev/access';
import { publicUrl } from '@/lib/config';
import { BodyTooLargeError, readCappedText } from '@/lib/http/body';
import {
  answerDevelopmentRequest,
  DEVELOPMENT_SAML_PATHS,
  DevelopmentSamlError,
  developmentSamlIdpRuns,
} from '@/lib/sso/development/saml-development';

const MAX_FORM_BYTES = 64 * 1024;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A page that posts the response to the ACS at once, with a button for a browser without scripts. Its
 * script carries the request's nonce (proxy.ts): the content security policy refuses any other.
 */
function autoPost(acsUrl: string, samlResponse: string, nonce: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signing you in</title></head>
<body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100svh;margin:0">
<form method="post" action="${escapeHtml(acsUrl)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">
<p>Signing you in…</p>
<button type="submit">Continue</button>
</form>
<script${nonce ? ` nonce="${escapeHtml(nonce)}"` : ''}>document.forms[0].submit()</script>
</body></html>`;
}

export async function POST(request: Request) {
  if (!devPagesOpenTo(request.headers) || !developmentSamlIdpRuns())
    return new Response('Not found.', { status: 404 });
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await readCappedText(request, MAX_FORM_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return new Response('Too large.', { status: 413, headers: error.headers });
    throw error;
  }
  const samlRequest = form.get('SAMLRequest') ?? '';
  const email = form.get('email') ?? '';
  try {
    const { acsUrl, samlResponse } = await answerDevelopmentRequest(samlRequest, email);
    return new Response(autoPost(acsUrl, samlResponse, request.headers.get('x-nonce')), {
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    if (!(error instanceof DevelopmentSamlError)) throw error;
    const back = new URL(DEVELOPMENT_SAML_PATHS.signIn, `${publicUrl()}/`);
    back.search = new URLSearchParams({
      SAMLRequest: samlRequest,
      email: email.slice(0, 254),
      problem: error.message,
    }).toString();
    return Response.redirect(back, 303);
  }
}
