import Link from 'next/link';
import { Search, Users } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import type { InvitationRole } from '@/db/values';
import { MAX_SEARCH } from '@/lib/shared/limits';
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
function shownLine(
  t: ReturnType<typeof useTranslations<'provisioning.groups'>>,
  shown: number,
  total: number,
  capped: boolean,
  search: string,
): string | null {
  // The selects' "yes"/"no": whether the total is a floor, and whether a search is made.
  const values = { shown, total, capped: capped ? 'yes' : 'no', matching: search ? 'yes' : 'no', search };
  if (shown < total || capped) return t('showing', values);
  return search ? t('found', values) : null;
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
  const t = useTranslations('provisioning');
  const tg = useTranslations('provisioning.groups');
  const line = shownLine(tg, groups.length, total, totalCapped, search);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 id="directory-groups-heading">{t('groups.heading')}</h2>
        </CardTitle>
        <CardDescription>{groupRoleRule(t)}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {searchable ? (
          <form
            role="search"
            method="get"
            className="flex flex-wrap gap-2"
            aria-label={t('groups.searchLabel')}
          >
            <Input
              type="search"
              name="group"
              defaultValue={search}
              maxLength={MAX_SEARCH}
              aria-label={t('groups.searchField')}
              placeholder={t('groups.searchPlaceholder')}
              className="w-full sm:w-72"
            />
            <Button type="submit" variant="outline" size="sm" className="h-9">
              <Search aria-hidden="true" />
              {t('groups.search')}
            </Button>
            {search ? (
              <Button asChild variant="ghost" size="sm" className="h-9">
                <Link href="?">{t('groups.showAll')}</Link>
              </Button>
            ) : null}
          </form>
        ) : null}
        {line ? <p className="text-sm text-muted-foreground">{line}</p> : null}
        {groups.length === 0 ? (
          search ? (
            <p className="text-sm text-muted-foreground">{t('groups.noMatch', { search })}</p>
          ) : (
            <div className="grid gap-1 text-sm" data-slot="groups-empty">
              <p className="font-medium">{t('groups.empty')}</p>
              <p className="text-muted-foreground">{t('groups.emptyHow')}</p>
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
                  <span className="text-xs text-muted-foreground">
                    {t('groups.members', { count: group.members })}
                  </span>
                </div>
                <div className="grid w-full gap-1 sm:w-auto">
                  <span id={`group-role-${group.id}`} className="text-xs text-muted-foreground">
                    {t('groups.roleFromGroup')}
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
