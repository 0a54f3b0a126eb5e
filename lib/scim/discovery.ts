// What the SCIM service says about itself (RFC 7644 §4, RFC 7643 §5–7): its features, its one resource
// type (User) and the User schema's attributes it keeps. Pure.
import { USER_SCHEMA } from './protocol';

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${base.replace(/\/api\/scim\/v2$/, '')}/`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 100 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
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

export function userResourceType(base: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'A member of the organization',
    schema: USER_SCHEMA,
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
  };
}

type Attribute = {
  name: string;
  type: 'string' | 'boolean' | 'complex';
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable';
  returned: 'always' | 'default';
  uniqueness: 'none' | 'server';
  description: string;
  subAttributes?: Attribute[];
};

const attribute = (name: string, description: string, options: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  description,
  ...options,
});

export function userSchema(base: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: 'User',
    description: 'A member of the organization',
    attributes: [
      attribute(
        'userName',
        'Unique in the organization, case-insensitive; an email address unless emails gives one',
        {
          required: true,
          uniqueness: 'server',
        },
      ),
      attribute('name', 'The person’s name in this organization', {
        type: 'complex',
        subAttributes: [
          attribute('formatted', 'The full name'),
          attribute('givenName', 'Given name'),
          attribute('familyName', 'Family name'),
        ],
      }),
      attribute('displayName', 'The name shown in the console'),
      attribute('active', 'false suspends the member (they keep their role); true reactivates them', {
        type: 'boolean',
      }),
      attribute('emails', 'The address the person signs in with; it cannot change', {
        type: 'complex',
        multiValued: true,
        subAttributes: [
          attribute('value', 'The address'),
          attribute('type', 'work'),
          attribute('primary', 'The address used', { type: 'boolean' }),
        ],
      }),
      attribute('roles', 'admin or member (owner is read-only: Owners are managed in the console)', {
        type: 'complex',
        multiValued: true,
        subAttributes: [
          attribute('value', 'admin, member or owner'),
          attribute('display', 'Admin, Member or Owner', { mutability: 'readOnly' }),
          attribute('primary', 'The role', { type: 'boolean' }),
        ],
      }),
      attribute('externalId', 'The identity provider’s own id for the person', { caseExact: true }),
    ],
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${USER_SCHEMA}` },
  };
}
