// Any path under /api/scim/v2 that no route file matched. Endpoint names are case-insensitive in SCIM
// (RFC 7644 §3.2 names them; Okta and Entra send them as written, some clients lower-case them), but
// Next's file routes are not: /users, /GROUPS/{id} or /serviceproviderconfig arrive here, and are handed
// to the canonical endpoint's route file, by the lower-cased name, with its parameters. Anything else
// (/Bulk, /Users/a/b) is a SCIM 404, after the token is checked like any request's, so that an
// unauthenticated client learns nothing about what exists.
import { ScimError } from '@/lib/scim/protocol';
import { scimRoute } from '../handler';
import * as group from '../Groups/[id]/route';
import * as groups from '../Groups/route';
import * as resourceType from '../ResourceTypes/[id]/route';
import * as resourceTypes from '../ResourceTypes/route';
import * as schema from '../Schemas/[id]/route';
import * as schemas from '../Schemas/route';
import * as serviceProviderConfig from '../ServiceProviderConfig/route';
import * as user from '../Users/[id]/route';
import * as users from '../Users/route';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
type RouteModule = Record<Method, Handler>;

/** Each endpoint by its lower-cased name: the route file of the collection and, when it has one, of an item. */
const endpoints: Record<string, { collection: RouteModule; item?: RouteModule }> = {
  users: { collection: users, item: user },
  groups: { collection: groups, item: group },
  schemas: { collection: schemas, item: schema },
  resourcetypes: { collection: resourceTypes, item: resourceType },
  serviceproviderconfig: { collection: serviceProviderConfig },
};

const noSuchEndpoint = scimRoute<unknown>(() => {
  throw new ScimError(404, 'No such endpoint: this service has Users and Groups.');
});

function dispatch(method: Method) {
  return async (request: Request, context: { params: Promise<{ path?: string[] }> }): Promise<Response> => {
    const [name, id, ...rest] = (await context.params).path ?? [];
    const endpoint = Object.hasOwn(endpoints, name?.toLowerCase() ?? '')
      ? endpoints[name.toLowerCase()]
      : null;
    const target =
      !endpoint || rest.length > 0 ? null : id === undefined ? endpoint.collection : endpoint.item;
    if (!target) return noSuchEndpoint(request, { params: Promise.resolve({}) });
    return target[method](request, { params: Promise.resolve((id === undefined ? {} : { id }) as never) });
  };
}

export const GET = dispatch('GET');
export const POST = dispatch('POST');
export const PUT = dispatch('PUT');
export const PATCH = dispatch('PATCH');
export const DELETE = dispatch('DELETE');
