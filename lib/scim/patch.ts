// A SCIM PATCH of a User (RFC 7644 §3.5.2): its operations checked, applied by scim-patch to the member
// as a whole resource, and the result made so as a PUT would (./users.ts changeMember), in one
// transaction, If-Match checked under its lock.
import 'server-only';
import { scimPatch, ScimError as PatchError, type ScimPatchOperation } from 'scim-patch';
import type { DirectoryActor } from '../shared/actor';
import { own, refusePrototypeNames } from './body';
import { fail } from '../shared/errors';
import { readScimUser } from './input';
import { ENTERPRISE_SCHEMA } from './profile';
import { toScimUser, type ScimMember } from './protocol';
import { getScimUser } from './read';
import { changeMember } from './users';

/**
 * A PATCH (RFC 7644 §3.5.2) applied by scim-patch to the member as a resource, then made so as a PUT
 * would. The member is read, patched and written in one transaction under the organization's lock, so
 * two PATCHes at once each apply to what the other wrote and neither is lost. Operation names in any
 * case ("Replace", as Microsoft Entra sends them); a path or value key naming a prototype is refused
 * before scim-patch sees it (./body.ts).
 */
export async function patchScimUser(
  actor: DirectoryActor,
  organizationId: string,
  id: string,
  operations: unknown,
  ifMatch: string | null = null,
): Promise<ScimMember> {
  const normalized = patchOperations(operations);
  await changeMember(
    actor,
    organizationId,
    id,
    (current) => readScimUser(applyPatch(current, normalized)),
    ifMatch,
  );
  return getScimUser(organizationId, id);
}

/** The operations of a PATCH body, checked and with their `op` in lower case. */
function patchOperations(operations: unknown): ScimPatchOperation[] {
  if (!Array.isArray(operations) || operations.length === 0)
    fail('SCIM_INVALID_SYNTAX', 'Operations must be a non-empty list.');
  refusePrototypeNames(operations);
  return operations.flatMap((operation): ScimPatchOperation[] => {
    const op = own(operation, 'op');
    if (typeof op !== 'string' || !/^(add|replace|remove)$/i.test(op))
      fail('SCIM_INVALID_SYNTAX', `Unknown operation ${JSON.stringify(op)}: use add, replace or remove.`);
    return managerById({ ...(operation as object), op: op.toLowerCase() } as ScimPatchOperation);
  });
}

const MANAGER_PATH = `${ENTERPRISE_SCHEMA}:manager`.toLowerCase();

/**
 * Microsoft Entra sets the enterprise manager by its id alone (`"path": "…:manager", "value": "<id>"`),
 * which scim-patch cannot add onto a manager already kept as { value, displayName }, and a replace would
 * merge into (RFC 7644 §3.5.2.3): it becomes the old manager removed and { value: <id> } added, the new
 * manager's name not being the old one's.
 */
function managerById(operation: ScimPatchOperation): ScimPatchOperation[] {
  const value = own(operation, 'value');
  if (
    operation.op === 'remove' ||
    operation.path?.toLowerCase() !== MANAGER_PATH ||
    typeof value !== 'string'
  )
    return [operation];
  return [
    { op: 'remove', path: operation.path },
    { op: 'add', path: operation.path, value: { value } },
  ];
}

/**
 * The member as a whole resource (its profile and enterprise extension included) after `operations`:
 * paths such as `name.givenName`, `addresses[type eq "work"].locality` or
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`, and a path-less replace whose
 * value holds such dotted keys (as Microsoft Entra sends), are scim-patch's to resolve.
 */
function applyPatch(current: ScimMember, operations: ScimPatchOperation[]): unknown {
  // Where the resource lives (meta.location) does not matter to a patch: no base URL is needed. The
  // account's own name is the person's, never written into the directory's data (DESIGN §9).
  const resource = toScimUser({ ...current, accountName: null }, '');
  let patched: unknown;
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
      operations,
      { mutateDocument: false, treatMissingAsAdd: true },
    );
  } catch (error) {
    if (error instanceof PatchError)
      fail(error.scimCode === 'invalidPath' ? 'SCIM_INVALID_PATH' : 'SCIM_INVALID_VALUE', error.message);
    throw error;
  }
  return patched;
}
