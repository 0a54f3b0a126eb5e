// The person an OpenID provider vouched for, from its ID token's claims (signed) and its userinfo answer
// (the same provider, asked with the access token): the ID token's claims win, userinfo fills in.
import { isValidEmail, normalizeEmail } from '../../shared/email-address';
import { MAX_PERSON_NAME } from '../../shared/limits';
import { attributesAsText, providerText } from '../provider-text';
import type { SsoIdentity } from '../types';
import type { OidcRefusal } from './refusals';

type Claims = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** The address and whether the provider vouches for it, from the first source that gives one. */
function emailOf(sources: Claims[]): { email: string; verified: unknown } | null {
  for (const source of sources) {
    const email = text(source.email);
    if (email) return { email, verified: source.email_verified };
  }
  return null;
}

function nameOf(sources: Claims[]): string | null {
  for (const source of sources) {
    const full =
      text(source.name) ?? [text(source.given_name), text(source.family_name)].filter(Boolean).join(' ');
    if (full) return providerText(full, MAX_PERSON_NAME) || null;
  }
  return null;
}

/**
 * The identity from `idToken` (already checked by openid-client) and `userinfo`, or a refusal: an address
 * the provider itself says is not verified (`email_verified` false, or "false" as some send it) is never
 * taken as the person's. An address that is not one (`not-an-address`) counts as none.
 */
export function oidcIdentity(idToken: Claims, userinfo: Claims | undefined): SsoIdentity | OidcRefusal {
  const sources = userinfo ? [idToken, userinfo] : [idToken];
  const subject = text(idToken.sub);
  if (!subject) return { refusal: 'invalid_response', detail: 'The ID token names no subject (sub).' };
  const found = emailOf(sources);
  let email: string | null = null;
  if (found) {
    if (found.verified === false || found.verified === 'false') {
      return {
        refusal: 'no_email',
        detail: providerText(`The identity provider says the address ${found.email} is not verified.`, 300),
      };
    }
    const normalized = normalizeEmail(found.email);
    email = isValidEmail(normalized) ? normalized : null;
  }
  return {
    email,
    name: nameOf(sources),
    subject: providerText(subject, 255),
    attributes: attributesAsText(sources),
  };
}
