// /ResourceTypes (RFC 7644 §4): User (with the enterprise extension) and Group. Read-only: any other
// method answers 405 as an RFC 7644 error object.
import { resourceTypes } from '@/lib/scim/discovery';
import { listOf, methodNotAllowed, scimRoute } from '../handler';

export const GET = scimRoute(({ base }) => {
  const types = resourceTypes(base);
  return { body: listOf(types, types.length, 1) };
});

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
