// A User's userName (RFC 7643 §4.1.1): kept exactly as the directory sent it, unique in the organization
// case-insensitively ("Ada@Example.com" and "ada@example.com" are one userName). Checked before a write,
// and the write's unique violation of the lower() index (two creations at once) answered the same way.
import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { memberships } from '@/db/schema';
import { fail } from '../shared/errors';
import { isUniqueViolation } from '../sql';

const USER_NAME_INDEX = 'memberships_organization_scim_user_name_lower_idx';

/** 409 `uniqueness` naming the userName. */
export function userNameTaken(userName: string): never {
  fail('SCIM_UNIQUENESS', `${userName} is already another member's userName in this organization.`);
}

/** Refuses `userName` when another membership of the organization has it, in any case. */
export async function assertUserNameFree(
  tx: Transaction,
  organizationId: string,
  userName: string,
  except?: string,
): Promise<void> {
  const [found] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        sql`lower(${memberships.scimUserName}) = lower(${userName})`,
        except ? ne(memberships.id, except) : undefined,
      ),
    )
    .limit(1);
  if (found) userNameTaken(userName);
}

/** Runs `write`; a unique violation of the userName index (a race past the check) is a 409 naming `userName()`. */
export async function withUserNameUnique<T>(userName: () => string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, USER_NAME_INDEX)) userNameTaken(userName());
    throw error;
  }
}
