// The development OpenID provider's sign-in page: the person types the address to sign in as, and is
// that person (no password: it stands in for a company's identity provider on a developer's machine,
// the way the development mailbox stands in for email). Cancel answers access_denied, as a real
// provider does when someone declines.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { publicUrl } from '../../config';
import { isValidEmail, normalizeEmail } from '../../shared/email-address';

/** Where oidc-provider sends the browser for an interaction, and where the form posts. */
export const INTERACTION_PATH = /^\/interaction\/([\w-]{1,100})$/;

const MAX_FORM_BYTES = 4_096;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(uid: string, address: string, problem: string | null): string {
  const action = `/interaction/${escapeHtml(uid)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development identity provider</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;padding:2rem 1rem;background:#f4f4f5;color:#18181b}
main{max-width:26rem;margin:0 auto;background:#fff;border-radius:.75rem;padding:1.5rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.25rem;margin:0 0 .5rem}p{line-height:1.5}label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{box-sizing:border-box;width:100%;font-size:1rem;padding:.5rem;border:1px solid #a1a1aa;border-radius:.375rem}
.actions{display:flex;gap:.5rem;margin-top:1rem}button{font-size:1rem;padding:.5rem 1rem;border-radius:.375rem;border:1px solid #18181b;cursor:pointer}
button[value=sign-in]{background:#18181b;color:#fff}.problem{color:#b91c1c}
</style></head><body><main>
<h1>Development identity provider</h1>
<p>This stands in for a company's identity provider on this machine. Type the address to sign in as: no password is asked.</p>
<form method="post" action="${action}">
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" required autofocus value="${escapeHtml(address)}"${problem ? ' aria-describedby="problem" aria-invalid="true"' : ''}>
${problem ? `<p id="problem" class="problem">${escapeHtml(problem)}</p>` : ''}
<div class="actions"><button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></div>
</form></main></body></html>`;
}

/**
 * The page's policy. A browser applies form-action to the redirects that follow a form's submission too,
 * and the sign-in ends in one to this app's callback: its origin is allowed besides the provider's own.
 */
function policy(): string {
  return `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${new URL(publicUrl()).origin}`;
}

function send(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': policy(),
  });
  response.end(html);
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams | null> {
  let body = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    body += chunk.toString('utf8');
    if (body.length > MAX_FORM_BYTES) return null;
  }
  return new URLSearchParams(body);
}

/** Answers GET (the form) and POST (its submission) on an interaction's path. */
export async function handleLogin(
  provider: Provider,
  uid: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  // Reads the interaction from its cookie: a uid in the path without its cookie is refused here.
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) return send(response, 400, '<p>This sign-in has expired. Start again.</p>');
  if (request.method === 'GET') return send(response, 200, page(uid, '', null));
  if (request.method !== 'POST') return send(response, 405, '<p>Method not allowed.</p>');
  const form = await readForm(request);
  if (!form) return send(response, 413, '<p>The form is too large.</p>');
  if (form.get('action') === 'cancel') {
    const denied = { error: 'access_denied', error_description: 'The person cancelled the sign-in.' };
    return provider.interactionFinished(request, response, denied, { mergeWithLastSubmission: false });
  }
  const typed = form.get('email') ?? '';
  const address = normalizeEmail(typed);
  if (!isValidEmail(address)) {
    return send(response, 400, page(uid, typed.slice(0, 254), 'Type an email address, like ada@acme.test.'));
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: address } },
    { mergeWithLastSubmission: false },
  );
}
