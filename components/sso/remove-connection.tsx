'use client';

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
  return (
    <RemoveConfirm
      name={connection.name}
      id={connection.id}
      remove={() => removeConnectionAction({ organizationId, connectionId: connection.id })}
      onRemoved={() => toast.success(`Removed ${connection.name}`)}
      returnFocus={returnFocus}
      description={
        <>
          <p>
            {connection.enabled
              ? 'It is turned on: people at your verified domains will sign in with an email link again.'
              : 'Nobody signs in through it now.'}
          </p>
          <p>
            Members keep their membership. To use this provider again, add a connection and paste its new
            details there.
          </p>
        </>
      }
      confirmLabel="Remove connection"
    />
  );
}
