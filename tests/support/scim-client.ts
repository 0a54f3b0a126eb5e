// A SCIM client for tests: one request as an identity provider sends it, through the service's route files
// (./scim-routes.ts), answered as status, headers and JSON; an organization with provisioning on, a token,
// and the addresses it has invited (the people its directory may create, docs/rules.md rule 13) or the
// members it has; and a large group's rows made in one statement.
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createScimToken, setProvisioning } from '@/lib/scim/tokens';
import { routeScimRequest } from './scim-routes';
import { addInvitation, addMember, createOrganizationWithOwner } from './factories';

export const SCIM = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
} as const;

export type ScimMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request (`path` under /api/scim/v2) with the token and any headers; the answer's status, headers and JSON. */
export async function scimCall(
  method: ScimMethod,
  path: string,
  options: { token: string; body?: unknown; headers?: Record<string, string> },
) {
  const request = new Request(new URL(`/api/scim/v2${path}`, 'http://127.0.0.1:3000'), {
    method,
    headers: {
      'Content-Type': 'application/scim+json',
      Authorization: `Bearer ${options.token}`,
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await routeScimRequest(request);
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the JSON it expects
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, headers: response.headers, json };
}

/** An organization with provisioning on and a token named `tokenName`, which has invited `invited`. */
export async function scimOrganization(invited: string[] = [], tokenName = 'Okta') {
  const { organization, owner } = await createOrganizationWithOwner('Acme');
  for (const email of invited) await addInvitation(organization.id, { email });
  await setProvisioning(owner, { organizationId: organization.id, enabled: true });
  const { token } = await createScimToken(owner, { organizationId: organization.id, name: tokenName });
  const call = (method: ScimMethod, path: string, body?: unknown, headers?: Record<string, string>) =>
    scimCall(method, path, { token, body, headers });
  return { organization, owner, token, call };
}

/** A PATCH body of `operations`. */
export function patchOf(...operations: unknown[]) {
  return { schemas: [SCIM.patch], Operations: operations };
}

// The names the Groups tests use.
export const GROUP = SCIM.group;
export const LIST = SCIM.list;
export const ERROR = SCIM.error;
export const PATCH_OP = SCIM.patch;
export type Method = ScimMethod;
export const scim = scimCall;

/** An organization with provisioning on and a token named `tokenName`, and `people` members (Members). */
export async function provisioned(people = 0, name = 'Acme', tokenName = 'Okta') {
  const { organization, owner } = await createOrganizationWithOwner(name);
  await setProvisioning(owner, { organizationId: organization.id, enabled: true });
  const { token } = await createScimToken(owner, { organizationId: organization.id, name: tokenName });
  const members = [];
  for (let n = 0; n < people; n++) members.push(await addMember(organization.id, 'member'));
  return { organization, owner, token, members };
}

/** Puts `count` new Members of the organization in the group, in one statement (a large group's rows). */
export async function fillGroup(organizationId: string, groupId: string, count: number) {
  const db = await getDb();
  await db.execute(sql`
    WITH u AS (
      INSERT INTO users (email, name)
      SELECT 'filled-' || ${groupId}::text || '-' || g || '@example.com', 'Filled ' || g
      FROM generate_series(1, ${count}::int) g RETURNING id
    ), m AS (
      INSERT INTO memberships (organization_id, user_id, role) SELECT ${organizationId}, id, 'member' FROM u
      RETURNING id
    )
    INSERT INTO scim_group_members (group_id, membership_id, organization_id)
    SELECT ${groupId}, id, ${organizationId} FROM m`);
}

/** `count` new Members of the organization, made in one statement; their membership ids. */
export async function manyMembers(organizationId: string, count: number, label = 'many'): Promise<string[]> {
  const db = await getDb();
  const result: unknown = await db.execute(sql`
    WITH u AS (
      INSERT INTO users (email, name)
      SELECT ${label} || '-' || g || '-' || ${organizationId}::text || '@example.com', 'Many ' || g
      FROM generate_series(1, ${count}::int) g RETURNING id
    )
    INSERT INTO memberships (organization_id, user_id, role) SELECT ${organizationId}, id, 'member' FROM u
    RETURNING id`);
  const found = Array.isArray(result) ? result : ((result as { rows: unknown[] }).rows ?? []);
  return (found as { id: string }[]).map((row) => row.id);
}
