// Domains for the tests of what a verified domain unlocks: rows written straight to the table, in the
// state the test needs, without the DNS lookup that lib/domains's own tests exercise.
import { getDb } from '@/db/client';
import { organizationDomains } from '@/db/schema';
import type { DomainStatus, JoinPolicy } from '@/db/values';
import { now } from '@/lib/clock';
import { newVerificationToken } from '@/lib/domains/record';

export async function addDomain(
  organizationId: string,
  domain: string,
  options: { status?: DomainStatus; joinPolicy?: JoinPolicy } = {},
) {
  const db = await getDb();
  const status = options.status ?? 'verified';
  const counting = status === 'verified' || status === 'failing';
  const [row] = await db
    .insert(organizationDomains)
    .values({
      organizationId,
      domain,
      token: newVerificationToken(),
      status,
      joinPolicy: options.joinPolicy ?? 'off',
      verifiedAt: counting ? now() : null,
      failingSince: status === 'failing' ? now() : null,
    })
    .returning();
  return row;
}
