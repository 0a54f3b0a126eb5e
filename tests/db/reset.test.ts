// The reset between tests (tests/support/db.ts) empties every table of the schema, read from
// db/schema's exports: a new table is emptied without anyone editing a list.
import { count, getTableName, is, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PgTable } from 'drizzle-orm/pg-core';
import { mailboxMessages, rateLimitBuckets, scimTokens, verificationTokens } from '@/db/schema';
import * as schema from '@/db/schema';
import { createScimToken } from '@/lib/scim/tokens';
import { SCHEMA_TABLES, useTestDatabase } from '../support/db';
import { addInvitation, addMember, createOrganizationWithOwner } from '../support/factories';
import { rawRows } from '../support/raw-rows';

const testDb = useTestDatabase();

async function rowsIn(table: string): Promise<number> {
  const [row] = await rawRows<{ n: number | string }>(
    testDb.handle.db,
    sql.raw(`SELECT count(*) AS n FROM "${table}"`),
  );
  return Number(row.n);
}

/** The tables the migrations created, from the database's own catalog. */
async function tablesInDatabase(): Promise<string[]> {
  const found = await rawRows<{ table_name: string }>(
    testDb.handle.db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return found.map((row) => row.table_name);
}

describe('the reset between tests', () => {
  it('covers every table the migrations create, each named once', async () => {
    expect(SCHEMA_TABLES).toEqual(await tablesInDatabase());
    expect(new Set(SCHEMA_TABLES).size).toBe(SCHEMA_TABLES.length);
  });

  it('covers every table db/schema exports', () => {
    const exported = Object.values(schema).filter((value) => is(value, PgTable));
    expect(exported.length).toBeGreaterThan(0);
    for (const table of exported) expect(SCHEMA_TABLES).toContain(getTableName(table as PgTable));
  });

  // The next two run in order: the first fills tables, the second finds them empty.
  it('(1 of 2) writes rows, among them tables no other table cascades into', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Filled');
    await addMember(organization.id, 'admin');
    await addInvitation(organization.id, { role: 'member', invitedById: owner.userId });
    await createScimToken(owner, { organizationId: organization.id, name: 'Okta' });
    const db = testDb.handle.db;
    const now = new Date();
    await db.insert(verificationTokens).values({ identifier: 'a@example.com', token: 't', expires: now });
    await db.insert(rateLimitBuckets).values({ key: 'reset-test', windowStart: now, expiresAt: now });
    await db
      .insert(mailboxMessages)
      .values({ from: 'a@example.com', to: 'b@example.com', subject: 's', html: '<p>h</p>', text: 'h' });
    for (const table of [scimTokens, verificationTokens, rateLimitBuckets, mailboxMessages]) {
      const [row] = await db.select({ n: count() }).from(table);
      expect(row.n, getTableName(table)).toBeGreaterThan(0);
    }
    for (const table of ['organizations', 'users', 'memberships', 'invitations', 'audit_events'])
      expect(await rowsIn(table), table).toBeGreaterThan(0);
  });

  it('(2 of 2) finds every table of the database empty', async () => {
    for (const table of await tablesInDatabase()) expect(await rowsIn(table), table).toBe(0);
  });
});
