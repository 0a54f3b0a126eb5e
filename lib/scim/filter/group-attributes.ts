// The attributes a filter or sortBy may name on a SCIM Group (RFC 7643 §4.2), as SQL on `g` (scim_groups).
// displayName is compared case-insensitively in the shape its unique index on lower(display_name)
// answers; externalId exactly, on its own index (db/schema/scim.ts); members are read in
// scim_group_members, by membership id. Pure.
import { sql } from 'drizzle-orm';
import type { AttributeTable, Scalar } from './attributes';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

function scalar(name: string, type: Scalar['type'], value: Scalar['sql'], caseExact = false): Scalar {
  return { kind: 'scalar', name, type, sql: value, caseExact, sortable: true };
}

/** The Group attributes. */
export const groupAttributes: AttributeTable = {
  schemas: [{ urn: GROUP_SCHEMA.toLowerCase(), prefix: '' }],
  attributes: {
    id: scalar('id', 'uuid', sql`g.id`, true),
    displayname: scalar('displayName', 'string', sql`g.display_name`),
    externalid: scalar('externalId', 'string', sql`g.external_id`, true),
    members: {
      kind: 'collection',
      name: 'members',
      some: (condition) =>
        sql`EXISTS (SELECT 1 FROM scim_group_members gm WHERE gm.group_id = g.id AND ${condition})`,
      subs: {
        value: { ...scalar('members.value', 'uuid', sql`gm.membership_id`, true), sortable: false },
        type: { ...scalar('members.type', 'string', sql`'User'::text`), sortable: false },
      },
      bare: 'value',
    },
    'meta.created': scalar('meta.created', 'dateTime', sql`g.created_at`),
    'meta.lastmodified': scalar('meta.lastModified', 'dateTime', sql`g.updated_at`),
  },
};
