// A directory group as the SCIM service speaks it (RFC 7643 §4.2): its schema URN, the resource built
// from a group's row and (when asked for) its members, and whether a request's `attributes` /
// `excludedAttributes` want the members at all, so that a group of 10,000 is answered without reading
// them when they are not wanted. Pure.
import { project } from '../attributes';
import { resourceVersion } from '../version';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** A group's own row, as the SCIM service reads it. */
export interface GroupRow {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One member of a group: the membership's id (the SCIM User's) and what to show for it. */
export interface GroupMember {
  id: string;
  display: string;
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members?: { value: string; display: string; $ref: string; type: 'User' }[];
  meta: { resourceType: 'Group'; created: string; lastModified: string; location: string; version: string };
}

/** A group as a SCIM Group located under `base` (…/api/scim/v2); `members` null: not read, not returned. */
export function toScimGroup(group: GroupRow, members: GroupMember[] | null, base: string): ScimGroup {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members
      ? {
          members: members.map((member) => ({
            value: member.id,
            display: member.display,
            $ref: `${base}/Users/${member.id}`,
            type: 'User' as const,
          })),
        }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: `${base}/Groups/${group.id}`,
      version: resourceVersion(group.updatedAt),
    },
  };
}

const GROUP_URN = /^urn:ietf:params:scim:schemas:core:2\.0:Group:/i;

/** An `attributes` list with the Group schema's URN taken off its names ("…:Group:displayName" is displayName). */
function withoutUrn(list: string | null): string | null {
  if (list === null) return null;
  return list
    .split(',')
    .map((item) => item.trim().replace(GROUP_URN, ''))
    .join(',');
}

function topNames(list: string | null): { top: string; whole: boolean }[] {
  return (withoutUrn(list) ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean)
    .map((item) => ({ top: item.split('.')[0], whole: !item.includes('.') }));
}

/** What a request asks of a group's attributes (RFC 7644 §3.4.2.5), read from its query. */
export interface GroupView {
  attributes: string | null;
  excludedAttributes: string | null;
}

export function viewOf(url: URL): GroupView {
  return {
    attributes: url.searchParams.get('attributes'),
    excludedAttributes: url.searchParams.get('excludedAttributes'),
  };
}

/**
 * Whether the answer holds members: not when `attributes` lists others only, nor when
 * `excludedAttributes` names `members` whole (as Entra's every look-up does).
 */
export function membersWanted(view: GroupView): boolean {
  const wanted = topNames(view.attributes);
  if (wanted.length > 0) return wanted.some((name) => name.top === 'members');
  return !topNames(view.excludedAttributes).some((name) => name.top === 'members' && name.whole);
}

/** The group with only the attributes `view` asks for (schemas, id and meta always). */
export function projectGroup(group: ScimGroup, view: GroupView): Partial<ScimGroup> {
  return project(group, withoutUrn(view.attributes), withoutUrn(view.excludedAttributes));
}

/**
 * A group as an answer: the resource with the attributes `view` asks for, and its version as the ETag
 * header (RFC 7644 §3.14), with its Location when it was just created.
 */
export function groupAnswer(
  found: { group: GroupRow; members: GroupMember[] | null },
  base: string,
  view: GroupView,
  created = false,
) {
  const group = toScimGroup(found.group, found.members, base);
  return {
    status: created ? 201 : 200,
    body: projectGroup(group, view),
    headers: { ETag: group.meta.version, ...(created ? { Location: group.meta.location } : {}) },
  };
}
