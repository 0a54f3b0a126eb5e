// /Schemas/{urn} (RFC 7644 §4): one schema by its URN. Read-only.
import { userSchema } from '@/lib/scim/discovery';
import { ScimError, USER_SCHEMA } from '@/lib/scim/protocol';
import { methodNotAllowed, scimRoute } from '../../handler';

export const GET = scimRoute<{ id: string }>(({ base, params }) => {
  if (params.id !== USER_SCHEMA) throw new ScimError(404, `No schema ${params.id}.`);
  return { body: userSchema(base) };
});

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
