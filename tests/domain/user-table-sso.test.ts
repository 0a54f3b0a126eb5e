// The SSO marker of the user table, on PGlite and PostgreSQL: a member who has signed in through the
// organization's identity provider (memberships.sso_signed_in_at) is marked SSO, on every page; other
// members and invitations are not, nor is someone marked in another organization; and the first page
// stays one statement (the marker is a column of the rows the list reads anyway).
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships } from '@/db/schema';
import { listUserTable } from '@/lib/user-table/list';
import { useTestDatabase } from '../support/db';
import { useCountingHandle } from '../support/counting';
import { addInvitation, addMember, createOrganizationWithOwner } from '../support/factories';

const testDb = useTestDatabase();
const counting = useCountingHandle(testDb);

async function markSso(organizationId: string, userId: string) {
  const db = await getDb();
  await db
    .update(memberships)
    .set({ ssoSignedInAt: new Date() })
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

const ssoOf = (page: Awaited<ReturnType<typeof listUserTable>>) =>
  Object.fromEntries(page.rows.map((row) => [row.email, row.sso]));

describe('the SSO marker', () => {
  it('marks members who signed in by SSO, not others, not invitations, not a mark from another organization', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const sso = await addMember(organization.id, 'member');
    const plain = await addMember(organization.id, 'admin');
    const invitation = await addInvitation(organization.id);
    await markSso(organization.id, sso.userId);
    const other = await createOrganizationWithOwner('Other');
    await addMember(other.organization.id, 'member', plain);
    await markSso(other.organization.id, plain.userId);
    const page = await listUserTable(owner, { organizationId: organization.id });
    expect(ssoOf(page)).toEqual({
      [owner.email]: false,
      [sso.email]: true,
      [plain.email]: false,
      [invitation.email]: false,
    });
  });

  it('marks them on a later page too (read from the other end)', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const people = [];
    for (let n = 0; n < 23; n += 1) people.push(await addMember(organization.id, 'member'));
    for (const person of people.slice(0, 12)) await markSso(organization.id, person.userId);
    const all = [];
    for (const page of [1, 2, 3]) {
      const read = await listUserTable(owner, { organizationId: organization.id, page, pageSize: 10 });
      all.push(...read.rows);
    }
    expect(all).toHaveLength(24);
    expect(
      all
        .filter((row) => row.sso)
        .map((row) => row.email)
        .sort(),
    ).toEqual(
      people
        .slice(0, 12)
        .map((person) => person.email)
        .sort(),
    );
  });

  it('the first page is one statement with SSO members, as without', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    for (let n = 0; n < 4; n += 1) {
      const member = await addMember(organization.id, 'member');
      if (n % 2 === 0) await markSso(organization.id, member.userId);
    }
    const { result, statements } = await counting().measure(() =>
      listUserTable(owner, { organizationId: organization.id }),
    );
    expect(statements).toHaveLength(1);
    expect(result.rows.filter((row) => row.sso)).toHaveLength(2);
  });
});
