// /Schemas/{urn} (RFC 7644 §4): one schema by its URN. Read-only: any other method answers 405.
import { schemaById } from '@/lib/scim/schemas';
import { ScimError } from '@/lib/scim/protocol';
import { methodNotAllowed, scimRoute } from '../../handler';

export const GET = scimRoute<{ id: string }>(({ base, params }) => {
  const schema = schemaById(base, params.id);
  if (!schema) throw new ScimError(404, `No schema ${params.id.slice(0, 120)}.`);
  return { body: schema };
});

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
