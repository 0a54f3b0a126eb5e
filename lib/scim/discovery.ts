// What the SCIM service says about itself (RFC 7644 §4, RFC 7643 §5–6): its features (PATCH, filters
// up to a page of results, sorting, ETags) and its resource types, User (with the enterprise extension)
// and Group. The schemas themselves are ./schemas.ts. Pure.
import { MAX_SCIM_PAGE } from '../shared/limits';
import { ENTERPRISE_SCHEMA } from './profile';
import { GROUP_SCHEMA, USER_SCHEMA } from './protocol';

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${base.replace(/\/api\/scim\/v2$/, '')}/`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_SCIM_PAGE },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A provisioning token from the organization’s Provisioning page.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

const RESOURCE_TYPES = [
  {
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A member of the organization',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
  },
  {
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'A group of the organization’s members',
    schema: GROUP_SCHEMA,
  },
];

/** Every resource type, as ResourceType resources located under `base`. */
export function resourceTypes(base: string) {
  return RESOURCE_TYPES.map((type) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    ...type,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/${type.id}` },
  }));
}

/** One resource type by its id (User or Group, in any case), or null. */
export function resourceTypeById(base: string, id: string) {
  return resourceTypes(base).find((type) => type.id.toLowerCase() === id.toLowerCase()) ?? null;
}
