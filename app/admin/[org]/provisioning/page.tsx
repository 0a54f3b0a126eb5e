import type { Metadata } from 'next';
import { ProvisioningPanel } from '@/components/provisioning/provisioning-panel';
import { scimBaseUrl, scimSettings } from '@/lib/config';
import { MAX_SCIM_TOKENS } from '@/lib/shared/limits';
import { provisioningOf } from '@/lib/scim/tokens';
import { requireConsole, consoleTitle } from '../guard';
import { PageHeading } from '@/components/console/page-heading';

export async function generateMetadata({ params }: { params: Promise<{ org: string }> }): Promise<Metadata> {
  return consoleTitle((await params).org, 'Provisioning', 'provisioning');
}

/** Provisioning (docs/rules.md rule 13): SCIM on or off, its base URL, and the organization's tokens. */
export default async function ProvisioningPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { actor, organization } = await requireConsole(org, 'provisioning');
  const { enabled, tokens } = await provisioningOf(actor, organization.id);
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeading title="Provisioning">
        Let your identity provider (Okta, Microsoft Entra ID, Google, JumpCloud) add, update, suspend and
        remove the members of {organization.name} over SCIM 2.0.
      </PageHeading>
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
    </div>
  );
}
