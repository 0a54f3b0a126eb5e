// A PATCH of a Group (RFC 7644 §3.5.2) read into one GroupChange, in the shapes the identity providers
// send: Okta's ({op:"add", path:"members", value:[{value}]}, {op:"remove", path:'members[value eq "…"]'},
// {op:"replace", value:{id, displayName}}) and Microsoft Entra's ({op:"Add"|"Remove", path:"members",
// value:[{value}]}, {op:"Replace", path:"displayName", value:"…"}), operation names in any case. The
// operations are composed in order without reading the group (./change.ts), so the whole PATCH is one
// set-based write. Paths this service does not keep are 400 invalidPath; a removal without a path,
// noTarget (RFC 7644 §3.5.2.2). Pure.
import { fail } from '../../shared/errors';
import { own, refusePrototypeNames } from '../body';
import { ScimError } from '../protocol';
import {
  boundMemberValues,
  displayNameOf,
  externalIdOf,
  MAX_GROUP_MEMBER_VALUES,
  memberIdsOf,
} from './input';
import { addMembers, noMemberChange, removeMembers, replaceMembers, type GroupChange } from './change';

type Op = 'add' | 'replace' | 'remove';

const GROUP_URN = /^urn:ietf:params:scim:schemas:core:2\.0:Group:/i;
const MEMBER_FILTER = /^members\s*\[\s*value\s+eq\s+"([^"\\]*)"\s*\]$/i;
const PATHS = 'Paths for Groups: displayName, externalId, members and members[value eq "…"].';

function invalidPath(path: string): never {
  fail(
    'SCIM_INVALID_PATH',
    `The path ${JSON.stringify(path.slice(0, 120))} names nothing a Group keeps. ${PATHS}`,
  );
}

/** Counts member values as they are read, refusing past MAX_GROUP_MEMBER_VALUES before any is parsed. */
class MemberBudget {
  private named = 0;
  take(value: unknown): string[] {
    this.named += Array.isArray(value) ? value.length : value === undefined || value === null ? 0 : 1;
    boundMemberValues(this.named);
    return memberIdsOf(value);
  }
}

/** One attribute's operation (a path, or a key of a path-less operation's value) applied to `change`. */
function applyTo(
  change: GroupChange,
  op: Op,
  attribute: string,
  value: unknown,
  groupId: string,
  budget: MemberBudget,
) {
  const path = attribute.trim().replace(GROUP_URN, '');
  const filtered = MEMBER_FILTER.exec(path);
  if (filtered) {
    if (op !== 'remove') fail('SCIM_INVALID_PATH', `members[value eq "…"] can only be removed. ${PATHS}`);
    removeMembers(change.members, budget.take([{ value: filtered[1] }]));
    return;
  }
  switch (path.toLowerCase()) {
    case 'displayname':
      if (op === 'remove')
        fail('SCIM_INVALID_VALUE', 'displayName is required: replace it, do not remove it.');
      change.displayName = displayNameOf(value);
      return;
    case 'externalid':
      change.externalId = op === 'remove' ? null : externalIdOf(value);
      return;
    case 'members': {
      if (op === 'remove' && (value === undefined || value === null)) replaceMembers(change.members, []);
      else if (op === 'remove') removeMembers(change.members, budget.take(value));
      else if (op === 'add') addMembers(change.members, budget.take(value));
      else replaceMembers(change.members, budget.take(value));
      return;
    }
    case 'schemas':
      return;
    case 'id':
      // Okta's rename sends the id with the new name: the same id changes nothing.
      if (op !== 'remove' && typeof value === 'string' && value.toLowerCase() === groupId.toLowerCase())
        return;
      fail('SCIM_MUTABILITY', 'A Group’s id cannot change.');
    default:
      invalidPath(attribute);
  }
}

function opOf(operation: unknown): Op {
  const op = own(operation, 'op');
  if (typeof op !== 'string' || !/^(add|replace|remove)$/i.test(op))
    fail('SCIM_INVALID_SYNTAX', `Unknown operation ${JSON.stringify(op)}: use add, replace or remove.`);
  return op.toLowerCase() as Op;
}

/** The operations of a Group PATCH body (`Operations`) as one change to the group `groupId`. */
export function readGroupPatch(operations: unknown, groupId: string): GroupChange {
  if (!Array.isArray(operations) || operations.length === 0)
    fail('SCIM_INVALID_SYNTAX', 'Operations must be a non-empty list.');
  if (operations.length > MAX_GROUP_MEMBER_VALUES)
    fail('SCIM_INVALID_VALUE', `A PATCH may hold at most ${MAX_GROUP_MEMBER_VALUES} operations.`);
  refusePrototypeNames(operations);
  const change: GroupChange = { members: noMemberChange() };
  const budget = new MemberBudget();
  for (const operation of operations as unknown[]) {
    const op = opOf(operation);
    const path = own(operation, 'path');
    const value = own(operation, 'value');
    if (path !== undefined && path !== null) {
      if (typeof path !== 'string') fail('SCIM_INVALID_PATH', 'A path is a string.');
      applyTo(change, op, path, value, groupId, budget);
    } else if (op === 'remove') {
      throw new ScimError(400, 'A remove names its path (RFC 7644 §3.5.2.2).', 'noTarget');
    } else {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        fail('SCIM_INVALID_VALUE', `An ${op} without a path has an object of attributes as its value.`);
      for (const [key, attributeValue] of Object.entries(value))
        applyTo(change, op, key, attributeValue, groupId, budget);
    }
  }
  return change;
}
