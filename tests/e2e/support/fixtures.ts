// The shape of the fixture file written by tests/e2e/fixtures/seed.ts, and a reader for tests.
import fs from 'node:fs';
import { inject } from 'vitest';

export interface FixturePerson {
  id: string;
  email: string;
  name: string | null;
}

export interface FixtureOrganization {
  id: string;
  name: string;
  slug: string;
}

export interface FixtureInvitation {
  id: string;
  organization: 'acme' | 'initech';
  email: string;
  role: 'admin' | 'member';
  /** The raw link secret: the page is /invite/<token>. */
  token: string;
}

export interface E2eFixtures {
  users: Record<
    | 'owner'
    | 'admin'
    | 'member'
    | 'member2'
    | 'member3'
    | 'solo'
    /** Owner of Initech (invitations). */
    | 'initechOwner'
    /** Has an AI Hub account, in no organization; invited to Initech as a Member. */
    | 'casey'
    /** Owner of Umbrella (role changes and removals). */
    | 'umbrellaOwner'
    /** Owner of Hooli (30 Members: search and pagination). */
    | 'hooliOwner'
    /** Owner and Admin of Handover (transfer of ownership). */
    | 'handoverOwner'
    | 'handoverAdmin',
    FixturePerson
  >;
  /**
   * Acme (owner, admin, member, member2, member3; the expired invitation) is shared with foundation.e2e.ts
   * and only read by the other suites. Solo has its Owner alone. The others belong to one suite each.
   */
  organizations: Record<
    'acme' | 'solo' | 'initech' | 'umbrella' | 'hooli' | 'handover' | 'northwind',
    FixtureOrganization
  >;
  /**
   * users-phone.e2e.ts: Northwind (a long name) with its Owner, an Admin whose address is 80 characters,
   * 24 Members, and invitations: an 80-character address sent 3 times, an expired one, a declined one.
   */
  phone: {
    owner: FixturePerson;
    longMember: FixturePerson;
    invitations: { long: string; expired: string; declined: string };
  };
  /** Umbrella's Members, one set per test that changes them (all Members at the start). */
  umbrella: Record<'promote' | 'bulk1' | 'bulk2' | 'remove' | 'gone1' | 'gone2' | 'steady', FixturePerson>;
  /** Hooli's 30 Members: staff01@hooli.test … staff30@hooli.test, "Staff Member 01" …. */
  hooliStaff: FixturePerson[];
  /** select-all-matching.e2e.ts's own: Wayne (long name), its Owner and 30 Members, the first with an 80-character address. */
  selectAllMatching: {
    owner: FixturePerson;
    organization: FixtureOrganization;
    staff: FixturePerson[];
  };
  invitations: {
    /** A pending Member invitation to Acme whose link expired a day ago; `token` is the raw link secret. */
    expired: FixtureInvitation & { organization: 'acme' };
    /** A pending Member invitation to Initech for dana@invitee.test, who has no account. */
    forSomeoneElse: FixtureInvitation & { organization: 'initech' };
    /** A pending Member invitation to Initech for casey@elsewhere.test, who has an account. */
    forExistingAccount: FixtureInvitation & { organization: 'initech' };
  };
  /**
   * Rules before confirmation (rules-before-confirm.e2e.ts): Rulebook (Rhea its only Owner, Ray Admin,
   * Lee Member), an organization with an 80-character name (Rhea alone Owner, Lee Member), and Relay
   * (Rex Owner; Tara, Tamsin and twelve runners Members).
   */
  rules: Record<'owner' | 'admin' | 'leaver' | 'relayOwner' | 'relayTarget', FixturePerson> &
    Record<'rulebook' | 'longNamed' | 'relay', FixtureOrganization>;
  /**
   * dialogs-axe.e2e.ts: Meridian (an 80-character name), its Owner and Admin, and the raw link of a
   * pending invitation for an address with no account; Meridian Annex, the Owner's too, whose one token
   * is refused (its maker is no longer an Admin). The suite opens dialogs and confirms none.
   */
  dialogs: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    admin: FixturePerson;
    invitationToken: string;
    annex: FixtureOrganization;
    refusedTokenName: string;
  };
  /** suspension.e2e.ts: Stasis, its Owner Sol, its Admin Sam (suspended and reactivated), Members Sue and Sid. */
  suspension: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    admin: FixturePerson;
    members: FixturePerson[];
  };
  /** csv.e2e.ts: Ledger, its Owner Lee, its Admin Liv, Lou (a Member named like a formula) and Lin, a Member. */
  ledger: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    admin: FixturePerson;
    formula: FixturePerson;
    member: FixturePerson;
  };
  /**
   * domains.e2e.ts (tests/e2e/fixtures/domains.ts): Meridian, its Owner Olive and Admin Adam; and a domain
   * Rival (another organization) has verified, which Meridian is refused; Horizon and its Owner, with
   * horizon-failing.com (its record missed for 2 days) and horizon-removed.com (missing 7 days and more).
   */
  domains: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    admin: FixturePerson;
    takenDomain: string;
    horizon: { organization: FixtureOrganization; owner: FixturePerson };
  };
  /** provisioning.e2e.ts: Conduit and its Owner Cora. */
  conduit: { organization: FixtureOrganization; owner: FixturePerson };
  /** invite-dialog.e2e.ts: an organization with a long name, its Owner, an address past its daily cap. */
  inviteDialog: {
    owner: FixturePerson;
    organization: FixtureOrganization;
    /** Has received as many invitations today as one address may: inviting it is not sent. */
    cappedAddress: string;
  };
  /** invite-send.e2e.ts: Seatwell, limited to 3 seats, its Owner and a Member in two of them. */
  inviteSeats: { organization: FixtureOrganization; owner: FixturePerson; member: FixturePerson };
  /** copy.e2e.ts: Quillmark, its Owner and a Member, and the raw link of an invitation it declines. */
  copy: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    member: FixturePerson;
    declineToken: string;
  };
  /**
   * Keyboard and activity suites: Wonka (a long name ending with "."), its Owner and Admin, a Member
   * whose address has 80 characters, a pending invitation (charlie@bucket.test) with its raw link
   * secret, and five events on fixed days of March and April 2026 (see tests/e2e/fixtures/seed.ts).
   */
  /** asks-first.e2e.ts (tests/e2e/fixtures/asks-first.ts): Keystone and Mosaic, each Owner alone. */
  asksFirst: {
    keystone: Record<'owner' | 'admin' | 'promote' | 'suspend' | 'long', FixturePerson> & {
      organization: FixtureOrganization;
    };
    mosaic: {
      organization: FixtureOrganization;
      owner: FixturePerson;
      admin: FixturePerson;
      /** 22 Members; the first has an 80-character address. */
      members: FixturePerson[];
      /** The 2 pending invitations' addresses; the first has 80 characters. */
      invitations: string[];
    };
  };
  /** join-domain.e2e.ts (tests/e2e/fixtures/join-domain.ts): verified 80-character domains. */
  joinDomain: {
    suggest: {
      organization: FixtureOrganization;
      owner: FixturePerson;
      /** A Member outside the domain: External. */
      contractor: FixturePerson;
      domain: string;
      /** An address at the domain with no account yet. */
      joiner: string;
    };
    automatic: { organization: FixtureOrganization; owner: FixturePerson; domain: string; joiner: string };
  };
  /** sso.e2e.ts (tests/e2e/fixtures/sso.ts): Contoso, a verified domain, no connection yet. */
  sso: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    secondOwner: FixturePerson;
    member: FixturePerson;
    domain: string;
    /** An address at the domain with no account yet (joins just in time). */
    newcomer: string;
  };
  /** directory-groups.e2e.ts (tests/e2e/fixtures/groups.ts): Northwind, a verified domain, provisioning on. */
  groups: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    /** A Member the console added: the directory may put her in a group, but does not manage her. */
    member: FixturePerson;
    domain: string;
    /** A provisioning token ("Okta"), raw, for the test's SCIM requests. */
    token: string;
  };
  /** languages.e2e.ts (tests/e2e/fixtures/languages.ts): one organization run in Korean, one in Japanese. */
  languages: Record<'ko' | 'ja', LanguageOrganization> & {
    /** An account that chose Japanese, in neither organization. */
    japaneseReader: FixturePerson;
  };
  wonka: {
    organization: FixtureOrganization;
    owner: FixturePerson;
    admin: FixturePerson;
    long: FixturePerson;
    invitation: { id: string; email: string; token: string };
  };
}

/** An organization with a long name in its language, its Owner (who chose it), and two Members. */
export interface LanguageOrganization {
  organization: FixtureOrganization;
  owner: FixturePerson;
  promoted: FixturePerson;
  leaving: FixturePerson;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://localhost:<port>` of the `next start` server. */
    baseUrl: string;
    /** Path of the JSON file written by the seed step. */
    fixturesFile: string;
    /** Path of the server's captured stdout/stderr. */
    serverLogFile: string;
    /** The issuer of the development OpenID provider the server started (DEVELOPMENT_OIDC_PORT). */
    developmentOidcIssuer: string;
  }
}

let cached: E2eFixtures | undefined;

/** The fixture facts of this run (read once per test file). */
export function fixtures(): E2eFixtures {
  cached ??= JSON.parse(fs.readFileSync(inject('fixturesFile'), 'utf8')) as E2eFixtures;
  return cached;
}
