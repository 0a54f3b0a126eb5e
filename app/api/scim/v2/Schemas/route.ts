// /Schemas (RFC 7644 §4, RFC 7643 §7): the User, enterprise User and Group schemas, every attribute kept.
// Read-only: any other method answers 405 as an RFC 7644 error object.
import { allSchemas } from '@/lib/scim/schemas';
import { listOf, methodNotAllowed, scimRoute } from '../handler';

export const GET = scimRoute(({ base }) => {
  const schemas = allSchemas(base);
  return { body: listOf(schemas, schemas.length, 1) };
});

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
