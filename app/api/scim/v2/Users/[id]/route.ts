// /Users/{id} (RFC 7644 §3.4.1, §3.5, §3.6): one member: read, replace (PUT), change (PATCH), remove
// (DELETE; the account stays). Another organization's id, or one that is no UUID, is found nowhere.
// Each answer of a User carries its version as the ETag; a write honours If-Match (412, RFC 7644 §3.14).
import { readScimUser } from '@/lib/scim/input';
import { patchScimUser } from '@/lib/scim/patch';
import { PATCH_SCHEMA, ScimError } from '@/lib/scim/protocol';
import { getScimUser } from '@/lib/scim/read';
import { deleteScimUser, updateScimUser } from '@/lib/scim/users';
import { own } from '@/lib/scim/body';
import { methodNotAllowed, scimRoute } from '../../handler';

type Params = { id: string };

export const GET = scimRoute<Params>(async ({ actor, params, single }) =>
  single(await getScimUser(actor.organizationId, params.id)),
);

export const PUT = scimRoute<Params>(async ({ actor, params, body, single, ifMatch }) => {
  const input = readScimUser(await body());
  return single(await updateScimUser(actor, actor.organizationId, params.id, input, ifMatch));
});

export const PATCH = scimRoute<Params>(async ({ actor, params, body, single, ifMatch }) => {
  const patch = await body();
  const schemas = own(patch, 'schemas');
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))
    throw new ScimError(400, `A PATCH body names the schema ${PATCH_SCHEMA}.`, 'invalidSyntax');
  const operations = own(patch, 'Operations');
  return single(await patchScimUser(actor, actor.organizationId, params.id, operations, ifMatch));
});

export const DELETE = scimRoute<Params>(async ({ actor, params, ifMatch }) => {
  await deleteScimUser(actor, actor.organizationId, params.id, ifMatch);
  return null;
});

export { methodNotAllowed as POST };
