import Link from 'next/link';
import { Search, Users } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import type { InvitationRole } from '@/db/values';
import { MAX_SEARCH } from '@/lib/shared/limits';
import { plural } from '@/lib/shared/text';
import { GroupRoleSelect } from './group-role-select';
import { groupRoleRule } from './group-role-words';
import { BorderedItem } from '@/components/shared/bordered-item';

export interface GroupView {
  id: string;
  name: string;
  members: number;
  mappedRole: InvitationRole | null;
}

/** "Showing 100 of 240 groups", with the search when there is one; null when every group is shown. */
function shownLine(shown: number, total: number, capped: boolean, search: string): string | null {
  const matching = search ? ` matching “${search}”` : '';
  const all = capped ? `more than ${total.toLocaleString('en-US')}` : total.toLocaleString('en-US');
  if (shown < total || capped) return `Showing ${shown.toLocaleString('en-US')} of ${all} groups${matching}.`;
  return search ? `${plural(total, 'group')}${matching}.` : null;
}

/**
 * The Directory groups section of the provisioning page (DESIGN §12): the groups the identity provider
 * pushed, each with its member count and its "Role from this group" (No role, Member, Admin); the
 * first `groups.length` by name, with a search by name when there are more. Without groups, how to send them.
 */
export function DirectoryGroups({
  organizationId,
  groups,
  total,
  totalCapped,
  search,
  searchable,
  canMap,
}: {
  organizationId: string;
  groups: GroupView[];
  total: number;
  totalCapped: boolean;
  search: string;
  /** More groups than shown, or a search made: the search box is offered. */
  searchable: boolean;
  /** The viewer may change mappings (lib/shared/policy.ts decideGroupMapping). */
  canMap: boolean;
}) {
  const line = shownLine(groups.length, total, totalCapped, search);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 id="directory-groups-heading">Directory groups</h2>
        </CardTitle>
        <CardDescription>{groupRoleRule}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {searchable ? (
          <form role="search" method="get" className="flex flex-wrap gap-2" aria-label="Search groups">
            <Input
              type="search"
              name="group"
              defaultValue={search}
              maxLength={MAX_SEARCH}
              aria-label="Group name"
              placeholder="Search groups by name"
              className="w-full sm:w-72"
            />
            <Button type="submit" variant="outline" size="sm" className="h-9">
              <Search aria-hidden="true" />
              Search
            </Button>
            {search ? (
              <Button asChild variant="ghost" size="sm" className="h-9">
                <Link href="?">Show all groups</Link>
              </Button>
            ) : null}
          </form>
        ) : null}
        {line ? <p className="text-sm text-muted-foreground">{line}</p> : null}
        {groups.length === 0 ? (
          search ? (
            <p className="text-sm text-muted-foreground">No group’s name contains “{search}”.</p>
          ) : (
            <div className="grid gap-1 text-sm" data-slot="groups-empty">
              <p className="font-medium">Your identity provider has sent no groups yet.</p>
              <p className="text-muted-foreground">
                In Okta, push them from the app’s Push Groups tab (Group Push). In Microsoft Entra ID, assign
                groups to the app under Users and groups (group assignment): provisioning sends them with
                their members.
              </p>
            </div>
          )
        ) : (
          <ul aria-labelledby="directory-groups-heading" className="grid gap-3">
            {groups.map((group) => (
              <BorderedItem key={group.id} align="center">
                <div className="grid min-w-0 gap-0.5 text-sm">
                  <span className="flex min-w-0 items-center gap-2 font-medium">
                    <Users className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                    <span id={`group-${group.id}`} className="[overflow-wrap:anywhere]">
                      {group.name}
                    </span>
                  </span>
                  <span className="text-xs text-muted-foreground">{plural(group.members, 'member')}</span>
                </div>
                <div className="grid w-full gap-1 sm:w-auto">
                  <span id={`group-role-${group.id}`} className="text-xs text-muted-foreground">
                    Role from this group
                  </span>
                  <GroupRoleSelect
                    organizationId={organizationId}
                    group={group}
                    labelledBy={`group-role-${group.id} group-${group.id}`}
                    disabled={!canMap}
                  />
                </div>
              </BorderedItem>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
