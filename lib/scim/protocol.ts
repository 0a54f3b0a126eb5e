// The SCIM 2.0 protocol's shapes (RFC 7643, RFC 7644) as this service speaks them: the schema URNs, the
// error object (RFC 7644 §3.12; the HTTP layer's, app/api/scim/v2/handler.ts: the domain throws
// DomainErrors, which ./errors.ts maps), and a membership as a SCIM User. Pure.
import type { MemberRole } from '@/db/values';
import { roleLabels } from '../shared/roles';
import { ENTERPRISE_SCHEMA, type ScimProfile } from './profile';
import { resourceVersion } from './version';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type ScimType =
  | 'invalidFilter'
  | 'invalidValue'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'uniqueness'
  | 'mutability'
  | 'tooMany';

/** A refusal as RFC 7644 §3.12 has it: an HTTP status, a `scimType` for 400 and 409, and a detail in words. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  body() {
    return {
      schemas: [ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

/** Whether `id` can be a resource's id (a UUID): anything else is found nowhere, without a query. */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** A membership as the SCIM service reads it. */
export interface ScimMember {
  id: string;
  email: string;
  /** The console's display of the directory's name (memberships.directory_name). */
  name: string | null;
  /** The person's own name on their account (users.name), shown when the directory gave none. */
  accountName: string | null;
  role: MemberRole;
  active: boolean;
  externalId: string | null;
  userName: string | null;
  /** The directory's attributes as sent (./profile.ts), in canonical key order; null: none kept. */
  profile: ScimProfile | null;
  /** The group whose mapping gave the role (lib/scim/groups/roles.ts); null: set as any role is. */
  roleGroupId: string | null;
  directoryManaged: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name?: ScimProfile['name'];
  displayName?: string;
  active: boolean;
  emails: { value: string; type: 'work'; primary: true }[];
  roles: { value: MemberRole; display: string; primary: true }[];
  meta: { resourceType: 'User'; created: string; lastModified: string; location: string; version: string };
  [attribute: string]: unknown;
}

/**
 * The name of a member the directory never named (one from the console, or provisioned before profiles
 * were kept): their display name, else their account's name, as displayName and name.formatted, and split
 * at its last space into givenName and familyName, since identity providers expect both on every User
 * (Okta's spec test reads them on the first one listed, often the Owner who made the organization).
 * Nothing is derived for a member whose name the directory sent: that is returned as sent.
 */
function unsentName(member: ScimMember): Pick<ScimUser, 'name' | 'displayName'> {
  const shown = (member.name ?? member.accountName)?.trim();
  if (member.profile !== null || !shown) return {};
  const cut = shown.lastIndexOf(' ');
  const parts =
    cut > 0 ? { givenName: shown.slice(0, cut), familyName: shown.slice(cut + 1) } : { givenName: shown };
  return { name: { formatted: shown, ...parts }, displayName: shown };
}

/**
 * A member as a SCIM User, located under `base` (…/api/scim/v2): the directory's attributes exactly as it
 * sent them, the enterprise extension's URN in `schemas` when it has any; a member with no profile kept
 * is named by unsentName.
 */
export function toScimUser(member: ScimMember, base: string): ScimUser {
  const { enterprise, phoneNumbers, addresses, name, ...texts } = member.profile ?? {};
  return {
    schemas: enterprise ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: member.id,
    ...(member.externalId ? { externalId: member.externalId } : {}),
    userName: member.userName ?? member.email,
    ...(name ? { name } : {}),
    ...unsentName(member),
    ...texts,
    active: member.active,
    emails: [{ value: member.email, type: 'work', primary: true }],
    ...(phoneNumbers ? { phoneNumbers } : {}),
    ...(addresses ? { addresses } : {}),
    roles: [{ value: member.role, display: roleLabels[member.role], primary: true }],
    ...(enterprise ? { [ENTERPRISE_SCHEMA]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: member.createdAt.toISOString(),
      lastModified: member.updatedAt.toISOString(),
      location: `${base}/Users/${member.id}`,
      version: resourceVersion(member.updatedAt),
    },
  };
}
