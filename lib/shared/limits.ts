// Every size the product allows, in one place: what the domain enforces, what the input schemas check
// first, and what the forms let a person type. Pure, so the browser reads the same numbers. (Page
// numbers are lib/shared/paging.ts's: MAX_PAGE follows from MAX_PAGE_SIZE, and its comment says how.)

// --- Rules: what a person may enter or select.

/** An organization's name, after white space is folded. */
export const MAX_ORGANIZATION_NAME = 80;
/** A display name, after white space is folded; a longer one is cut to this. */
export const MAX_PERSON_NAME = 100;
/** An email address (RFC 5321's 256-character path less its angle brackets). */
export const MAX_EMAIL_LENGTH = 254;
/** Addresses in one invitation call. */
export const MAX_INVITATIONS_PER_BATCH = 100;
/** Rows (members and pending invitations) in one bulk change. */
export const MAX_SELECTION = 10_000;
/** A search of the user table. */
export const MAX_SEARCH = 200;
/** Rows on one page of a list (the user table, the activity log). */
export const MAX_PAGE_SIZE = 100;
/** Domains (claimed, verified or not) one organization may have. */
export const MAX_DOMAINS = 20;
/** Verify presses one organization may make in an hour (each sends DNS questions). */
export const DOMAIN_VERIFICATIONS_PER_HOUR = 60;
/** Sign-ins through an identity provider one client may start in a minute (each writes a request row). */
export const SSO_STARTS_PER_CLIENT_PER_MINUTE = 20;
/** A domain name, in its ASCII form (RFC 1035: 253 characters without the trailing dot). */
export const MAX_DOMAIN_LENGTH = 253;
/** The value of a record published on the development resolver (/dev/dns). */
export const MAX_DEV_DNS_VALUE = 1000;
/** Characters of a slug made from a name, before a "-2" that keeps it unique. */
export const MAX_SLUG_BASE = 48;

/** SSO connections one organization may have (one is turned on at a time; others wait, set up or old). */
export const MAX_SSO_CONNECTIONS = 5;
/** A connection's name ("Okta", "Entra ID"). */
export const MAX_SSO_CONNECTION_NAME = 60;
/** SAML metadata uploaded as a file, in bytes (a provider's own is a few kilobytes). */
export const MAX_SAML_METADATA_BYTES = 1024 * 1024;
/** A URL typed on the SSO page: a metadata URL, an OpenID issuer. */
export const MAX_SSO_URL = 2000;
/** An OpenID client id and secret, as typed. */
export const MAX_OIDC_CLIENT_ID = 500;
export const MAX_OIDC_CLIENT_SECRET = 2000;
/** Metadata fetches and issuer checks one organization may make in an hour (each is a request of the server's). */
export const SSO_PROVIDER_CHECKS_PER_HOUR = 30;

// --- Input bounds: how much of a field the server reads at all. Generous, so that they never refuse
// what the rules above allow; past them a request is refused before anything is parsed further.

/** One entry of an invitation's address list, before it is trimmed and checked as an address. */
export const MAX_ADDRESS_INPUT = 320;
/** An invitation link's secret (a real one is 43 characters). */
export const MAX_TOKEN_INPUT = 200;
/** The organization's name typed to confirm its deletion. */
export const MAX_CONFIRMATION_INPUT = 200;
/** The page to return to after signing in. */
export const MAX_CALLBACK_URL = 2000;
/** A domain as typed, before it is trimmed and turned into its ASCII form. */
export const MAX_DOMAIN_INPUT = 1000;
/** A slug in a console URL (slugs we make are far shorter). */
export const MAX_SLUG_INPUT = 100;
/** A client's address as a rate-limit key (an IPv6 address is at most 45). */
export const MAX_CLIENT_ADDRESS = 64;

// --- What is kept or shown.

/** Characters of an email API's error kept on an invitation. */
export const MAX_DELIVERY_ERROR = 500;
/** Members a search of one organization returns (the `Transfer ownership` picker). */
export const MEMBER_SEARCH_RESULTS = 10;
/** Messages the development mailbox lists. */
export const MAILBOX_MESSAGES_SHOWN = 200;

/** The largest seat limit an organization can set. */
export const MAX_SEAT_LIMIT = 1_000_000;

/** Rows of an invitation list uploaded as CSV (docs/rules.md rule 8d), and the file's size in bytes. */
export const MAX_CSV_ROWS = 1_000;
export const MAX_CSV_BYTES = 512 * 1024;

/** SCIM tokens an organization may hold at once (docs/rules.md rule 13). */
export const MAX_SCIM_TOKENS = 2;
/** Characters of a SCIM token's name, and Users a SCIM list returns at most per page. */
export const MAX_SCIM_TOKEN_NAME = 60;
export const MAX_SCIM_PAGE = 100;
