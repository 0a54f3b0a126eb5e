// /ServiceProviderConfig (RFC 7644 §4): what the service supports. Read-only: any other method answers
// 405 as an RFC 7644 error object.
import { serviceProviderConfig } from '@/lib/scim/discovery';
import { methodNotAllowed, scimRoute } from '../handler';

export const GET = scimRoute(({ base }) => ({ body: serviceProviderConfig(base) }));

export {
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
};
