// /Schemas (RFC 7644 §4, RFC 7643 §7): the User schema's attributes this service keeps. Read-only.
import { userSchema } from '@/lib/scim/discovery';
import { listOf, methodNotAllowed, scimRoute } from '../handler';

export const GET = scimRoute(({ base }) => ({ body: listOf([userSchema(base)], 1, 1) }));

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
