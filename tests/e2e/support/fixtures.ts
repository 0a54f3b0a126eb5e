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

export interface E2eFixtures {
  users: Record<'owner' | 'admin' | 'member' | 'member2' | 'member3' | 'solo', FixturePerson>;
  organizations: Record<'acme' | 'solo', FixtureOrganization>;
  invitations: {
    /** A pending Member invitation to Acme whose link expired a day ago; `token` is the raw link secret. */
    expired: { id: string; organization: 'acme'; email: string; role: 'admin' | 'member'; token: string };
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://localhost:<port>` of the `next start` server. */
    baseUrl: string;
    /** Path of the JSON file written by the seed step. */
    fixturesFile: string;
    /** Path of the server's captured stdout/stderr. */
    serverLogFile: string;
  }
}

let cached: E2eFixtures | undefined;

/** The fixture facts of this run (read once per test file). */
export function fixtures(): E2eFixtures {
  cached ??= JSON.parse(fs.readFileSync(inject('fixturesFile'), 'utf8')) as E2eFixtures;
  return cached;
}

