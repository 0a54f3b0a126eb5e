// SCIM Users (RFC 7643 §4.1, RFC 7644 §3): a User is a membership of the token's organization
// (docs/rules.md rule 13). The directory acts with an Admin's rights through the same functions and the
// same policy as the console: it never creates, changes, suspends or removes an Owner, never leaves the
// organization without an active Owner, and stays within the seats. Each write is one transaction with
// its audit events, the actor recorded as "Directory (<token name>)".
import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { scimPatch, ScimError as PatchError, type ScimPatchOperation } from 'scim-patch';
import { getDb, type Database, type Transaction } from '@/db/client';
import { invitations, memberships, users, type MemberRole } from '@/db/schema';
import type { Actor } from '../actor';
import { lockOrganization, requirePermission } from '../access';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { isValidEmail, normalizeEmail } from '../email-address';
import { emailQueue } from '../email/queue';
import { DomainError, errorMessages } from '../errors';
import { MAX_PERSON_NAME } from '../limits';
import { changeRolesIn, removeMembersIn, setMemberStatusIn } from '../members';
import { noSeatReason, readSeatsUsed } from '../seats';
import { rows } from '../sql';
import { filterCondition } from './filter';
import { ScimError, toScimUser, type ScimMember, type ScimUser } from './protocol';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MemberRow {
  id: string;
  email: string;
  name: string | null;
  role: MemberRole;
  status: string;
  external_id: string | null;
  scim_user_name: string | null;
  directory_managed: boolean;
  created_at: string | Date;
  updated_at: string | Date;
}

const columns = sql`m.id, u.email, coalesce(m.directory_name, u.name) AS name, m.role::text AS role,
  m.status::text AS status, m.external_id, m.scim_user_name, m.directory_managed, m.created_at, m.updated_at`;

function toMember(row: MemberRow): ScimMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.status === 'active',
    externalId: row.external_id,
    userName: row.scim_user_name,
    directoryManaged: Boolean(row.directory_managed),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** One page of the organization's members matching `filter`, oldest first, and how many match. */
export async function listScimUsers(
  organizationId: string,
  query: { filter: string | null; startIndex: number; count: number },
): Promise<{ total: number; members: ScimMember[] }> {
  const db = await getDb();
  const condition = filterCondition(organizationId, query.filter);
  const where = condition
    ? sql`m.organization_id = ${organizationId} AND (${condition})`
    : sql`m.organization_id = ${organizationId}`;
  const [[counted], page] = await Promise.all([
    rows<{ total: number }>(
      db,
      condition
        ? sql`SELECT count(*)::int AS total FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id WHERE ${where}`
        : sql`SELECT count(*)::int AS total FROM ${memberships} m WHERE ${where}`,
    ),
    query.count === 0
      ? Promise.resolve([])
      : rows<MemberRow>(
          db,
          sql`SELECT ${columns} FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id WHERE ${where}
              ORDER BY m.created_at, m.id LIMIT ${query.count} OFFSET ${query.startIndex - 1}`,
        ),
  ]);
  return { total: Number(counted?.total ?? 0), members: page.map(toMember) };
}

async function readMember(db: Database, organizationId: string, id: string): Promise<ScimMember | null> {
  if (!UUID.test(id)) return null;
  const [row] = await rows<MemberRow>(
    db,
    sql`SELECT ${columns} FROM ${memberships} m JOIN ${users} u ON u.id = m.user_id
        WHERE m.organization_id = ${organizationId} AND m.id = ${id}::uuid`,
  );
  return row ? toMember(row) : null;
}

function notFound(id: string): never {
  throw new ScimError(404, `No User ${id} in this organization.`);
}

/** One member, or 404 (another organization's id included). */
export async function getScimUser(organizationId: string, id: string): Promise<ScimMember> {
  return (await readMember(await getDb(), organizationId, id)) ?? notFound(id);
}

/** What a SCIM User resource asks for, read from the body of a create, a replace or a patched resource. */
export interface ScimUserInput {
  userName: string;
  email: string;
  name: string | null;
  role: 'admin' | 'member' | 'owner';
  active: boolean;
  externalId: string | null;
}

function invalidValue(detail: string): never {
  throw new ScimError(400, detail, 'invalidValue');
}

/** `true`/`false`, or the strings Microsoft Entra sends ("True", "False"). */
function booleanOf(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  invalidValue(`${attribute} must be true or false.`);
}

function textOf(value: unknown, attribute: string, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') invalidValue(`${attribute} must be a string.`);
  const text = value.trim();
  if (text.length > max) invalidValue(`${attribute} is longer than ${max} characters.`);
  return text || null;
}

/** The name a resource gives: displayName, else name.formatted, else givenName and familyName. */
function nameOf(resource: Record<string, unknown>): string | null {
  const name = (resource.name ?? {}) as Record<string, unknown>;
  const given = textOf(name.givenName, 'name.givenName', MAX_PERSON_NAME);
  const family = textOf(name.familyName, 'name.familyName', MAX_PERSON_NAME);
  return (
    textOf(resource.displayName, 'displayName', MAX_PERSON_NAME) ??
    textOf(name.formatted, 'name.formatted', MAX_PERSON_NAME) ??
    ([given, family].filter(Boolean).join(' ') || null)
  );
}

/** The role of `roles` ([{ value }] or ["admin"]): Admin or Member, Member when none is given. */
function roleOf(value: unknown): ScimUserInput['role'] {
  if (value === undefined || value === null) return 'member';
  if (!Array.isArray(value)) invalidValue('roles must be a list.');
  const entries = value.map((entry) =>
    typeof entry === 'string' ? entry : (entry as { value?: unknown } | null)?.value,
  );
  // An `add` appends to the list: of several primary entries, the last one added is the role.
  const primary = (value as { primary?: unknown }[]).findLast(
    (entry) => entry && (entry.primary === true || entry.primary === 'True' || entry.primary === 'true'),
  );
  const chosen = primary ? (primary as { value?: unknown }).value : entries[0];
  if (chosen === undefined) return 'member';
  const role = typeof chosen === 'string' ? chosen.trim().toLowerCase() : '';
  if (role === 'admin' || role === 'member' || role === 'owner') return role;
  invalidValue(`Unknown role ${JSON.stringify(chosen).slice(0, 40)}: use admin or member.`);
}

/** Reads a User resource (a create's or replace's body, or a patched resource). */
export function readScimUser(body: unknown): ScimUserInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ScimError(400, 'The body must be a SCIM User object.', 'invalidSyntax');
  const resource = body as Record<string, unknown>;
  const userName = textOf(resource.userName, 'userName', 254) ?? invalidValue('userName is required.');
  const emails = Array.isArray(resource.emails) ? (resource.emails as Record<string, unknown>[]) : [];
  const primary = emails.find((entry) => entry?.primary === true || entry?.primary === 'True') ?? emails[0];
  const raw = textOf(primary?.value, 'emails.value', 254) ?? userName;
  const email = normalizeEmail(raw);
  if (!isValidEmail(email))
    invalidValue(`"${raw.slice(0, 80)}" is not an email address: give one in emails, or as the userName.`);
  return {
    userName,
    email,
    name: nameOf(resource),
    role: roleOf(resource.roles),
    active: resource.active === undefined ? true : booleanOf(resource.active, 'active'),
    externalId: textOf(resource.externalId, 'externalId', 255),
  };
}

/** The userName kept on the membership: null when it is the address itself. */
function storedUserName(input: ScimUserInput): string | null {
  const name = input.userName.toLowerCase();
  return name === input.email ? null : name;
}

/** Runs `body`, a refusal of the console's rules (a DomainError) turned into SCIM's words. */
async function underRules<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DomainError) throw scimErrorOf(error);
    throw error;
  }
}

/** A domain refusal in SCIM's words: the status RFC 7644 gives it, the message as the console says it. */
export function scimErrorOf(error: DomainError): ScimError {
  switch (error.code) {
    case 'NOT_FOUND':
      return new ScimError(404, 'No such User in this organization.');
    case 'BULK_REFUSED': {
      const [first] = (error.details?.refused as { code: string; message: string }[] | undefined) ?? [];
      return new ScimError(first?.code === 'NOT_FOUND' ? 404 : 403, first?.message ?? error.message);
    }
    default:
      return new ScimError(403, error.message);
  }
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
  if (input.role === 'owner') throw new ScimError(403, errorMessages.INVITATION_ROLE);
  const db = await getDb();
  const id = await underRules(() =>
    db.transaction(async (tx) => {
      const org = await lockOrganization(tx, organizationId, actor.userId);
      requirePermission(org.actorRole, 'members:manage');
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
          role: input.role as 'admin' | 'member',
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
      // The same rules for the attributes as for the rest: not an Owner's (lockSelection + the policy).
      const org = await lockOrganization(tx, organizationId, actor.userId);
      requirePermission(org.actorRole, 'members:manage');
      if (current.role === 'owner') throw new ScimError(403, errorMessages.OWNER_REQUIRED);
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
