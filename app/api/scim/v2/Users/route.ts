// /Users (RFC 7644 §3.3, §3.4.2): a page of the organization's members a filter matches, in the order
// sortBy and sortOrder ask, and POST to create one (from an open invitation: docs/rules.md rule 13).
import { MAX_SCIM_PAGE } from '@/lib/shared/limits';
import { readScimUser } from '@/lib/scim/input';
import { toScimUser } from '@/lib/scim/protocol';
import { listScimUsers } from '@/lib/scim/read';
import { createScimUser } from '@/lib/scim/users';
import { listOf, methodNotAllowed, scimRoute, wholeNumber } from '../handler';

export const GET = scimRoute(async ({ actor, url, user }) => {
  const startIndex = Math.max(1, wholeNumber(url, 'startIndex', 1));
  const count = Math.min(MAX_SCIM_PAGE, Math.max(0, wholeNumber(url, 'count', MAX_SCIM_PAGE)));
  const { total, members } = await listScimUsers(actor.organizationId, {
    filter: url.searchParams.get('filter'),
    sortBy: url.searchParams.get('sortBy'),
    sortOrder: url.searchParams.get('sortOrder'),
    startIndex,
    count,
  });
  return { body: listOf(members.map(user), total, startIndex) };
});

export const POST = scimRoute(async ({ actor, base, body, single }) => {
  const created = await createScimUser(actor, actor.organizationId, readScimUser(await body()));
  return single(created, 201, { Location: toScimUser(created, base).meta.location });
});

export { methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
