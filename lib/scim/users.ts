// SCIM Users, written (RFC 7643 §4.1, RFC 7644 §3.3–3.6; reading: ./read.ts): a User is a membership of the token's organization
// (docs/rules.md rule 13). The directory acts with an Admin's rights through the same functions and the
// same policy as the console: it never creates, changes, suspends or removes an Owner, never leaves the
// organization without an active Owner, and stays within the seats. Each write is one transaction with
// its audit events, the actor recorded as "Directory (<token name>)".
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { scimPatch, ScimError as PatchError, type ScimPatchOperation } from 'scim-patch';
import { getDb, type Transaction } from '@/db/client';
import { invitations, memberships, users } from '@/db/schema';
import type { Actor } from '../actor';
import { lockOrganization, requirePermission } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { emailQueue } from '../email/queue';
import { fail } from '../errors';
import { invitableRoles, isInvitationRole } from '../policy';
import { changeRolesIn, removeMembersIn, setMemberStatusIn } from '../members';
import { authorize, lockSelection } from '../members/targets';
import { noSeatReason, readSeatsUsed } from '../seats';
import { readScimUser, type ScimUserInput } from './input';
import { ScimError, toScimUser, underRules, type ScimMember, type ScimUser } from './protocol';
import { getScimUser, notFound, readMember } from './read';

/** The userName kept on the membership: null when it is the address itself. */
function storedUserName(input: ScimUserInput): string | null {
  const name = input.userName.toLowerCase();
  return name === input.email ? null : name;
}

async function userNameTaken(
  tx: Transaction,
  organizationId: string,
  userName: string | null,
  except?: string,
) {
  if (!userName) return false;
  const found = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.scimUserName, userName)));
  return found.some((row) => row.id !== except);
}

/**
 * Creates a User: the membership of the account with that address (made if there is none: they sign in
 * with a magic link), with the role of `roles` (Member by default), active or suspended as `active` says.
 * 409 `uniqueness` when the address or userName is already a member; 403 for an Owner or past the seats.
 * A pending invitation of the address is closed as accepted by the directory.
 */
export async function createScimUser(
  actor: Actor,
  organizationId: string,
  input: ScimUserInput,
): Promise<ScimMember> {
  const db = await getDb();
  const role = input.role;
  const id = await underRules(() =>
    db.transaction(async (tx) => {
      const org = await lockOrganization(tx, organizationId, actor.userId);
      const actorRole = requirePermission(org.actorRole, 'members:manage');
      // As an invitation would: Admin or Member, never Owner (docs/rules.md rule 3).
      if (!isInvitationRole(role) || !invitableRoles(actorRole).includes(role)) fail('INVITATION_ROLE');
      const userName = storedUserName(input);
      const [existing] = await tx
        .select({ id: users.id, membership: memberships.id })
        .from(users)
        .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organizationId, org.id)))
        .where(eq(users.email, input.email));
      if (existing?.membership || (await userNameTaken(tx, org.id, userName)))
        throw new ScimError(409, `${input.userName} is already a member of this organization.`, 'uniqueness');
      if (input.active && org.seatLimit !== null && (await readSeatsUsed(tx, org.id, now())) >= org.seatLimit)
        throw new ScimError(403, noSeatReason(org.seatLimit));
      const userId =
        existing?.id ??
        // Another organization's directory may create the same account at this moment: then it is theirs
        // and ours (the address is unique), not an error.
        (
          await tx
            .insert(users)
            .values({ email: input.email, name: input.name })
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
          suspendedAt: input.active ? null : now(),
          directoryManaged: true,
          externalId: input.externalId,
          scimUserName: userName,
          directoryName: input.name,
        })
        .returning({ id: memberships.id });
      // An invitation to the address is answered: the directory added them.
      const closed = await tx
        .update(invitations)
        .set({ status: 'accepted', updatedAt: now() })
        .where(
          and(
            eq(invitations.organizationId, org.id),
            eq(invitations.email, input.email),
            inArray(invitations.status, ['pending', 'declined']),
          ),
        )
        .returning({ id: invitations.id });
      await recordAudit(tx, org.id, actor, [
        {
          action: 'member.provisioned',
          targetType: 'member',
          targetId: membership.id,
          targetEmail: input.email,
          details: {
            role: input.role,
            active: input.active,
            ...(closed.length > 0 ? { closedInvitations: closed.length } : {}),
          },
        },
      ]);
      return membership.id;
    }),
  );
  return getScimUser(organizationId, id);
}

/**
 * Makes the member what `input` says (a PUT, or a PATCH once applied): role and status through the same
 * functions as the console (policy, rule 4, seats, notifications), the directory's attributes beside
 * them; all in one transaction. The address cannot change (400 `mutability`): it is the account's
 * sign-in, shared with its other organizations. The member becomes directory-managed.
 */
export async function updateScimUser(
  actor: Actor,
  organizationId: string,
  id: string,
  input: ScimUserInput,
): Promise<ScimMember> {
  const db = await getDb();
  const current = (await readMember(db, organizationId, id)) ?? notFound(id);
  if (input.email !== current.email)
    throw new ScimError(
      400,
      'The email address of a User cannot change: it is how the person signs in.',
      'mutability',
    );
  const queue = await emailQueue();
  await underRules(() =>
    db.transaction(async (tx) => {
      const selection = { organizationId, ids: [id] };
      if (input.role !== current.role)
        await changeRolesIn(tx, queue, actor, { ...selection, role: input.role });
      if (input.active !== current.active)
        await setMemberStatusIn(tx, actor, { ...selection, status: input.active ? 'active' : 'suspended' });
      const userName = storedUserName(input);
      const attributes = {
        externalId: input.externalId,
        scimUserName: userName,
        directoryName: input.name,
      };
      const changed =
        attributes.externalId !== current.externalId ||
        attributes.scimUserName !== current.userName ||
        (attributes.directoryName ?? null) !== (current.name ?? null) ||
        !current.directoryManaged;
      if (!changed) return;
      // The attributes under the same lock and policy as the rest: never an Owner's.
      const { org, targets, ids } = await lockSelection(tx, organizationId, actor, { ids: [id] });
      authorize(org, actor, ids, targets, { type: 'sync' });
      if (await userNameTaken(tx, organizationId, userName, id))
        throw new ScimError(409, `${input.userName} is already another member's userName.`, 'uniqueness');
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
    }),
  );
  return getScimUser(organizationId, id);
}

/**
 * A PATCH (RFC 7644 §3.5.2) applied by scim-patch to the member as a resource, then made so by
 * updateScimUser. Operation names in any case ("Replace", as Microsoft Entra sends them).
 */
export async function patchScimUser(
  actor: Actor,
  organizationId: string,
  id: string,
  operations: unknown,
  base: string,
): Promise<ScimMember> {
  if (!Array.isArray(operations) || operations.length === 0)
    throw new ScimError(400, 'Operations must be a non-empty list.', 'invalidSyntax');
  const current = await getScimUser(organizationId, id);
  const resource = toScimUser(current, base);
  const normalized = operations.map((operation): ScimPatchOperation => {
    const op = (operation as { op?: unknown })?.op;
    if (typeof op !== 'string' || !/^(add|replace|remove)$/i.test(op))
      throw new ScimError(
        400,
        `Unknown operation ${JSON.stringify(op)}: use add, replace or remove.`,
        'invalidSyntax',
      );
    return { ...(operation as object), op: op.toLowerCase() } as ScimPatchOperation;
  });
  let patched: ScimUser;
  try {
    patched = scimPatch(
      {
        ...resource,
        meta: {
          ...resource.meta,
          created: new Date(resource.meta.created),
          lastModified: new Date(resource.meta.lastModified),
        },
      },
      normalized,
      {
        mutateDocument: false,
        treatMissingAsAdd: true,
      },
    ) as unknown as ScimUser;
  } catch (error) {
    if (error instanceof PatchError)
      throw new ScimError(
        400,
        error.message,
        (error.scimCode as 'invalidPath' | undefined) ?? 'invalidValue',
      );
    throw error;
  }
  // A patched name part wins over the displayName it was derived from.
  const nameChanged =
    JSON.stringify(patched.name ?? null) !== JSON.stringify(resource.name ?? null) &&
    patched.displayName === resource.displayName;
  const body = nameChanged
    ? { ...patched, displayName: undefined, name: { ...patched.name, formatted: undefined } }
    : patched;
  return updateScimUser(actor, organizationId, id, readScimUser(body));
}

/** Removes the membership (the account stays), as the console does: never an Owner. */
export async function deleteScimUser(actor: Actor, organizationId: string, id: string): Promise<void> {
  const db = await getDb();
  if (!(await readMember(db, organizationId, id))) notFound(id);
  const queue = await emailQueue();
  await underRules(() =>
    db.transaction((tx) => removeMembersIn(tx, queue, actor, { organizationId, ids: [id] })),
  );
}
