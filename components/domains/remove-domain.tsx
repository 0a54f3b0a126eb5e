'use client';

import { toast } from 'sonner';
import { removeDomainAction } from '@/app/actions/domains';
import { isCountingStatus } from '@/db/values';
import { RemoveConfirm } from '@/components/shared/remove-confirm';
import type { DomainRow } from './types';

/**
 * A domain's `Remove`, asked first, naming what stops: the directory's take-over of accounts at the
 * domain and its join policy. Memberships stay. A refusal stays in the dialog.
 */
export function RemoveDomain({
  organizationId,
  organizationName,
  domain,
  returnFocus,
}: {
  organizationId: string;
  organizationName: string;
  domain: DomainRow;
  /** Where focus goes when the dialog closes, asked then (the domain may be gone). */
  returnFocus: () => HTMLElement | null | undefined;
}) {
  const counts = isCountingStatus(domain.status);
  return (
    <RemoveConfirm
      name={domain.domain}
      id={domain.id}
      remove={() => removeDomainAction({ organizationId, domainId: domain.id })}
      onRemoved={() => toast.success(`Removed ${domain.domain}`)}
      returnFocus={returnFocus}
      description={
        <>
          <p>
            {counts
              ? `${organizationName} stops counting ${domain.domain} as its own: your identity provider can no longer take over existing accounts at it, and its join policy stops (no more suggestions or automatic joins).`
              : `Its record will no longer be checked, and it will never count as ${organizationName}'s unless you add it again.`}
          </p>
          <p>Everyone who is a member stays a member. To use the domain again, add it and verify it again.</p>
        </>
      }
      confirmLabel="Remove domain"
    />
  );
}
