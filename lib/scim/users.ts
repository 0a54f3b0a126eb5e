// SCIM Users, written (RFC 7643 §4.1, RFC 7644 §3.3–3.6; reading: ./read.ts): a User is a membership of the token's organization
// (docs/rules.md rule 13). The directory acts with an Admin's rights through the same functions and the
// same policy as the console: it never creates, changes, suspends or removes an Owner, never leaves the
// organization without an active Owner, and stays within the seats. Each write is one transaction with
// its audit events, the actor recorded as "Directory (<token name>)".
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
import type { DirectoryActor } from '../shared/actor';
import { lockOrganization, lockOrganizationRow, requirePermission } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { emailQueue } from '../email/queue';
import { fail } from '../shared/errors';
import { invitableRoles } from '../shared/policy';
import { isInvitationRole } from '@/lib/shared/roles';
import { changeRolesIn, removeMembersIn, setMemberStatusIn } from '../members';
import { authorize, lockSelection } from '../members/targets';
import { admitFromDirectory } from './admission';
import type { ScimUserInput } from './input';
import type { ScimMember } from './protocol';
import { getScimUser, notFound, readMember } from './read';
import { assertUserNameFree, withUserNameUnique } from './user-name';
import { requireVersion, resourceVersion } from './version';

/**
 * Creates a User at one of the organization's verified domains, or from an open invitation to its
 * address (./admission.ts): the membership of the account with that address (made, with no name of its
 * own, when there is none: they sign in with a magic link), with the role of `roles` (Member by default),
 * active or suspended as `active` says; an open invitation is closed as accepted by the directory. 409
 * `uniqueness` when the address or userName is already a member; 403 for an Owner, for an address
 * outside the verified domains with no open invitation, or past the seats. The directory's name for the person is kept
 * on the membership only: an account's own name is the person's.
 */
export async function createScimUser(
  actor: DirectoryActor,
  organizationId: string,
  input: ScimUserInput,
): Promise<ScimMember> {
  const db = await getDb();
  const role = input.role;
  const id = await withUserNameUnique(
    () => input.userName,
    () =>
      db.transaction(async (tx) => {
        const org = await lockOrganization(tx, organizationId, actor);
        const actorRole = requirePermission(org.actorRole, 'members:manage');
        // As an invitation would: Admin or Member, never Owner (docs/rules.md rule 3).
        if (!isInvitationRole(role) || !invitableRoles(actorRole).includes(role)) fail('INVITATION_ROLE');
        const at = now();
        const [existing] = await tx
          .select({ userId: users.id, membership: memberships.id })
          .from(users)
          .leftJoin(
            memberships,
            and(eq(memberships.userId, users.id), eq(memberships.organizationId, org.id)),
          )
          .where(eq(users.email, input.email));
        if (existing?.membership)
          fail('SCIM_UNIQUENESS', `${input.userName} is already a member of this organization.`);
        await assertUserNameFree(tx, org.id, input.userName);
        const { invitationId } = await admitFromDirectory(tx, org, input.email, { active: input.active, at });
        // An open invitation holds a seat already: an active membership takes it over, a suspended one frees
        // it. Without one, admitFromDirectory has checked a seat is free for an active member.
        const userId =
          existing?.userId ??
          // Another organization's directory may create the same account at this moment: then it is theirs
          // and ours (the address is unique), not an error.
          (
            await tx
              .insert(users)
              .values({ email: input.email })
              .onConflictDoUpdate({ target: users.email, set: { email: input.email } })
              .returning({ id: users.id })
          )[0].id;
        const [membership] = await tx
          .insert(memberships)
          .values({
            organizationId: org.id,
            userId,
            role,
            status: input.active ? 'active' : 'suspended',
            suspendedAt: input.active ? null : at,
            directoryManaged: true,
            externalId: input.externalId,
            ...profileColumns(input),
          })
          .returning({ id: memberships.id });
        if (invitationId)
          await tx
            .update(invitations)
            .set({ status: 'accepted', acceptedAt: at, acceptedById: userId, updatedAt: at })
            .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, org.id)));
        await recordAudit(tx, org.id, actor, [
          {
            action: 'member.provisioned',
            targetType: 'member',
            targetId: membership.id,
            targetEmail: input.email,
            details: { role: input.role, active: input.active, closedInvitations: invitationId ? 1 : 0 },
          },
        ]);
        return membership.id;
      }),
  );
  return getScimUser(organizationId, id);
}

/**
 * Makes the member what `input` says (a PUT): role and status through the same functions as the console
 * (policy, rule 4, seats, notifications), the directory's attributes beside them; all in one transaction.
 * The address cannot change (400 `mutability`): it is the account's sign-in, shared with its other
 * organizations. The member becomes directory-managed.
 */
export async function updateScimUser(
  actor: DirectoryActor,
  organizationId: string,
  id: string,
  input: ScimUserInput,
  ifMatch: string | null = null,
): Promise<ScimMember> {
  await changeMember(actor, organizationId, id, () => input, ifMatch);
  return getScimUser(organizationId, id);
}

/**
 * One transaction: the organization's lock (taken first, as by every change to membership), the member
 * read under it and its version checked against `ifMatch` (412 when another write came first), `next`
 * asked what they become, and every change written. A member whose role follows a group mapping
 * (roleGroupId) keeps it whatever `roles` says: the mapping wins (lib/scim/groups/roles.ts).
 */
export async function changeMember(
  actor: DirectoryActor,
  organizationId: string,
  id: string,
  next: (current: ScimMember) => ScimUserInput,
  ifMatch: string | null = null,
): Promise<void> {
  const db = await getDb();
  const queue = await emailQueue();
  // The userName the write sends, for the 409 when a concurrent write took it first.
  let userName = '';
  await withUserNameUnique(
    () => userName,
    () =>
      db.transaction(async (tx) => {
        if (!(await lockOrganizationRow(tx, organizationId))) notFound(id);
        const current = (await readMember(tx, organizationId, id)) ?? notFound(id);
        requireVersion(ifMatch, resourceVersion(current.updatedAt));
        const input = next(current);
        userName = input.userName;
        if (input.email !== current.email) fail('SCIM_MUTABILITY');
        const selection = { organizationId, ids: [id] };
        if (input.role !== current.role && current.roleGroupId === null)
          await changeRolesIn(tx, queue, actor, { ...selection, role: input.role });
        if (input.active !== current.active)
          await setMemberStatusIn(tx, actor, { ...selection, status: input.active ? 'active' : 'suspended' });
        await writeAttributes(tx, actor, current, input);
      }),
  );
}

/** The columns the directory's own attributes are kept in: userName and profile as sent, title and department copied out. */
function profileColumns(input: ScimUserInput) {
  return {
    scimUserName: input.userName,
    directoryName: input.name,
    scimProfile: input.profile,
    title: input.profile.title ?? null,
    department: input.profile.enterprise?.department ?? null,
  };
}

/** The directory's own attributes (externalId, userName, profile), under the same lock and policy: never an Owner's. */
async function writeAttributes(
  tx: Transaction,
  actor: DirectoryActor,
  current: ScimMember,
  input: ScimUserInput,
) {
  const { organizationId, id } = { organizationId: actor.organizationId, id: current.id };
  const attributes = { externalId: input.externalId, ...profileColumns(input) };
  const changed =
    attributes.externalId !== current.externalId ||
    attributes.scimUserName !== current.userName ||
    (attributes.directoryName ?? null) !== (current.name ?? null) ||
    JSON.stringify(input.profile) !== JSON.stringify(current.profile) ||
    !current.directoryManaged;
  if (!changed) return;
  const { org, targets, ids } = await lockSelection(tx, organizationId, actor, { ids: [id] });
  authorize(org, actor, ids, targets, { type: 'sync' });
  if (input.userName.toLowerCase() !== current.userName?.toLowerCase())
    await assertUserNameFree(tx, organizationId, input.userName, id);
  await tx
    .update(memberships)
    .set({ ...attributes, directoryManaged: true, updatedAt: now() })
    .where(and(eq(memberships.id, id), eq(memberships.organizationId, organizationId)));
  await recordAudit(tx, organizationId, actor, [
    {
      action: 'member.directory_updated',
      targetType: 'member',
      targetId: id,
      targetEmail: current.email,
      details: { externalId: input.externalId, userName: input.userName, name: input.name },
    },
  ]);
}

/**
 * Removes the membership (the account stays), as the console does: never an Owner. Under the
 * organization's lock, the member's version is checked against `ifMatch` first (412).
 */
export async function deleteScimUser(
  actor: DirectoryActor,
  organizationId: string,
  id: string,
  ifMatch: string | null = null,
): Promise<void> {
  const db = await getDb();
  const queue = await emailQueue();
  await db.transaction(async (tx) => {
    if (!(await lockOrganizationRow(tx, organizationId))) notFound(id);
    const current = (await readMember(tx, organizationId, id)) ?? notFound(id);
    requireVersion(ifMatch, resourceVersion(current.updatedAt));
    await removeMembersIn(tx, queue, actor, { organizationId, ids: [id] });
  });
}
