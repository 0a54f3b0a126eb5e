'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('domains.remove');
  const counts = isCountingStatus(domain.status);
  const names = { organization: organizationName, domain: domain.domain };
  return (
    <RemoveConfirm
      name={domain.domain}
      id={domain.id}
      remove={() => removeDomainAction({ organizationId, domainId: domain.id })}
      onRemoved={() => toast.success(t('removed', names))}
      returnFocus={returnFocus}
      description={
        <>
          <p>{counts ? t('counting', names) : t('notCounting', names)}</p>
          <p>{t('members')}</p>
        </>
      }
      confirmLabel={t('confirm')}
    />
  );
}
