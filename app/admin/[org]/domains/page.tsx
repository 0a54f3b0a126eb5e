import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeading } from '@/components/console/page-heading';
import { DomainsPanel } from '@/components/domains/domains-panel';
import { domainRow } from '@/components/domains/types';
import { listDomains } from '@/lib/domains/manage';
import { MAX_DOMAINS } from '@/lib/shared/limits';
import { can } from '@/lib/shared/permissions';
import { developmentDnsOpenTo } from '@/app/dev/access';
import { requireConsole, consoleTitle } from '../guard';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const t = await getTranslations('domains.page');
  return consoleTitle((await params).org, t('title'), 'domains');
}

/**
 * Verified domains (DESIGN §10, docs/rules.md): the domains the organization claims, the TXT record that
 * proves each, Verify, and how people at each join. Owners manage them; Admins see them.
 */
export default async function DomainsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { actor, organization, role } = await requireConsole(org, 'domains');
  if (!can(role, 'domains:view')) forbidden();
  const domains = await listDomains(actor, organization.id);
  const back = `/admin/${organization.slug}/domains`;
  const t = await getTranslations('domains.page');
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeading title={t('title')}>{t('intro', { organization: organization.name })}</PageHeading>
      <DomainsPanel
        organizationId={organization.id}
        organizationName={organization.name}
        domains={domains.map(domainRow)}
        maxDomains={MAX_DOMAINS}
        manage={can(role, 'domains:manage')}
        developmentDns={developmentDnsOpenTo(await headers()) ? { back } : null}
      />
    </div>
  );
}
