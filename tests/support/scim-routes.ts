// The SCIM service's route files (app/api/scim/v2/**/route.ts) called as Next would route a request to
// them: the file that matches the path, its method's handler, and its parameters. For tests that speak
// HTTP to the service without a server. Like Next's, the match is case-sensitive: /users goes to the
// catch-all, which hands it to the canonical route file.
import * as catchAll from '@/app/api/scim/v2/[...path]/route';
import * as group from '@/app/api/scim/v2/Groups/[id]/route';
import * as groups from '@/app/api/scim/v2/Groups/route';
import * as resourceType from '@/app/api/scim/v2/ResourceTypes/[id]/route';
import * as resourceTypes from '@/app/api/scim/v2/ResourceTypes/route';
import * as schema from '@/app/api/scim/v2/Schemas/[id]/route';
import * as schemas from '@/app/api/scim/v2/Schemas/route';
import * as serviceProviderConfig from '@/app/api/scim/v2/ServiceProviderConfig/route';
import * as user from '@/app/api/scim/v2/Users/[id]/route';
import * as users from '@/app/api/scim/v2/Users/route';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

const collections: Record<string, RouteModule> = {
  Users: users,
  Groups: groups,
  ResourceTypes: resourceTypes,
  Schemas: schemas,
  ServiceProviderConfig: serviceProviderConfig,
};
const items: Record<string, RouteModule> = {
  Users: user,
  Groups: group,
  ResourceTypes: resourceType,
  Schemas: schema,
};

/** The route file `path` (under /api/scim/v2) goes to, and its parameters, as Next's router matches them. */
function route(segments: string[]): { module: RouteModule; params: Record<string, unknown> } {
  const [resource, id, ...rest] = segments;
  if (resource && !id && Object.hasOwn(collections, resource))
    return { module: collections[resource], params: {} };
  if (resource && id && rest.length === 0 && Object.hasOwn(items, resource))
    return { module: items[resource], params: { id } };
  return { module: catchAll, params: { path: segments } };
}

/** Sends `request` (its URL under /api/scim/v2) to the route file that serves it. */
export async function routeScimRequest(request: Request): Promise<Response> {
  const segments = new URL(request.url).pathname
    .replace(/^\/api\/scim\/v2\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const { module, params } = route(segments);
  const handler = module[request.method as Method];
  if (!handler) return new Response(null, { status: 405 });
  return handler(request, { params: Promise.resolve(params as never) });
}
