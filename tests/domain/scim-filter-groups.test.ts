// SCIM filters on Groups, and sortBy/sortOrder on Users and Groups (lib/scim/filter), on PGlite and
// PostgreSQL against real rows: displayName case-insensitively, externalId exactly, members by membership
// id, dates; sorting by an attribute as a filter compares it, absent values last, the id breaking ties,
// and a 400 invalidValue naming a sortBy or sortOrder this service cannot honour.
import { beforeEach, describe, expect, it } from 'vitest';
import { groupFilter, userOrder } from '@/lib/scim/filter';
import { scimErrorOf } from '@/lib/scim/errors';
import { DomainError } from '@/lib/shared/errors';
import { useTestDatabase } from '../support/db';
import { filterPeople } from '../support/scim-filter-people';

useTestDatabase();

let people: Awaited<ReturnType<typeof filterPeople>>;
beforeEach(async () => {
  people = await filterPeople();
});

/** The status, scimType and detail `run` is refused with. */
function refusedWith(run: () => unknown): [number, string | undefined, string] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const answer = scimErrorOf(error as DomainError);
    return [answer.status, answer.scimType, answer.detail ?? answer.message];
  }
  throw new Error('not refused');
}

describe('Group filters', () => {
  it('displayName case-insensitively, externalId exactly, id as a UUID, only in this organization', async () => {
    expect(await people.groups('displayName eq "navy"')).toEqual(['navy']);
    expect(await people.groups('DISPLAYNAME eq "ENGINEERING LEADS"')).toEqual(['leads']);
    expect(await people.groups('externalId eq "G-2"')).toEqual(['navy']);
    expect(await people.groups('externalId eq "g-2"')).toEqual([]);
    expect(await people.groups(`id eq "${people.groupIds.odd}"`)).toEqual(['odd']);
    expect(await people.groups('id eq "nope"')).toEqual([]);
    expect(await people.groups('urn:ietf:params:scim:schemas:core:2.0:Group:displayName sw "eng"')).toEqual([
      'leads',
    ]);
  });

  it('displayName co/sw/ew take %, _ and \\ literally', async () => {
    expect(await people.groups('displayName co "_"')).toEqual(['odd']);
    expect(await people.groups('displayName co "%"')).toEqual(['odd']);
    expect(await people.groups('displayName ew "\\\\group"')).toEqual(['odd']);
    expect(await people.groups('displayName sw "_"')).toEqual([]);
  });

  it('members by membership id, value paths, pr and not', async () => {
    expect(await people.groups(`members eq "${people.ids.grace}"`)).toEqual(['leads', 'navy']);
    expect(await people.groups(`members[value eq "${people.ids.ada}"]`)).toEqual(['leads']);
    expect(await people.groups(`members.value eq "${people.ids.alan}"`)).toEqual([]);
    expect(await people.groups('members pr')).toEqual(['leads', 'navy']);
    expect(await people.groups('not (members pr)')).toEqual(['odd']);
    expect(
      await people.groups(`displayName eq "navy" or members[value eq "${people.ids.ada}"] and externalId pr`),
    ).toEqual(['leads', 'navy']);
  });

  it('meta.created and meta.lastModified', async () => {
    expect(await people.groups('meta.created gt "2026-01-15T00:00:00Z"')).toEqual(['navy', 'odd']);
    expect(await people.groups('meta.lastModified le "2026-01-10T00:00:00.000Z"')).toEqual(['leads']);
  });

  it("refuses a User's attribute on a Group, naming it", () => {
    const [status, scimType, detail] = refusedWith(() =>
      groupFilter(people.organization.id, 'userName eq "x"'),
    );
    expect([status, scimType]).toEqual([400, 'invalidFilter']);
    expect(detail).toContain('userName');
  });
});

describe('sortBy and sortOrder', () => {
  it('without sortBy: oldest first', async () => {
    // sortOrder alone orders nothing (RFC 7644 §3.4.2.3: it is the order sortBy is applied in).
    expect(await people.users(null, null, 'descending')).toEqual(['owner', 'ada', 'grace', 'alan']);
    expect(await people.users('emails pr', 'meta.created')).toEqual(['owner', 'ada', 'grace', 'alan']);
  });

  it('by a string, case-insensitively, ascending by default, absent values last in either order', async () => {
    const ascending = await people.users(null, 'title');
    expect(ascending.slice(0, 2)).toEqual(['ada', 'grace']);
    expect(ascending.slice(2).sort()).toEqual(['alan', 'owner']);
    const descending = await people.users(null, 'title', 'DESCENDING');
    expect(descending.slice(0, 2)).toEqual(['grace', 'ada']);
    expect(await people.users('name pr', 'name.familyName', 'Ascending')).toEqual(['grace', 'ada']);
    expect(await people.users('emails pr', 'userName')).toEqual(['ada', 'alan', 'grace', 'owner']);
    expect(await people.users('emails pr', 'userName', 'descending')).toEqual([
      'owner',
      'grace',
      'alan',
      'ada',
    ]);
  });

  it('by a date-time, a URN-prefixed name, emails and roles', async () => {
    expect(await people.users(null, 'meta.created', 'descending')).toEqual(['alan', 'grace', 'ada', 'owner']);
    expect(
      (
        await people.users(null, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department')
      ).slice(0, 2),
    ).toEqual(['grace', 'ada']);
    expect((await people.users(null, 'emails')).slice(0, 3)).toEqual(['ada', 'alan', 'grace']);
    expect((await people.users(null, 'roles.value', 'descending')).at(-1)).toBe('ada');
  });

  it('Groups by displayName and by date', async () => {
    expect(await people.groups(null, 'displayName')).toEqual(['leads', 'navy', 'odd']);
    expect(await people.groups(null, 'displayname', 'descending')).toEqual(['odd', 'navy', 'leads']);
    expect(await people.groups(null, 'meta.created', 'descending')).toEqual(['odd', 'navy', 'leads']);
    expect(await people.groups(null)).toEqual(['leads', 'navy', 'odd']);
  });

  it('refuses an unknown or unsortable sortBy, and a sortOrder that is neither: 400 invalidValue naming it', () => {
    for (const [sortBy, sortOrder, named] of [
      ['shoeSize', null, 'shoeSize'],
      ['phoneNumbers.value', null, 'phoneNumbers.value'],
      ['groups', null, 'groups'],
      ['name', null, 'name'],
      ['userName', 'up', 'up'],
    ] as const) {
      const [status, scimType, detail] = refusedWith(() => userOrder(sortBy, sortOrder));
      expect([status, scimType], sortBy).toEqual([400, 'invalidValue']);
      expect(detail).toContain(named);
    }
  });
});
