// A SCIM client for tests: one request as an identity provider sends it, through the service's route files
// (./scim-routes.ts), answered as status, headers and JSON; and an organization with provisioning on, a
// token, and the addresses it has invited (the people its directory may create, docs/rules.md rule 13).
import { createScimToken, setProvisioning } from '@/lib/scim/tokens';
import { routeScimRequest } from './scim-routes';
import { addInvitation, createOrganizationWithOwner } from './factories';

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
