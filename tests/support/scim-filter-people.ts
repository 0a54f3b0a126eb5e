// The people and groups the filter tests (tests/domain/scim-filter*.test.ts) ask about, written straight
// into the tables as lib/scim/users.ts and lib/scim/groups would keep them (a profile as sent, title and
// department copied out), and the queries that run a filter and a sort the way the SCIM lists do.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { groupFilter, groupOrder, userFilter, userOrder } from '@/lib/scim/filter';
import { rows } from '@/lib/sql';
import { addMember, createOrganizationWithOwner, createUser } from './factories';

const ADA_PROFILE = {
  name: { givenName: 'Ada', familyName: 'Lovelace', formatted: 'Ada Lovelace', middleName: 'King' },
  displayName: 'Countess Ada',
  nickName: 'ada',
  userType: 'Employee',
  preferredLanguage: 'en-GB',
  locale: 'en-GB',
  timezone: 'Europe/London',
  phoneNumbers: [
    { value: '+44 20 1234', type: 'work', primary: true },
    { value: '+44 77 9999', type: 'mobile' },
  ],
  addresses: [{ type: 'work', locality: 'London', country: 'GB', formatted: '1 St James, London' }],
  enterprise: {
    employeeNumber: '1815',
    department: 'R&D',
    costCenter: 'CC-100%',
    organization: 'Analytical',
    division: 'Engines',
    manager: { value: 'boss-1', displayName: 'Babbage' },
  },
};

const GRACE_PROFILE = {
  name: { givenName: 'Grace', familyName: 'Hopper' },
  phoneNumbers: [
    { value: '+1 555 0100', type: 'mobile' },
    { value: '+1 555 0199', type: 'work' },
  ],
  enterprise: {
    employeeNumber: '1906',
    department: 'Navy',
    costCenter: 'CC_200',
    manager: { value: 'boss-2' },
  },
};

interface Person {
  email: string;
  role: 'admin' | 'member';
  status: 'active' | 'suspended';
  userName: string | null;
  externalId: string | null;
  title: string | null;
  department: string | null;
  profile: object | null;
  created: string;
}

const PEOPLE: Record<string, Person> = {
  ada: {
    email: 'ada@example.com',
    role: 'admin',
    status: 'active',
    userName: 'Ada.Lovelace@Example.com',
    externalId: 'EXT-ada',
    title: 'Chief Engineer',
    department: 'R&D',
    profile: ADA_PROFILE,
    created: '2026-01-01T00:00:00Z',
  },
  grace: {
    email: 'grace@example.com',
    role: 'member',
    status: 'suspended',
    userName: null,
    externalId: 'ext-grace',
    title: 'Rear_Admiral',
    department: 'Navy',
    profile: GRACE_PROFILE,
    created: '2026-02-01T00:00:00Z',
  },
  alan: {
    email: 'alan@example.com',
    role: 'member',
    status: 'active',
    userName: 'aturing',
    externalId: null,
    title: null,
    department: null,
    profile: null,
    created: '2026-03-01T12:00:00.123Z',
  },
};

/** Ada, Grace and Alan (and the Owner who made the organization) in one organization; groups of them. */
export async function filterPeople() {
  const db = await getDb();
  const { organization, owner } = await createOrganizationWithOwner('Filters');
  const names = new Map<string, string>();
  const ids: Record<string, string> = {};
  for (const [name, person] of Object.entries(PEOPLE)) {
    const { membershipId } = await addMember(
      organization.id,
      person.role,
      await createUser({ email: person.email }),
    );
    await db.execute(sql`UPDATE memberships SET status = ${person.status}, scim_user_name = ${person.userName},
      external_id = ${person.externalId}, title = ${person.title}, department = ${person.department},
      scim_profile = ${person.profile === null ? null : JSON.stringify(person.profile)}::jsonb,
      created_at = ${person.created}::timestamptz, updated_at = ${person.created}::timestamptz + interval '1 day'
      WHERE id = ${membershipId}`);
    names.set(membershipId, name);
    ids[name] = membershipId;
  }
  const [ownerRow] = await rows(
    db,
    sql`UPDATE memberships SET created_at = '2025-12-01T00:00:00Z', updated_at = '2025-12-01T00:00:00Z'
      WHERE organization_id = ${organization.id} AND user_id = ${owner.userId} RETURNING id`,
    z.object({ id: z.string() }),
  );
  names.set(ownerRow.id, 'owner');
  ids.owner = ownerRow.id;
  // Another organization's member with Ada's userName: never found from this one.
  const other = await createOrganizationWithOwner('Elsewhere');
  const stranger = await addMember(other.organization.id, 'member');
  await db.execute(
    sql`UPDATE memberships SET scim_user_name = 'ada.lovelace@example.com' WHERE id = ${stranger.membershipId}`,
  );

  const groups: Record<string, string> = {};
  const groupNames = new Map<string, string>();
  const made = [
    ['leads', 'Engineering Leads', 'g-1', '2026-01-10T00:00:00Z', ['ada', 'grace']],
    ['navy', 'Navy', 'G-2', '2026-01-20T00:00:00Z', ['grace']],
    ['odd', 'Odd_%\\Group', null, '2026-01-30T00:00:00Z', []],
  ] as const;
  for (const [key, displayName, externalId, created, members] of made) {
    const [group] = await rows(
      db,
      sql`INSERT INTO scim_groups (organization_id, display_name, external_id, created_at, updated_at)
        VALUES (${organization.id}, ${displayName}, ${externalId}, ${created}::timestamptz, ${created}::timestamptz)
        RETURNING id`,
      z.object({ id: z.string() }),
    );
    groups[key] = group.id;
    groupNames.set(group.id, key);
    for (const member of members)
      await db.execute(sql`INSERT INTO scim_group_members (group_id, membership_id, organization_id)
        VALUES (${group.id}, ${ids[member]}, ${organization.id})`);
  }
  await db.execute(
    sql`INSERT INTO scim_groups (organization_id, display_name) VALUES (${other.organization.id}, 'Navy')`,
  );

  const id = z.object({ id: z.string() });
  /** The people `filter` finds, by name, in the list's order (sorted by name when neither sortBy nor sortOrder is given). */
  async function users(filter: string | null, sortBy: string | null = null, sortOrder: string | null = null) {
    const condition = userFilter(organization.id, filter) ?? sql`true`;
    const found = await rows(
      db,
      sql`SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = ${organization.id} AND (${condition}) ORDER BY ${userOrder(sortBy, sortOrder)}`,
      id,
    );
    const list = found.map((row) => names.get(row.id)!);
    return sortBy || sortOrder ? list : list.sort();
  }
  /** The groups `filter` finds, by key, in the list's order (sorted by key when neither sortBy nor sortOrder is given). */
  async function groupsFound(
    filter: string | null,
    sortBy: string | null = null,
    sortOrder: string | null = null,
  ) {
    const condition: SQL = groupFilter(organization.id, filter) ?? sql`true`;
    const found = await rows(
      db,
      sql`SELECT g.id FROM scim_groups g WHERE g.organization_id = ${organization.id} AND (${condition})
        ORDER BY ${groupOrder(sortBy, sortOrder)}`,
      id,
    );
    const list = found.map((row) => groupNames.get(row.id)!);
    return sortBy || sortOrder ? list : list.sort();
  }
  return { organization, ids, groupIds: groups, users, groups: groupsFound };
}
