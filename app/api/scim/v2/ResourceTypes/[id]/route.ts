// /ResourceTypes/User (RFC 7644 §4). Read-only.
import { userResourceType } from '@/lib/scim/discovery';
import { ScimError } from '@/lib/scim/protocol';
import { methodNotAllowed, scimRoute } from '../../handler';

export const GET = scimRoute<{ id: string }>(({ base, params }) => {
  if (params.id !== 'User') throw new ScimError(404, `No resource type ${params.id}.`);
  return { body: userResourceType(base) };
});

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
