// Any other path under /api/scim/v2 (/Groups, /Bulk, /Users/a/b): a SCIM 404, after the token is
// checked like any request's, so that an unauthenticated client learns nothing about what exists.
import { ScimError } from '@/lib/scim/protocol';
import { scimRoute } from '../handler';

const noSuchEndpoint = scimRoute<unknown>(() => {
  throw new ScimError(404, 'No such endpoint: this service has Users.');
});

export {
  noSuchEndpoint as GET,
  noSuchEndpoint as POST,
  noSuchEndpoint as PUT,
  noSuchEndpoint as PATCH,
  noSuchEndpoint as DELETE,
};
