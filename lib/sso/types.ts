// What the two protocols hand the one sign-in path (lib/sso/finish.ts): the person as the identity provider
// described them, and the request their answer took, or why the answer was refused.
import type { SsoRequest } from '@/db/schema';
import type { SsoRefusal } from '@/db/values';

export type { SsoConnection, SsoRequest } from '@/db/schema';
export type { SsoProtocol, SsoRefusal } from '@/db/values';

/** The person an identity provider vouched for. */
export interface SsoIdentity {
  /** The address it gave (the SAML NameID when it is an address, else the `email` attribute; OIDC `email`). */
  email: string | null;
  name: string | null;
  /** Its own id for the person: the SAML NameID, the OIDC `sub`. */
  subject: string;
  /** Every attribute or claim sent, by name, values as text (Test connection shows them). */
  attributes: Record<string, string[]>;
}

/**
 * An answer from an identity provider, read and checked by its protocol (lib/sso/saml, lib/sso/oidc).
 * Accepted: every check passed, and `request` is the request it answered, taken once (null only for an
 * IdP-initiated SAML response on a connection that allows them). Refused: why, in the protocol's own
 * words (`detail`, for Activity), and the id of the request it claims to answer, unverified (so that a
 * failed Test connection can be reported to the Owner who started it).
 */
export type SsoAnswer =
  | { ok: true; identity: SsoIdentity; request: SsoRequest | null }
  | { ok: false; refusal: SsoRefusal; detail: string; claimedRequestId: string | null };
