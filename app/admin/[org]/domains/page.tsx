import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { forbidden } from 'next/navigation';
import { PageHeading } from '@/components/console/page-heading';
import { DomainsPanel } from '@/components/domains/domains-panel';
import { domainRow } from '@/components/domains/types';
import { listDomains } from '@/lib/domains/manage';
import { MAX_DOMAINS } from '@/lib/shared/limits';
import { can } from '@/lib/shared/permissions';
import { developmentDnsOpenTo } from '@/app/dev/access';
import { requireConsole, consoleTitle } from '../guard';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return consoleTitle((await params).org, 'Domains', 'domains');
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
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeading title="Domains">
        Prove that {organization.name} owns a domain with a DNS record. Once verified, your identity provider
        may manage existing accounts at it, people who sign in with an address there can join as its join
        policy says, and Users marks members outside every verified domain as External.
      </PageHeading>
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
