// The schemas the SCIM service keeps (RFC 7643 §7, served at /Schemas): the User's core attributes, the
// enterprise extension's and the Group's, each attribute with its type, mutability, when it is returned,
// its uniqueness and whether it is case-exact, as this service treats it (userName unique in the
// organization case-insensitively, externalId case-exact, the address fixed once created). Pure.
import { ENTERPRISE_SCHEMA } from './profile';
import { GROUP_SCHEMA, USER_SCHEMA } from './protocol';
import { attribute, complex, typeAndPrimary, type SchemaAttribute } from './schema-attribute';

const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

const id = attribute('id', 'The service’s own id for the resource', {
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'server',
});

const externalId = attribute('externalId', 'The identity provider’s own id for the resource', {
  caseExact: true,
});

const meta = complex(
  'meta',
  'When the resource was made and last changed, where it lives, and its version (ETag)',
  [
    attribute('resourceType', 'User or Group', { caseExact: true, mutability: 'readOnly' }),
    attribute('created', 'When it was made', { type: 'dateTime', mutability: 'readOnly' }),
    attribute('lastModified', 'When it last changed', { type: 'dateTime', mutability: 'readOnly' }),
    attribute('location', 'Its URI', {
      type: 'reference',
      referenceTypes: ['uri'],
      caseExact: true,
      mutability: 'readOnly',
    }),
    attribute('version', 'Its version, as the ETag header and for If-Match', {
      caseExact: true,
      mutability: 'readOnly',
    }),
  ],
  { mutability: 'readOnly' },
);

const name = complex('name', 'The person’s name in this organization, its parts kept as sent', [
  attribute('formatted', 'The full name'),
  attribute('familyName', 'Family name'),
  attribute('givenName', 'Given name'),
  attribute('middleName', 'Middle name'),
  attribute('honorificPrefix', 'Honorific prefix, such as Ms.'),
  attribute('honorificSuffix', 'Honorific suffix, such as III'),
]);

const texts: [string, string][] = [
  ['displayName', 'The name shown in the console'],
  ['nickName', 'The casual name'],
  ['title', 'The job title (shown in the users list)'],
  ['userType', 'The relation to the organization, such as Employee or Contractor'],
  ['preferredLanguage', 'The preferred written or spoken language, such as en-US'],
  ['locale', 'The locale for dates, numbers and currency, such as en-US'],
  ['timezone', 'The time zone, such as America/Los_Angeles'],
];

const userAttributes: SchemaAttribute[] = [
  id,
  externalId,
  attribute('userName', 'Unique in the organization, case-insensitively; kept as sent', {
    required: true,
    uniqueness: 'server',
  }),
  name,
  ...texts.map(([key, description]) => attribute(key, description)),
  attribute('active', 'false suspends the member (they keep their role); true reactivates them', {
    type: 'boolean',
  }),
  complex(
    'emails',
    'The address the person signs in with; it cannot change once created',
    [attribute('value', 'The address', { mutability: 'immutable' }), ...typeAndPrimary(['work'])],
    { multiValued: true },
  ),
  complex(
    'phoneNumbers',
    'Phone numbers, at most 10',
    [attribute('value', 'The number'), ...typeAndPrimary(['work', 'mobile', 'home', 'fax', 'other'])],
    { multiValued: true },
  ),
  complex(
    'addresses',
    'Postal addresses, at most 10',
    [
      attribute('formatted', 'The full address'),
      attribute('streetAddress', 'Street, number and the like'),
      attribute('locality', 'City or locality'),
      attribute('region', 'State or region'),
      attribute('postalCode', 'Postal code'),
      attribute('country', 'Country, as an ISO 3166-1 alpha-2 code'),
      ...typeAndPrimary(['work', 'home', 'other']),
    ],
    { multiValued: true },
  ),
  complex(
    'roles',
    'admin or member (owner is read-only: Owners are managed in the console). A member whose role ' +
      'follows a group mapping keeps it: the mapping wins over roles',
    [
      attribute('value', 'admin, member or owner', { canonicalValues: ['admin', 'member', 'owner'] }),
      attribute('display', 'Admin, Member or Owner', { mutability: 'readOnly' }),
      attribute('primary', 'The role', { type: 'boolean' }),
    ],
    { multiValued: true },
  ),
  meta,
];

const enterpriseAttributes: SchemaAttribute[] = [
  attribute('employeeNumber', 'The organization’s number for the person'),
  attribute('costCenter', 'Cost center'),
  attribute('organization', 'Organization'),
  attribute('division', 'Division'),
  attribute('department', 'Department (shown in the users list)'),
  complex('manager', 'The person’s manager', [
    attribute('value', 'The manager’s id in the identity provider', { caseExact: true }),
    attribute('displayName', 'The manager’s name'),
  ]),
];

const groupAttributes: SchemaAttribute[] = [
  id,
  externalId,
  attribute('displayName', 'The group’s name, unique in the organization case-insensitively', {
    required: true,
    uniqueness: 'server',
  }),
  complex(
    'members',
    'The organization’s members in the group',
    [
      attribute('value', 'The member’s User id', { caseExact: true, mutability: 'immutable' }),
      attribute('display', 'The member’s name', { mutability: 'readOnly' }),
      attribute('$ref', 'The member’s User URI', {
        type: 'reference',
        referenceTypes: ['User'],
        caseExact: true,
        mutability: 'immutable',
      }),
      attribute('type', 'User', { canonicalValues: ['User'], mutability: 'immutable' }),
    ],
    { multiValued: true },
  ),
  meta,
];

const SCHEMAS = [
  { id: USER_SCHEMA, name: 'User', description: 'A member of the organization', attributes: userAttributes },
  {
    id: ENTERPRISE_SCHEMA,
    name: 'EnterpriseUser',
    description: 'A member’s place in the enterprise',
    attributes: enterpriseAttributes,
  },
  { id: GROUP_SCHEMA, name: 'Group', description: 'A group of members', attributes: groupAttributes },
];

/** Every schema the service keeps, as Schema resources located under `base`. */
export function allSchemas(base: string) {
  return SCHEMAS.map((schema) => ({
    schemas: [SCHEMA_SCHEMA],
    ...schema,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${schema.id}` },
  }));
}

/** One schema by its URN (case-insensitively, as URNs compare), or null. */
export function schemaById(base: string, urn: string) {
  return allSchemas(base).find((schema) => schema.id.toLowerCase() === urn.toLowerCase()) ?? null;
}
