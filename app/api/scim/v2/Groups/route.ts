// /Groups (RFC 7644 §3.3, §3.4.2): a page of the organization's directory groups a filter matches
// (members only when wanted: Entra's look-ups exclude them), and POST to create one (docs/rules.md rule 32).
import { MAX_SCIM_PAGE } from '@/lib/shared/limits';
import { MAX_GROUP_BODY, readGroupInput } from '@/lib/scim/groups/input';
import { groupAnswer, membersWanted, projectGroup, toScimGroup, viewOf } from '@/lib/scim/groups/protocol';
import { getScimGroup, listScimGroups } from '@/lib/scim/groups/read';
import { createScimGroup } from '@/lib/scim/groups/write';
import { listOf, methodNotAllowed, scimRoute, wholeNumber } from '../handler';

export const GET = scimRoute(async ({ actor, url, base }) => {
  const startIndex = Math.max(1, wholeNumber(url, 'startIndex', 1));
  const count = Math.min(MAX_SCIM_PAGE, Math.max(0, wholeNumber(url, 'count', MAX_SCIM_PAGE)));
  const view = viewOf(url);
  const { total, groups } = await listScimGroups(actor.organizationId, {
    filter: url.searchParams.get('filter'),
    sortBy: url.searchParams.get('sortBy'),
    sortOrder: url.searchParams.get('sortOrder'),
    startIndex,
    count,
    withMembers: membersWanted(view),
  });
  const resources = groups.map((found) => projectGroup(toScimGroup(found.group, found.members, base), view));
  return { body: listOf(resources, total, startIndex) };
});

export const POST = scimRoute(
  async ({ actor, url, base, body }) => {
    const created = await createScimGroup(actor, actor.organizationId, readGroupInput(await body()));
    const view = viewOf(url);
    return groupAnswer(
      await getScimGroup(actor.organizationId, created.id, membersWanted(view)),
      base,
      view,
      true,
    );
  },
  { maxBody: MAX_GROUP_BODY },
);

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
