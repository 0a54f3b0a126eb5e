// The attributes a filter or sortBy may name on a SCIM User (RFC 7643 §4.1 and the enterprise extension
// §4.3), as SQL on `m` (memberships) and `u` (users, joined on u.id = m.user_id). The directory's profile
// is read where lib/scim/profile.ts keeps it as sent (memberships.scim_profile); title and department
// from the columns the users list reads. userName, emails.value and externalId `eq` keep the shapes
// their indexes answer (db/schema/organizations.ts, db/schema/auth.ts). Pure.
import { sql, type SQL } from 'drizzle-orm';
import { ADDRESS_KEYS } from '../profile';
import type { AttributeTable, Collection, Scalar } from './attributes';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function scalar(name: string, type: Scalar['type'], value: SQL, extra: Partial<Scalar> = {}): Scalar {
  return { kind: 'scalar', name, type, sql: value, sortable: type !== 'complex', ...extra };
}

/** A text value of the profile at `path` (`['name', 'givenName']`), compared case-insensitively. */
function profile(name: string, ...path: string[]): Scalar {
  const parents = path.slice(0, -1).map((step) => sql`->${step}::text`);
  return scalar(name, 'string', sql`(m.scim_profile${sql.join(parents)}->>${path.at(-1)}::text)`);
}

/** A multi-valued attribute of the profile (a JSON array), its elements' text sub-attributes and `primary`. */
function profileList(name: string, subs: readonly string[]): Collection {
  const list = sql`m.scim_profile->${name}::text`;
  return {
    kind: 'collection',
    name,
    some: (condition) =>
      sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${list}) = 'array' THEN ${list} ELSE '[]'::jsonb END) AS e(item) WHERE ${condition})`,
    subs: {
      ...Object.fromEntries(
        subs.map((sub): [string, Scalar] => [
          sub.toLowerCase(),
          scalar(`${name}.${sub}`, 'string', sql`(e.item->>${sub}::text)`),
        ]),
      ),
      primary: scalar(`${name}.primary`, 'boolean', sql`(e.item->>'primary' = 'true')`),
    },
    bare: 'value',
  };
}

const userName = sql`coalesce(m.scim_user_name, u.email)`;

/**
 * userName `eq` as two index look-ups, the directory's own userName (memberships by lower(scim_user_name))
 * or, where it gave none, the account's address (users.email, stored lower-cased): one condition across
 * both tables no index could answer.
 */
function userNameIs(organizationId: string) {
  return (value: string): SQL => sql`m.id IN (
    SELECT id FROM memberships WHERE organization_id = ${organizationId}
      AND scim_user_name IS NOT NULL AND lower(scim_user_name) = lower(${value}::text)
    UNION ALL
    SELECT m2.id FROM users u2 JOIN memberships m2 ON m2.user_id = u2.id
      WHERE u2.email = lower(${value}::text) AND m2.organization_id = ${organizationId} AND m2.scim_user_name IS NULL)`;
}

/** The User attributes, their userName look-up scoped to `organizationId`. */
export function userAttributes(organizationId: string): AttributeTable {
  const single = (name: string, subs: Record<string, Scalar>, sortSql?: SQL): Collection => ({
    kind: 'collection',
    name,
    some: (condition) => condition,
    subs,
    bare: 'value',
    sortSql,
  });
  return {
    schemas: [
      { urn: ENTERPRISE_SCHEMA.toLowerCase(), prefix: 'enterprise.' },
      { urn: USER_SCHEMA.toLowerCase(), prefix: '' },
    ],
    attributes: {
      id: scalar('id', 'uuid', sql`m.id`, { caseExact: true }),
      username: scalar('userName', 'string', userName, { eq: userNameIs(organizationId) }),
      externalid: scalar('externalId', 'string', sql`m.external_id`, { caseExact: true }),
      active: scalar('active', 'boolean', sql`(m.status = 'active')`),
      displayname: scalar(
        'displayName',
        'string',
        sql`coalesce(m.scim_profile->>'displayName', m.directory_name)`,
      ),
      name: scalar('name', 'complex', sql`(m.scim_profile->'name')`),
      'name.givenname': profile('name.givenName', 'name', 'givenName'),
      'name.familyname': profile('name.familyName', 'name', 'familyName'),
      'name.middlename': profile('name.middleName', 'name', 'middleName'),
      'name.formatted': profile('name.formatted', 'name', 'formatted'),
      'name.honorificprefix': profile('name.honorificPrefix', 'name', 'honorificPrefix'),
      'name.honorificsuffix': profile('name.honorificSuffix', 'name', 'honorificSuffix'),
      nickname: profile('nickName', 'nickName'),
      title: scalar('title', 'string', sql`m.title`),
      usertype: profile('userType', 'userType'),
      preferredlanguage: profile('preferredLanguage', 'preferredLanguage'),
      locale: profile('locale', 'locale'),
      timezone: profile('timezone', 'timezone'),
      emails: single(
        'emails',
        {
          // users.email is stored lower-cased: compared as it is, its unique index answers.
          value: scalar('emails.value', 'string', sql`u.email`, {
            eq: (value) => sql`u.email = lower(${value}::text)`,
          }),
          type: scalar('emails.type', 'string', sql`'work'::text`),
          primary: scalar('emails.primary', 'boolean', sql`true`),
        },
        sql`u.email`,
      ),
      roles: single(
        'roles',
        { value: scalar('roles.value', 'string', sql`m.role::text`) },
        sql`m.role::text`,
      ),
      phonenumbers: profileList('phoneNumbers', ['value', 'type', 'display']),
      addresses: {
        ...profileList('addresses', ADDRESS_KEYS),
        bare: 'formatted',
      },
      groups: {
        kind: 'collection',
        name: 'groups',
        some: (condition) => sql`EXISTS (SELECT 1 FROM scim_group_members gm
          JOIN scim_groups gg ON gg.id = gm.group_id WHERE gm.membership_id = m.id AND ${condition})`,
        subs: {
          value: scalar('groups.value', 'uuid', sql`gm.group_id`, { caseExact: true }),
          display: scalar('groups.display', 'string', sql`gg.display_name`),
          type: scalar('groups.type', 'string', sql`'direct'::text`),
        },
        bare: 'value',
      },
      'meta.created': scalar('meta.created', 'dateTime', sql`m.created_at`),
      'meta.lastmodified': scalar('meta.lastModified', 'dateTime', sql`m.updated_at`),
      'enterprise.employeenumber': profile('employeeNumber', 'enterprise', 'employeeNumber'),
      'enterprise.department': scalar('department', 'string', sql`m.department`),
      'enterprise.costcenter': profile('costCenter', 'enterprise', 'costCenter'),
      'enterprise.organization': profile('organization', 'enterprise', 'organization'),
      'enterprise.division': profile('division', 'enterprise', 'division'),
      'enterprise.manager': scalar('manager', 'complex', sql`(m.scim_profile->'enterprise'->'manager')`),
      'enterprise.manager.value': profile('manager.value', 'enterprise', 'manager', 'value'),
      'enterprise.manager.displayname': profile(
        'manager.displayName',
        'enterprise',
        'manager',
        'displayName',
      ),
    },
  };
}
