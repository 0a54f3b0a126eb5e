// /ResourceTypes/{id} (RFC 7644 §4): User or Group. Read-only: any other method answers 405.
import { resourceTypeById } from '@/lib/scim/discovery';
import { ScimError } from '@/lib/scim/protocol';
import { methodNotAllowed, scimRoute } from '../../handler';

export const GET = scimRoute<{ id: string }>(({ base, params }) => {
  const type = resourceTypeById(base, params.id);
  if (!type)
    throw new ScimError(404, `No resource type ${params.id.slice(0, 80)}: there are User and Group.`);
  return { body: type };
});

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
