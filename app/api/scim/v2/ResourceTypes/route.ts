// /ResourceTypes (RFC 7644 §4): the one resource type, User. Read-only.
import { userResourceType } from '@/lib/scim/discovery';
import { listOf, methodNotAllowed, scimRoute } from '../handler';

export const GET = scimRoute(({ base }) => ({ body: listOf([userResourceType(base)], 1, 1) }));

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
