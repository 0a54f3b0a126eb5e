// The SCIM filter grammar (RFC 7644 §3.4.2.2) on real rows, PGlite and PostgreSQL (lib/scim/filter): every
// operator on the attribute types a User keeps (strings by their caseExact, ids, booleans, date-times),
// and, or, not, parentheses and their precedence, value paths with and without a sub-attribute after
// the bracket, names with their schema URN, LIKE's wildcards taken literally, and the refusals (400
// invalidFilter naming what was wrong). Groups, sorting and plans: scim-filter-groups.test.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { FILTER_BOUNDS, userFilter } from '@/lib/scim/filter';
import { scimErrorOf } from '@/lib/scim/errors';
import { DomainError } from '@/lib/shared/errors';
import { useTestDatabase } from '../support/db';
import { filterPeople } from '../support/scim-filter-people';

useTestDatabase();

let people: Awaited<ReturnType<typeof filterPeople>>;
beforeEach(async () => {
  people = await filterPeople();
});

const find = (filter: string) => people.users(filter);

/** The 400 invalidFilter `filter` is refused with; its detail. */
function refusal(filter: string): string {
  try {
    userFilter(people.organization.id, filter);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const answer = scimErrorOf(error as DomainError);
    expect([answer.status, answer.scimType]).toEqual([400, 'invalidFilter']);
    return answer.detail ?? answer.message;
  }
  throw new Error(`${filter} was not refused`);
}

describe('comparison operators on strings', () => {
  it('eq: userName as sent or the address, case-insensitively, only in this organization', async () => {
    expect(await find('userName eq "ada.lovelace@example.com"')).toEqual(['ada']);
    expect(await find('USERNAME EQ "ADA.LOVELACE@EXAMPLE.COM"')).toEqual(['ada']);
    expect(await find('userName eq "Grace@Example.com"')).toEqual(['grace']);
    expect(await find('userName eq "ada@example.com"')).toEqual([]);
    expect(await find('userName eq "ATURING"')).toEqual(['alan']);
  });

  it('eq: externalId and id are case-exact; an id that is no UUID matches nothing', async () => {
    expect(await find('externalId eq "EXT-ada"')).toEqual(['ada']);
    expect(await find('externalId eq "ext-ada"')).toEqual([]);
    expect(await find(`id eq "${people.ids.grace}"`)).toEqual(['grace']);
    expect(await find('id eq "not-a-uuid"')).toEqual([]);
    expect(await find('id ne "not-a-uuid"')).toEqual(['ada', 'alan', 'grace', 'owner']);
  });

  it('eq on emails, displayName, names, title, department and the profile', async () => {
    expect(await find('emails.value eq "GRACE@example.com"')).toEqual(['grace']);
    expect(await find('emails eq "alan@example.com"')).toEqual(['alan']);
    expect(await find('displayName eq "countess ada"')).toEqual(['ada']);
    expect(await find('name.givenName eq "grace"')).toEqual(['grace']);
    expect(await find('name.familyName eq "LOVELACE"')).toEqual(['ada']);
    expect(await find('name.formatted eq "Ada Lovelace"')).toEqual(['ada']);
    expect(await find('name.middleName eq "king"')).toEqual(['ada']);
    expect(await find('title eq "chief engineer"')).toEqual(['ada']);
    expect(await find('nickName eq "ADA"')).toEqual(['ada']);
    expect(await find('userType eq "employee"')).toEqual(['ada']);
    expect(await find('preferredLanguage eq "en-gb"')).toEqual(['ada']);
    expect(await find('locale eq "en-GB" and timezone eq "europe/london"')).toEqual(['ada']);
    expect(await find('roles.value eq "ADMIN"')).toEqual(['ada']);
    expect(await find('roles eq "admin"')).toEqual(['ada']);
  });

  it('eq on the enterprise extension, with or without its URN', async () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    expect(await find('department eq "navy"')).toEqual(['grace']);
    expect(await find(`${urn}:department eq "R&D"`)).toEqual(['ada']);
    expect(await find(`${urn.toUpperCase()}:employeeNumber eq "1906"`)).toEqual(['grace']);
    expect(await find('costCenter eq "cc_200"')).toEqual(['grace']);
    expect(await find('organization eq "analytical" and division eq "ENGINES"')).toEqual(['ada']);
    expect(await find(`${urn}:manager.value eq "boss-2"`)).toEqual(['grace']);
    expect(await find('manager.displayName eq "babbage"')).toEqual(['ada']);
    expect(await find('manager pr')).toEqual(['ada', 'grace']);
  });

  it('core names with their URN', async () => {
    const urn = 'urn:ietf:params:scim:schemas:core:2.0:User';
    expect(await find(`${urn}:userName eq "aturing"`)).toEqual(['alan']);
    expect(await find(`${urn}:name.givenName eq "Ada"`)).toEqual(['ada']);
    expect(await find(`${urn}:emails[value eq "grace@example.com"]`)).toEqual(['grace']);
    expect(refusal(`${urn}:department eq "Navy"`)).toContain(`${urn}:department`);
  });

  it('ne matches a different value and an absent one', async () => {
    expect(await find('title ne "chief engineer"')).toEqual(['alan', 'grace', 'owner']);
    expect(await find('externalId ne "EXT-ada"')).toEqual(['alan', 'grace', 'owner']);
    expect(await find('userName ne "ATURING"')).toEqual(['ada', 'grace', 'owner']);
  });

  it('co, sw and ew, case-insensitively except on case-exact attributes', async () => {
    expect(await find('userName co "LOVELACE"')).toEqual(['ada']);
    expect(await find('userName sw "g"')).toEqual(['grace']);
    expect(await find('emails.value ew "@EXAMPLE.COM"')).toEqual(['ada', 'alan', 'grace', 'owner']);
    expect(await find('emails.value ew "@example.org"')).toEqual([]);
    expect(await find('name.familyName co "opp"')).toEqual(['grace']);
    expect(await find('externalId sw "ext"')).toEqual(['grace']);
    expect(await find('externalId sw "EXT"')).toEqual(['ada']);
    expect(await find('title ew "ENGINEER"')).toEqual(['ada']);
  });

  it('co, sw and ew take %, _ and \\ in the value literally', async () => {
    expect(await find('costCenter ew "100%"')).toEqual(['ada']);
    expect(await find('costCenter co "%"')).toEqual(['ada']);
    expect(await find('costCenter co "_"')).toEqual(['grace']);
    expect(await find('title co "r_a"')).toEqual(['grace']);
    expect(await find('title co "_"')).toEqual(['grace']);
    expect(await find('title sw "%"')).toEqual([]);
    expect(await find('title co "\\\\"')).toEqual([]);
  });

  it('gt, ge, lt and le on strings in code-point order, case-insensitively', async () => {
    expect(await find('name.givenName gt "b"')).toEqual(['grace']);
    expect(await find('name.givenName ge "ADA"')).toEqual(['ada', 'grace']);
    expect(await find('name.givenName lt "Grace"')).toEqual(['ada']);
    expect(await find('name.givenName le "grace"')).toEqual(['ada', 'grace']);
    expect(await find('externalId gt "a"')).toEqual(['grace']);
  });

  it('pr: present and not empty', async () => {
    expect(await find('title pr')).toEqual(['ada', 'grace']);
    expect(await find('externalId pr')).toEqual(['ada', 'grace']);
    expect(await find('name pr')).toEqual(['ada', 'grace']);
    expect(await find('phoneNumbers pr')).toEqual(['ada', 'grace']);
    expect(await find('addresses pr')).toEqual(['ada']);
    expect(await find('emails pr')).toEqual(['ada', 'alan', 'grace', 'owner']);
    expect(await find('groups pr')).toEqual(['ada', 'grace']);
    expect(await find('active pr')).toEqual(['ada', 'alan', 'grace', 'owner']);
  });
});

describe('values are parameters, never SQL', () => {
  it("quotes, SQL and JSON escapes in a value are only compared: O'Brien, a DROP, \\u escapes", async () => {
    expect(await find(`title eq "O'Brien"`)).toEqual([]);
    expect(await find(`userName eq "x' OR '1'='1"`)).toEqual([]);
    expect(await find(`title co "'); DROP TABLE memberships; --"`)).toEqual([]);
    expect(await find('title eq "\\u0043hief Engineer"')).toEqual(['ada']);
    expect(await find('title pr')).toEqual(['ada', 'grace']);
  });
});

describe('booleans and date-times', () => {
  it('active eq / ne true and false', async () => {
    expect(await find('active eq false')).toEqual(['grace']);
    expect(await find('active eq true')).toEqual(['ada', 'alan', 'owner']);
    expect(await find('active ne true')).toEqual(['grace']);
    expect(await find('emails.primary eq true')).toEqual(['ada', 'alan', 'grace', 'owner']);
    expect(await find('phoneNumbers.primary eq true')).toEqual(['ada']);
  });

  it('meta.created and meta.lastModified compare as instants, to the millisecond', async () => {
    expect(await find('meta.created gt "2026-01-15T00:00:00Z"')).toEqual(['alan', 'grace']);
    expect(await find('meta.created ge "2026-02-01T00:00:00Z"')).toEqual(['alan', 'grace']);
    expect(await find('meta.created lt "2026-02-01T00:00:00Z"')).toEqual(['ada', 'owner']);
    expect(await find('meta.created le "2026-02-01T01:00:00+01:00"')).toEqual(['ada', 'grace', 'owner']);
    expect(await find('meta.created eq "2026-03-01T12:00:00.123Z"')).toEqual(['alan']);
    expect(await find('meta.created ne "2026-03-01T12:00:00.123Z"')).toEqual(['ada', 'grace', 'owner']);
    expect(await find('meta.lastModified gt "2026-02-01T12:00:00Z"')).toEqual(['alan', 'grace']);
    expect(await find('meta.lastModified pr')).toEqual(['ada', 'alan', 'grace', 'owner']);
  });

  it('refuses the wrong type of value or operator, saying which attribute wants what', () => {
    expect(refusal('meta.created gt "yesterday"')).toMatch(/meta\.created is a date-time/);
    expect(refusal('meta.created gt "2026-13-45T00:00:00Z"')).toMatch(/date-time/);
    expect(refusal('meta.created co "2026"')).toMatch(/meta\.created is a date-time/);
    expect(refusal('active eq "true"')).toMatch(/active is compared with true or false/);
    expect(refusal('active gt true')).toMatch(/active is true or false/);
    expect(refusal('userName eq 42')).toMatch(/userName is a string/);
    expect(refusal('userName eq true')).toMatch(/userName is a string/);
    expect(refusal('title eq null')).toMatch(/not \(title pr\)/);
    expect(refusal('name eq "Ada"')).toMatch(/name is complex/);
    expect(refusal(`userName eq "${'a'.repeat(201)}"`)).toMatch(/too long/);
  });
});

describe('multi-valued attributes and value paths', () => {
  it('a condition on a sub-attribute holds when one element meets it', async () => {
    expect(await find('phoneNumbers.value sw "+1"')).toEqual(['grace']);
    expect(await find('phoneNumbers eq "+44 77 9999"')).toEqual(['ada']);
    expect(await find('phoneNumbers.type eq "mobile"')).toEqual(['ada', 'grace']);
    expect(await find('addresses.locality eq "london"')).toEqual(['ada']);
    expect(await find('addresses.country eq "gb"')).toEqual(['ada']);
  });

  it('every condition in one value path is asked of the same element', async () => {
    expect(await find('phoneNumbers[type eq "work" and value sw "+44"]')).toEqual(['ada']);
    expect(await find('phoneNumbers[type eq "mobile" and value ew "0199"]')).toEqual([]);
    expect(await find('phoneNumbers[type eq "work"].value ew "0199"')).toEqual(['grace']);
    expect(await find('phoneNumbers[type eq "mobile"].value ew "0199"')).toEqual([]);
    expect(await find('phoneNumbers[type eq "work"].value pr')).toEqual(['ada', 'grace']);
    expect(await find('phoneNumbers[not (type eq "work")]')).toEqual(['ada', 'grace']);
    expect(await find('phoneNumbers[type eq "mobile" or primary eq true].value co "99"')).toEqual(['ada']);
  });

  it('emails[type eq "work"].value and emails[value eq …], as directories send them', async () => {
    expect(await find('emails[type eq "work"].value eq "ada@example.com"')).toEqual(['ada']);
    expect(await find('emails[type eq "home"].value eq "ada@example.com"')).toEqual([]);
    expect(await find('emails[value eq "ALAN@example.com"]')).toEqual(['alan']);
    expect(await find('emails[type eq "work" and primary eq true]')).toHaveLength(4);
  });

  it('groups: a member of a group, by its id or its name', async () => {
    expect(await find(`groups eq "${people.groupIds.navy}"`)).toEqual(['grace']);
    expect(await find(`groups.value eq "${people.groupIds.leads}"`)).toEqual(['ada', 'grace']);
    expect(await find('groups[display eq "engineering leads"]')).toEqual(['ada', 'grace']);
    expect(await find('groups.value eq "not-a-uuid"')).toEqual([]);
  });

  it('refuses a value path on a single-valued attribute, a nested one, and an unknown sub-attribute', () => {
    expect(refusal('userName[value eq "x"]')).toMatch(/userName is not one/);
    expect(refusal('emails[phoneNumbers[value eq "x"]]')).toMatch(/cannot hold another/);
    expect(refusal('emails[kind eq "x"]')).toContain('emails.kind');
    expect(refusal('phoneNumbers[type eq "work"].colour eq "x"')).toContain('phoneNumbers.colour');
  });
});

describe('and, or, not, parentheses', () => {
  it('and narrows, or widens, not negates (absent attributes count as not matching)', async () => {
    expect(await find('title pr and active eq true')).toEqual(['ada']);
    expect(await find('title eq "rear_admiral" or userName eq "aturing"')).toEqual(['alan', 'grace']);
    expect(await find('not (title eq "chief engineer")')).toEqual(['alan', 'grace', 'owner']);
    expect(await find('not(title pr)')).toEqual(['alan', 'owner']);
    expect(await find('not (not (title pr))')).toEqual(['ada', 'grace']);
    expect(await find('not (phoneNumbers[type eq "work"])')).toEqual(['alan', 'owner']);
  });

  it('and binds tighter than or: a or b and c is a or (b and c)', async () => {
    // a: Alan; b: active (Ada, Alan, Owner); c: a title (Ada, Grace).
    expect(await find('userName eq "aturing" or active eq true and title pr')).toEqual(['ada', 'alan']);
    expect(await find('active eq true and title pr or userName eq "aturing"')).toEqual(['ada', 'alan']);
    expect(await find('(userName eq "aturing" or active eq true) and title pr')).toEqual(['ada']);
    expect(await find('title pr and not (active eq true) or externalId eq "EXT-ada"')).toEqual([
      'ada',
      'grace',
    ]);
  });

  it('keywords in any case, nested parentheses within the bound', async () => {
    const deep = `${'('.repeat(FILTER_BOUNDS.depth)}title pr${')'.repeat(FILTER_BOUNDS.depth)}`;
    expect(await find(deep)).toEqual(['ada', 'grace']);
    expect(await find('title PR AND NOT (active EQ true) OR externalId Eq "EXT-ada"')).toEqual([
      'ada',
      'grace',
    ]);
    expect(await find(Array(FILTER_BOUNDS.terms).fill('title pr').join(' and '))).toEqual(['ada', 'grace']);
  });
});

describe('refusals', () => {
  it('an unknown attribute is named', () => {
    expect(refusal('shoeSize eq "9"')).toContain('shoeSize');
    expect(refusal('name.nickname eq "x"')).toContain('name.nickname');
    expect(refusal('urn:example:custom:shoeSize eq "9"')).toContain('urn:example:custom:shoeSize');
  });

  it('broken syntax says where', () => {
    expect(refusal('userName "x"')).toMatch(/Expected an operator/);
    expect(refusal('userName eq')).toMatch(/without its value/);
    expect(refusal('userName eq x')).toMatch(/not a value/);
    expect(refusal('(userName eq "x"')).toMatch(/closing parenthesis/);
    expect(refusal('emails[value eq "x"')).toMatch(/closing bracket/);
    expect(refusal('userName eq "x" title pr')).toMatch(/expected and, or, or the end/);
    expect(refusal('userName eq "x" and')).toMatch(/ends where a comparison was expected/);
    expect(refusal('userName eq "\\q"')).toMatch(/invalid escape/);
    expect(refusal('userName ~ "x"')).toMatch(/Unexpected "~"/);
    expect(refusal('not title pr')).toMatch(/not takes a filter in parentheses/);
  });

  it('bounds: length, depth and number of comparisons', () => {
    expect(refusal(`userName eq "${'a'.repeat(FILTER_BOUNDS.length)}"`)).toMatch(/longer than/);
    const deeper = FILTER_BOUNDS.depth + 1;
    expect(refusal(`${'('.repeat(deeper)}title pr${')'.repeat(deeper)}`)).toMatch(/nests deeper/);
    expect(
      refusal(
        Array(FILTER_BOUNDS.terms + 1)
          .fill('title pr')
          .join(' or '),
      ),
    ).toMatch(/more than 50/);
  });
});
