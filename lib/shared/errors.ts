// Every error the domain can return, with the message a person sees. Server actions turn a DomainError
// into `{ ok: false, error: { code, message, details } }`; anything else is logged and shown as INTERNAL.
// The English here is what logs, SCIM (a protocol for machines) and tests read; a person reads the same
// sentence in their language from the catalogs (messages/<locale>.json, `errors.codes.<CODE>` with
// `errorValues`, or `errors.detail.<key>` for a DomainError that carries its own sentence), which
// app/_lib/error-text.ts chooses. Under test, that English catalog is checked against this text.
import type en from '@/messages/en.json';
import {
  MAX_CSV_ROWS,
  MAX_DOMAINS,
  MAX_INVITATIONS_PER_BATCH,
  MAX_SCIM_TOKENS,
  MAX_SSO_CONNECTIONS,
} from './limits';

export const errorMessages = {
  UNAUTHENTICATED: 'You need to sign in first.',
  FORBIDDEN: "You don't have permission to do that.",
  NOT_FOUND: 'That organization, member or invitation was not found.',
  INVALID_INPUT: 'Some of what was entered is not valid.',
  OWNER_REQUIRED: 'Only an Owner can make someone an Owner, or change or remove an Owner.',
  INVITATION_ROLE: 'Invitations can give Admin or Member. Make someone an Owner after they join.',
  INVITATION_DECLINED: 'That invitation was declined: delete it, or invite the address again.',
  LAST_OWNER:
    'An organization must keep at least one Owner. Make another member an Owner first, or delete the organization.',
  SELF_SUSPEND: "You can't suspend or reactivate yourself.",
  NOT_SUSPENDABLE: "Invitations can't be suspended: delete them instead.",
  MEMBER_SUSPENDED: 'That member is suspended. Reactivate them first.',
  SEAT_LIMIT: 'No seat left. Free a seat or raise the limit in Settings.',
  BULK_REFUSED: 'Nothing was changed: some of the selected users cannot be changed.',
  SELECTION_CHANGED:
    'Nothing was changed: the users matching your filters changed since you selected them. Look at the list again and select anew.',
  TOO_MANY_ADDRESSES: `You can invite at most ${MAX_INVITATIONS_PER_BATCH} addresses at a time.`,
  NO_VALID_ADDRESSES: 'Enter at least one valid email address.',
  INVALID_CSV:
    'That file could not be read as CSV. Save it from your spreadsheet as CSV (UTF-8) and try again.',
  TOO_MANY_ROWS: `A file can hold at most ${MAX_CSV_ROWS.toLocaleString('en-US')} rows. Split it and upload each part.`,
  RATE_LIMITED: 'Too many attempts. Wait a little and try again.',
  ORGANIZATION_LIMIT:
    'You have created as many organizations today as one account can. The limit resets at midnight UTC.',
  INVITATION_ACCOUNT_LIMIT:
    'You have sent as many invitations today as one account can, across all your organizations. The limit resets at midnight UTC.',
  INVITATION_ADDRESS_LIMIT:
    'This address has been sent as many invitations today as one address can receive. The limit resets at midnight UTC.',
  INVITATION_INVALID:
    'This invitation link is not valid. It may have been revoked or replaced by a newer one.',
  INVITATION_EXPIRED: 'This invitation has expired. Ask an admin of the organization to send a new one.',
  INVITATION_ALREADY_ACCEPTED: 'This invitation has already been accepted.',
  INVITATION_EMAIL_MISMATCH:
    'This invitation was sent to a different email address than the one you are signed in with.',
  ACCOUNT_EXISTS: 'An account with this email already exists. Sign in to accept the invitation.',
  SSO_UNAVAILABLE:
    "We could not reach your organization's identity provider. Try again in a moment, or ask its admins.",
  SSO_SIGN_IN_REQUIRED:
    "This address signs in through its organization's identity provider. Continue with it to accept the invitation.",
  ALREADY_MEMBER: 'You are already a member of this organization.',
  NOT_A_MEMBER: 'That person is not a member of this organization.',
  CONFIRMATION_MISMATCH: 'The name you typed does not match the organization name.',
  SCIM_TOKEN_LIMIT: `An organization can hold ${MAX_SCIM_TOKENS} provisioning tokens. Delete one first.`,
  DIRECTORY_MANAGED:
    'Managed by your identity provider: change, suspend or remove this person there. An Owner can detach them from the directory.',
  ROLE_FROM_GROUP:
    "This person's role comes from a directory group: change the group's mapping on the Provisioning page, or their groups in your identity provider.",
  GROUP_NOT_FOUND: "That group is no longer on this organization's list. Reload the page.",
  // The SCIM service's refusals of what a directory sent (lib/scim/errors.ts gives each its HTTP status
  // and scimType). SCIM is a protocol for machines: its details stay in English.
  SCIM_INVALID_SYNTAX: 'The request could not be read as SCIM.',
  SCIM_INVALID_VALUE: 'A value in the request is not valid.',
  SCIM_INVALID_PATH: 'The path names no attribute this service keeps.',
  SCIM_INVALID_FILTER: 'The filter could not be read.',
  SCIM_UNIQUENESS: 'That person is already a member of this organization.',
  SCIM_MUTABILITY: 'The email address of a User cannot change: it is how the person signs in.',
  NOT_INVITED:
    "The directory can only add people at this organization's verified domains, or people it has invited.",
  // Verified domains (lib/domains).
  DOMAIN_INVALID:
    'That is not a domain name. Enter the domain alone, like example.com: no https://, no @, no path.',
  DOMAIN_PUBLIC_SUFFIX:
    'That is a public suffix (like co.uk or github.io), under which anyone can register a name. Enter your own domain under it, like example.co.uk.',
  DOMAIN_CONSUMER:
    'That is a public email provider (like gmail.com), whose addresses belong to anyone. Enter a domain your company owns.',
  DOMAIN_TAKEN:
    'Another organization has already verified that domain, and a domain counts for one organization only. If your company owns it, ask who in your company verified it.',
  DOMAIN_EXISTS: "That domain is already on this organization's list.",
  DOMAIN_LIMIT: `An organization can have at most ${MAX_DOMAINS} domains. Remove one first.`,
  DOMAIN_NOT_FOUND: "That domain is no longer on this organization's list. Reload the page.",
  DNS_RECORD_INVALID:
    'Enter a record name like _ai-hub-verification.acme.test and a value of at most 1,000 characters.',
  // Joining through a verified domain (lib/domains/join*.ts).
  JOIN_NOT_OFFERED:
    'This organization does not offer joining to your email address any more. Ask one of its admins for an invitation.',
  JOIN_ALREADY_MEMBER: 'You are already a member of this organization.',
  JOIN_REQUEST_PENDING:
    'You have already asked to join this organization. An Owner or Admin will answer your request.',
  JOIN_REQUEST_DECIDED: 'That request was already answered by someone else. Look at the list again.',
  // Enterprise sign-in: the SSO page's refusals (lib/sso/manage*.ts). SSO_METADATA_INVALID and
  // SSO_PROVIDER_UNREACHABLE usually carry the protocol helper's own sentence about what it found.
  SSO_CONNECTION_NOT_FOUND: "That connection is no longer on this organization's list. Reload the page.",
  SSO_CONNECTION_LIMIT: `An organization can have at most ${MAX_SSO_CONNECTIONS} SSO connections. Remove one first.`,
  SSO_METADATA_INVALID:
    "That is not the SAML metadata of an identity provider: it needs the provider's entity ID, its sign-in (SSO) URL and a signing certificate.",
  SSO_PROVIDER_UNREACHABLE:
    'The OpenID provider could not be checked: its issuer did not answer with a discovery document. Check the issuer URL.',
  SSO_NOT_SAML: 'That setting is for SAML connections only.',
  SSO_NOT_OIDC: 'That setting is for OpenID Connect connections only.',
  SSO_ANOTHER_ENABLED:
    'Another connection is turned on, and an organization signs in through one connection at a time. Turn it off first.',
  SSO_NO_VERIFIED_DOMAIN:
    'Verify a domain on the Domains page first: SSO serves the people at the organization’s verified domains.',
  SSO_NO_ENABLED_CONNECTION:
    'Turn on a connection first: Require SSO sends people to the connection that is turned on.',
  SSO_NOT_TESTED:
    'Test the connection first: Require SSO turns on only once a Test connection of its current settings has passed.',
  SSO_REQUIRED:
    'Turn off Require SSO first: without a connection turned on, the people at your verified domains could not sign in at all.',
  SSO_BREAK_GLASS_OWNER: 'Only Owners can be break-glass. Make them an Owner first.',
  INTERNAL: 'Something went wrong on our side. Nothing was changed; please try again.',
  // Said in the browser when a server action's call got no answer at all (components/shared/call-action.ts):
  // the request never arrived, or the server failed before it could answer with a result.
  UNREACHABLE: "Couldn't reach AI Hub: check your connection and try again.",
  NO_ANSWER: 'AI Hub could not answer: something went wrong on our side. Try again in a moment.',
} as const;

export type ErrorCode = keyof typeof errorMessages;

/** The arguments of the codes' messages in the catalogs (`{max, number}`): the limits, from one place. */
export const errorValues: Partial<Record<ErrorCode, Record<string, number>>> = {
  TOO_MANY_ADDRESSES: { max: MAX_INVITATIONS_PER_BATCH },
  TOO_MANY_ROWS: { max: MAX_CSV_ROWS },
  SCIM_TOKEN_LIMIT: { max: MAX_SCIM_TOKENS },
  DOMAIN_LIMIT: { max: MAX_DOMAINS },
  SSO_CONNECTION_LIMIT: { max: MAX_SSO_CONNECTIONS },
};

/** A sentence of the catalogs' `errors.detail`, more precise than its code's: what this refusal says. */
export type ErrorDetailKey = keyof (typeof en)['errors']['detail'];

/** The sentence a DomainError says instead of its code's, by key, with its arguments. */
export interface ErrorDetail {
  key: ErrorDetailKey;
  values?: Record<string, string | number>;
  /** Codes whose messages, one after the other, are the sentence's `{reasons}` (a bulk refusal's). */
  reasons?: ErrorCode[];
}

/** A refusal's own sentence: its English text and its key in the catalogs. */
export interface Refusal {
  message: string;
  detail: ErrorDetail;
}

/**
 * ROLE_FROM_GROUP for one person (`person`: their name or address; null: the viewer themselves) and the
 * group whose mapping gives their role (DESIGN §12).
 */
export function roleFromGroupMessage(person: string | null, group: string): string {
  const whose = person === null ? 'Your' : `${person}'s`;
  return `${whose} role comes from the directory group “${group}”: change the group's mapping on the Provisioning page, or ${person === null ? 'your' : 'their'} groups in your identity provider.`;
}

/** roleFromGroupMessage's sentence in the catalogs. */
export function roleFromGroupDetail(person: string | null, group: string): ErrorDetail {
  return person === null
    ? { key: 'roleFromGroupSelf', values: { group } }
    : { key: 'roleFromGroup', values: { person, group } };
}

/** One refused target of a bulk action: which row and why. */
export interface RefusedTarget {
  id: string;
  email: string;
  code: ErrorCode;
  message: string;
  /** The row's own sentence in the catalogs, when `message` is not its code's. */
  detail?: ErrorDetail;
}

/**
 * A refusal of the domain. `message` is English (its code's, or its own sentence); `detail` names that
 * own sentence in the catalogs, so that a person reads it in their language.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = errorMessages[code],
    readonly details?: Record<string, unknown>,
    readonly detail?: ErrorDetail,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function fail(
  code: ErrorCode,
  message?: string,
  details?: Record<string, unknown>,
  detail?: ErrorDetail,
): never {
  throw new DomainError(code, message, details, detail);
}

/** Refuses with `refusal`'s own sentence: `refuse('INVALID_INPUT', { message: 'Enter…', detail: { key } })`. */
export function refuse(code: ErrorCode, refusal: Refusal, details?: Record<string, unknown>): never {
  throw new DomainError(code, refusal.message, details, refusal.detail);
}
