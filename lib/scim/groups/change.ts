// What one request does to a group (a PUT, or a PATCH's operations composed in order): its new name and
// externalId, and its members as a change from the current ones or from none, without reading the group,
// so that a whole request is one set-based write (./members.ts, ./write.ts). Pure.

/** What a PUT or a PATCH makes of a group: its new name and externalId (undefined: unchanged), its members. */
export interface GroupChange {
  displayName?: string;
  externalId?: string | null;
  members: MemberChange;
}

/**
 * What a request does to a group's members, its operations composed in order: from the current members
 * (or from none, after a replace or a removal of all), `add` are added and `remove` taken away; the two
 * never share an id.
 */
export interface MemberChange {
  fromNone: boolean;
  add: Set<string>;
  remove: Set<string>;
}

export function noMemberChange(): MemberChange {
  return { fromNone: false, add: new Set(), remove: new Set() };
}

/** `change` after adding `ids`. */
export function addMembers(change: MemberChange, ids: readonly string[]): void {
  for (const id of ids) {
    change.add.add(id);
    change.remove.delete(id);
  }
}

/** `change` after removing `ids` (an id not in the group is no error: it may have left the organization). */
export function removeMembers(change: MemberChange, ids: readonly string[]): void {
  for (const id of ids) {
    change.add.delete(id);
    if (!change.fromNone) change.remove.add(id);
  }
}

/** `change` after replacing every member by `ids` (none: removing them all). */
export function replaceMembers(change: MemberChange, ids: readonly string[]): void {
  change.fromNone = true;
  change.add = new Set(ids);
  change.remove.clear();
}
