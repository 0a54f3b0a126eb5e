import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeading } from '@/components/console/page-heading';
import { connectionRow } from '@/components/sso/rows';
import { SsoPanel } from '@/components/sso/sso-panel';
import { domainOfAddress } from '@/lib/domains/counting';
import { MAX_SSO_CONNECTIONS } from '@/lib/shared/limits';
import { can } from '@/lib/shared/permissions';
import { ssoOverview } from '@/lib/sso/manage';
import { requireConsole, consoleTitle } from '../guard';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  const t = await getTranslations('sso.page');
  return consoleTitle((await params).org, t('title'), 'sso');
}

/**
 * Enterprise sign-in (DESIGN §11): the organization's connections to its identity provider, what to paste
 * into it, Test connection and its result, and Require SSO with its break-glass Owners. Owners manage it;
 * Admins see it. `?tested=<id>`: back from a Test connection of that connection.
 */
export default async function SsoPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ tested?: string | string[] }>;
}) {
  const { org } = await params;
  const { tested } = await searchParams;
  const { actor, organization, role } = await requireConsole(org, 'sso');
  if (!can(role, 'sso:view')) forbidden();
  const overview = await ssoOverview(actor, organization.id);
  const connections = overview.connections.map((view) => connectionRow(view));
  const t = await getTranslations('sso.page');
  const mine = overview.owners.find((owner) => owner.userId === actor.userId);
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeading title={t('title')}>{t('intro', { organization: organization.name })}</PageHeading>
      <SsoPanel
        organizationId={organization.id}
        organizationName={organization.name}
        connections={connections}
        requireSso={overview.requireSso}
        domains={overview.domains}
        owners={overview.owners}
        maxConnections={MAX_SSO_CONNECTIONS}
        manage={can(role, 'sso:manage')}
        youAreAffected={overview.domains.includes(domainOfAddress(actor.email)) && !mine?.breakGlass}
        testedId={typeof tested === 'string' && connections.some((c) => c.id === tested) ? tested : null}
      />
    </div>
  );
}
