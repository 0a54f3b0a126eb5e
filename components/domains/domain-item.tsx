'use client';

import { DomainRecord } from './domain-record';
import { DomainStatusBadge, StatusSentence } from './domain-status';
import { JoinPolicyField } from './join-policy';
import { RemoveDomain } from './remove-domain';
import type { DomainRow } from './types';
import { VerifyDomain } from './verify-domain';
import { ArrivalHeading } from '@/components/shared/arrival-heading';

/** One domain of the list: its name and status, the record to publish, Verify, its join policy, Remove. */
export function DomainItem({
  organizationId,
  organizationName,
  domain,
  manage,
  developmentDns,
  returnFocus,
}: {
  organizationId: string;
  organizationName: string;
  domain: DomainRow;
  manage: boolean;
  developmentDns: { back: string } | null;
  returnFocus: () => HTMLElement | null | undefined;
}) {
  return (
    <li className="grid min-w-0 gap-4 rounded-md border p-4" data-domain={domain.domain}>
      <div className="grid min-w-0 gap-1">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
          {/* Focused by script when the domain was just added (DomainsList): a screen reader starts here. */}
          <ArrivalHeading id={domain.id}>{domain.domain}</ArrivalHeading>
          <DomainStatusBadge status={domain.status} />
        </div>
        <p className="text-sm [overflow-wrap:anywhere] text-muted-foreground">
          <StatusSentence domain={domain} />
        </p>
      </div>
      <DomainRecord domain={domain} developmentDns={manage ? developmentDns : null} />
      <VerifyDomain organizationId={organizationId} domain={domain} manage={manage} />
      <div className="flex min-w-0 flex-wrap items-end justify-between gap-4 border-t pt-4">
        <JoinPolicyField organizationId={organizationId} domain={domain} manage={manage} />
        {manage ? (
          <RemoveDomain
            organizationId={organizationId}
            organizationName={organizationName}
            domain={domain}
            returnFocus={returnFocus}
          />
        ) : null}
      </div>
    </li>
  );
}
