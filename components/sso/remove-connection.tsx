'use client';

import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { removeConnectionAction } from '@/app/actions/sso';
import { RemoveConfirm } from '@/components/shared/remove-confirm';
import type { ConnectionRow } from './types';

/** A connection's `Remove`, asked first; a refusal (it serves Require SSO) stays in the dialog. */
export function RemoveConnection({
  organizationId,
  connection,
  returnFocus,
}: {
  organizationId: string;
  connection: ConnectionRow;
  returnFocus: () => HTMLElement | null | undefined;
}) {
  const t = useTranslations('sso.remove');
  return (
    <RemoveConfirm
      name={connection.name}
      id={connection.id}
      remove={() => removeConnectionAction({ organizationId, connectionId: connection.id })}
      onRemoved={() => toast.success(t('removed', { name: connection.name }))}
      returnFocus={returnFocus}
      description={
        <>
          <p>{connection.enabled ? t('enabled') : t('disabled')}</p>
          <p>{t('members')}</p>
        </>
      }
      confirmLabel={t('confirm')}
    />
  );
}
