// The organization's settings (Owners and Admins, `org:settings`): its name, whether people are emailed
// about changes to their membership, and its seat limit. Each changes the one way: the organization's
// lock, the permission, nothing written when it is already so, then the update and its audit event, in
// one transaction.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { organizations } from '@/db/schema';
import type { AuditAction } from '@/db/values';
import { lockOrganization, requirePermission, type LockedOrganization } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import type { PersonActor } from '../shared/actor';
import { cleanOrganizationName } from '../shared/organization-names';
import { readSeatsUsed } from './seats';

type Setting = 'name' | 'notifyMemberChanges' | 'seatLimit';

/** The audit event each setting's change is recorded as. */
const recordedAs: Record<Setting, AuditAction> = {
  name: 'organization.renamed',
  notifyMemberChanges: 'organization.notifications_changed',
  seatLimit: 'organization.seat_limit_changed',
};

/**
 * Sets `setting` to `value` the one way (above). `facts` reads, under the same lock, what the answer and
 * the audit event also tell (the seats in use); the organization comes back as it was before the change.
 */
async function changeSetting<S extends Setting, F extends Record<string, unknown>>(
  actor: PersonActor,
  organizationId: string,
  setting: S,
  value: LockedOrganization[S],
  facts: (tx: Transaction, org: LockedOrganization) => Promise<F> = () => Promise.resolve({} as F),
): Promise<{ org: LockedOrganization; facts: F }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockOrganization(tx, organizationId, actor);
    requirePermission(org.actorRole, 'org:settings');
    const read = await facts(tx, org);
    if (org[setting] === value) return { org, facts: read };
    await tx
      .update(organizations)
      .set({ [setting]: value })
      .where(eq(organizations.id, org.id));
    await recordAudit(tx, org.id, actor, [
      {
        action: recordedAs[setting],
        targetType: 'organization',
        targetId: org.id,
        details: { from: org[setting], to: value, ...read },
      },
    ]);
    return { org, facts: read };
  });
}

/** Renames the organization (Owner, Admin). The slug, and so every link, stays. */
export async function renameOrganization(
  actor: PersonActor,
  input: { organizationId: string; name: string },
) {
  const name = cleanOrganizationName(input.name);
  const { org } = await changeSetting(actor, input.organizationId, 'name', name);
  return { id: org.id, name, slug: org.slug };
}

/**
 * Turns the emails to people whose role changes, who are removed or who are made Owner on or off
 * (Owner, Admin). Recorded in the activity log when it changes.
 */
export async function setMemberNotifications(
  actor: PersonActor,
  input: { organizationId: string; enabled: boolean },
): Promise<{ enabled: boolean }> {
  await changeSetting(actor, input.organizationId, 'notifyMemberChanges', input.enabled);
  return { enabled: input.enabled };
}

/**
 * Sets the organization's seat limit (Owner, Admin): a positive whole number, or null for none. Lowering
 * it below the seats in use is allowed: nothing is taken away, only new seats are refused
 * (lib/organizations/seats.ts). Recorded in the activity log, with the seats in use, when it changes.
 */
export async function setSeatLimit(
  actor: PersonActor,
  input: { organizationId: string; seatLimit: number | null },
): Promise<{ seatLimit: number | null; used: number }> {
  const { facts } = await changeSetting(
    actor,
    input.organizationId,
    'seatLimit',
    input.seatLimit,
    async (tx, org) => ({
      used: await readSeatsUsed(tx, org.id, now()),
    }),
  );
  return { seatLimit: input.seatLimit, used: facts.used };
}
