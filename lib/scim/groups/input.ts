// What a directory sends about a group (RFC 7643 §4.2), read: a create's or a replace's body, and the
// member values of a PATCH. The name is one line of visible text, kept as sent (trimmed); a member is
// named by its SCIM User id, which is a UUID. The member values of one request are bounded, so that one
// request stays one bounded set-based write. Only an object's own properties are read (../body.ts). Pure.
import { fail } from '../../shared/errors';
import { hasInvisibleCharacters } from '../../shared/text';
import { own } from '../body';
import { isUuid } from '../protocol';

/** The longest group name kept (Entra's and Okta's own limits are 256). */
export const MAX_GROUP_NAME = 256;
/** The longest externalId kept. */
export const MAX_GROUP_EXTERNAL_ID = 256;
/** Member values one request may name, across all its operations. */
export const MAX_GROUP_MEMBER_VALUES = 1000;
/**
 * The largest body a Groups endpoint reads: 1,000 members as Okta sends them ({"value": "<uuid>",
 * "display": "<address>"}, about 100 bytes each) are about 100 KB, past the 64 KB of a User's body.
 */
export const MAX_GROUP_BODY = 256 * 1024;

/** What a group becomes on a create or a replace. */
export interface ScimGroupInput {
  displayName: string;
  externalId: string | null;
  /** The members' ids, each once. */
  memberIds: string[];
}

function invalidValue(detail: string): never {
  fail('SCIM_INVALID_VALUE', detail);
}

function textOf(value: unknown, attribute: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') invalidValue(`${attribute} must be a string.`);
  if (hasInvisibleCharacters(value) || /[\t-\r]/.test(value))
    invalidValue(`${attribute} cannot contain invisible or control characters, or line breaks.`);
  const text = value.trim();
  if (text.length > max) invalidValue(`${attribute} is longer than ${max} characters.`);
  return text || null;
}

/** A group's displayName: required, one line of visible text. */
export function displayNameOf(value: unknown): string {
  return textOf(value, 'displayName', MAX_GROUP_NAME) ?? invalidValue('displayName is required.');
}

/** A group's externalId, or null when absent or empty. */
export function externalIdOf(value: unknown): string | null {
  return textOf(value, 'externalId', MAX_GROUP_EXTERNAL_ID);
}

/**
 * The member ids a `members` value names: a list of `{ value: "<User id>" }` (a single object is taken
 * as a list of one; `display`, `$ref` and `type` are not read). A value that is no UUID is refused here,
 * naming it; whether each is a member of the organization is checked where they are written.
 */
export function memberIdsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const ids = list.map((item) => {
    const id = own(item, 'value');
    if (typeof id !== 'string') invalidValue('Each member is an object with a value, the id of a User.');
    if (!isUuid(id.trim()))
      invalidValue(`The member ${JSON.stringify(id.slice(0, 80))} is not a User of this organization.`);
    return id.trim().toLowerCase();
  });
  return [...new Set(ids)];
}

/** Refuses a request naming more than MAX_GROUP_MEMBER_VALUES member values. */
export function boundMemberValues(count: number): void {
  if (count > MAX_GROUP_MEMBER_VALUES)
    invalidValue(
      `A request may name at most ${MAX_GROUP_MEMBER_VALUES.toLocaleString('en-US')} members; ` +
        `this one names ${count.toLocaleString('en-US')}. Send them in several requests.`,
    );
}

/** A create's or a replace's body: displayName required, externalId and members optional. */
export function readGroupInput(body: unknown): ScimGroupInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    fail('SCIM_INVALID_SYNTAX', 'The body must be a Group object.');
  const members = own(body, 'members');
  if (members !== undefined && members !== null && !Array.isArray(members))
    invalidValue('members must be a list.');
  const count = Array.isArray(members) ? members.length : 0;
  boundMemberValues(count);
  return {
    displayName: displayNameOf(own(body, 'displayName')),
    externalId: externalIdOf(own(body, 'externalId')),
    memberIds: memberIdsOf(members),
  };
}
