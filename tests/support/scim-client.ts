// The SCIM service spoken to as an identity provider does, without a server: a request through the
// route files (./scim-routes.ts) with the organization's token, its answer read back; and an organization
// with provisioning on, its token, and people who are its members.
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createScimToken, setProvisioning } from '@/lib/scim/tokens';
import { routeScimRequest } from './scim-routes';
import { addMember, createOrganizationWithOwner } from './factories';

export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request (its path under /api/scim/v2) with `token`; the answer's status, headers and JSON. */
export async function scim(
  method: Method,
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
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
}

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
