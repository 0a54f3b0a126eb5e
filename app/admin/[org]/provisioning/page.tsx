import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ProvisioningPanel } from '@/components/provisioning/provisioning-panel';
import { scimBaseUrl, scimSettings } from '@/lib/config';
import { MAX_SCIM_TOKENS, MAX_SEARCH } from '@/lib/shared/limits';
import { provisioningOf } from '@/lib/scim/tokens';
import { requireConsole, consoleTitle } from '../guard';
import { PageHeading } from '@/components/console/page-heading';
import { DirectoryGroups } from '@/components/provisioning/directory-groups';
import { GROUPS_SHOWN, listGroupsForConsole } from '@/lib/scim/groups/console';
import { decideGroupMapping } from '@/lib/shared/policy';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const t = await getTranslations('provisioning.page');
  return consoleTitle((await params).org, t('title'), 'provisioning');
}

/**
 * Provisioning (docs/rules.md rule 13): SCIM on or off, its base URL, the organization's tokens, and
 * its directory groups with their role mappings (DESIGN §12; `?group=` searches them by name).
 */
export default async function ProvisioningPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org } = await params;
  const query = await searchParams;
  const search =
    typeof query.group === 'string'
      ? query.group
          .replace(/[\u0000-\u001f\u007f]/g, '')
          .trim()
          .slice(0, MAX_SEARCH)
      : '';
  const { actor, organization, role } = await requireConsole(org, 'provisioning');
  const t = await getTranslations('provisioning.page');
  const [{ enabled, tokens }, groups] = await Promise.all([
    provisioningOf(actor, organization.id),
    listGroupsForConsole(actor, organization.id, search),
  ]);
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeading title={t('title')}>{t('intro', { organization: organization.name })}</PageHeading>
      <ProvisioningPanel
        organizationId={organization.id}
        enabled={enabled}
        baseUrl={scimBaseUrl()}
        maxTokens={MAX_SCIM_TOKENS}
        tokenDays={Math.round(scimSettings().tokenTtlMs / 86_400_000)}
        tokens={tokens.map((token) => ({
          id: token.id,
          name: token.name,
          createdAt: token.createdAt.toISOString(),
          expiresAt: token.expiresAt.toISOString(),
          lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
          createdBy: token.createdBy,
          expired: token.expired,
          makerLeft: token.makerLeft,
        }))}
      />
      <DirectoryGroups
        organizationId={organization.id}
        groups={groups.groups}
        total={groups.total}
        totalCapped={groups.totalCapped}
        search={search}
        searchable={Boolean(search) || groups.total > GROUPS_SHOWN}
        // Mapping to a role takes the most of the policy: who may do that may set any mapping.
        canMap={decideGroupMapping(role, 'admin').allowed}
      />
    </div>
  );
}
