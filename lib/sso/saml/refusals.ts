// node-saml's errors as refusals (db/values.ts ssoRefusalValues). node-saml throws plain Errors whose
// messages are its only kinds (lib/saml.js and lib/xml.js of version 5.1.0); this one table reads them,
// and tests/domain/saml-response.test.ts provokes each row that a response can reach. Whatever no row
// names is an unreadable response: the safe side.
import { SamlStatusError } from '@node-saml/node-saml';
import { providerText } from '../provider-text';
import type { SsoRefusal } from '../types';

/** 'signature': a signature failed to verify; whether the response was signed at all says which refusal. */
type Kind = SsoRefusal | 'signature';

export const NODE_SAML_ERRORS: readonly [RegExp, Kind][] = [
  [/^Invalid signature: multiple assertions$/, 'invalid_response'],
  [/^Invalid signature: No response found$/, 'invalid_response'],
  [/^Invalid signature: NoPassive$/, 'provider_error'],
  [/^Invalid (document )?signature$/, 'signature'],
  [/^Invalid signature from encrypted assertion$/, 'signature'],
  [/^Too many signatures found for this element$/, 'bad_signature'],
  [/^Invalid signature, too many transforms$/, 'bad_signature'],
  [/^Invalid signature: ID cannot refer to more than one element$/, 'bad_signature'],
  [/^Invalid signature: Referenced node does not refer to it's parent element$/, 'bad_signature'],
  [/^ref URI included quote character/, 'bad_signature'],
  [/^signature reference uri not found/, 'bad_signature'],
  [/^SAML assertion not yet valid$/, 'not_yet_valid'],
  [/^SAML assertion expired: /, 'expired'],
  [
    /^SAML assertion (has no AudienceRestriction|AudienceRestriction has no Audience value|audience mismatch)/,
    'wrong_audience',
  ],
  [/^SAML provider returned /, 'provider_error'],
];

/** A response refused while it was being checked; the message is the detail for Activity. */
export class SamlRefusal extends Error {
  constructor(
    readonly refusal: SsoRefusal,
    detail: string,
  ) {
    super(cleanDetail(detail));
    this.name = 'SamlRefusal';
  }
}

/** A detail goes into Activity: one visible line of at most 300 characters (lib/sso/provider-text.ts). */
export function cleanDetail(text: string): string {
  return providerText(text, 300);
}

/**
 * The refusal for an error node-saml threw while checking a response; `hasSignature`: the response or
 * its assertion carries a Signature element at all (none: 'unsigned', else 'bad_signature').
 */
export function refusalOfNodeSamlError(
  error: unknown,
  hasSignature: boolean,
): { refusal: SsoRefusal; detail: string } {
  const message = error instanceof Error ? error.message : String(error);
  const kind: Kind =
    error instanceof SamlStatusError
      ? 'provider_error'
      : (NODE_SAML_ERRORS.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid_response');
  const refusal = kind === 'signature' ? (hasSignature ? 'bad_signature' : 'unsigned') : kind;
  return { refusal, detail: cleanDetail(message) };
}
