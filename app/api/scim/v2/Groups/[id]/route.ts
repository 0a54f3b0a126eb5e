// /Groups/{id} (RFC 7644 §3.4.1, §3.5, §3.6): one directory group: read, replace (PUT), change (PATCH, in
// Okta's and Entra's shapes), delete. If-Match is honoured on every write. Another organization's id, or
// one that is no UUID, is found nowhere.
import { own } from '@/lib/scim/body';
import { MAX_GROUP_BODY, readGroupInput } from '@/lib/scim/groups/input';
import { noMemberChange, replaceMembers } from '@/lib/scim/groups/change';
import { readGroupPatch } from '@/lib/scim/groups/patch';
import { groupAnswer, membersWanted, viewOf } from '@/lib/scim/groups/protocol';
import { getScimGroup } from '@/lib/scim/groups/read';
import { changeScimGroup, deleteScimGroup } from '@/lib/scim/groups/write';
import { PATCH_SCHEMA, ScimError } from '@/lib/scim/protocol';
import { methodNotAllowed, scimRoute } from '../../handler';

type Params = { id: string };

export const GET = scimRoute<Params>(async ({ actor, params, url, base }) => {
  const view = viewOf(url);
  return groupAnswer(await getScimGroup(actor.organizationId, params.id, membersWanted(view)), base, view);
});

export const PUT = scimRoute<Params>(
  async ({ actor, params, request, url, base, body }) => {
    const input = readGroupInput(await body());
    const members = noMemberChange();
    replaceMembers(members, input.memberIds);
    const change = { displayName: input.displayName, externalId: input.externalId, members };
    const ifMatch = request.headers.get('if-match');
    const group = await changeScimGroup(actor, actor.organizationId, params.id, ifMatch, change);
    const view = viewOf(url);
    return groupAnswer(await getScimGroup(actor.organizationId, group.id, membersWanted(view)), base, view);
  },
  { maxBody: MAX_GROUP_BODY },
);

/**
 * A PATCH answers 204 (RFC 7644 §3.5.2 allows it; Okta and Entra expect it) unless the request asks for
 * attributes: a PATCH of a large group then never reads its members back.
 */
export const PATCH = scimRoute<Params>(
  async ({ actor, params, request, url, base, body }) => {
    const patch = await body();
    const schemas = own(patch, 'schemas');
    if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))
      throw new ScimError(400, `A PATCH body names the schema ${PATCH_SCHEMA}.`, 'invalidSyntax');
    const change = readGroupPatch(own(patch, 'Operations'), params.id);
    const ifMatch = request.headers.get('if-match');
    const group = await changeScimGroup(actor, actor.organizationId, params.id, ifMatch, change);
    const view = viewOf(url);
    if (view.attributes === null && view.excludedAttributes === null) return null;
    return groupAnswer(await getScimGroup(actor.organizationId, group.id, membersWanted(view)), base, view);
  },
  { maxBody: MAX_GROUP_BODY },
);

export const DELETE = scimRoute<Params>(async ({ actor, params, request }) => {
  await deleteScimGroup(actor, actor.organizationId, params.id, request.headers.get('if-match'));
  return null;
});

export { methodNotAllowed as POST };
