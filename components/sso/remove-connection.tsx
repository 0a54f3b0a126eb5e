'use client';

import { Trash2 } from 'lucide-react';
import { toast } from 'sonner';
import { removeConnectionAction } from '@/app/actions/sso';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { useConfirmAction } from '@/components/shared/use-confirm-action';
import { Button } from '@/components/ui/button';
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
  const confirm = useConfirmAction(
    () => removeConnectionAction({ organizationId, connectionId: connection.id }),
    () => toast.success(`Removed ${connection.name}`),
  );
  return (
    <ConfirmDialog
      {...confirm}
      returnFocus={returnFocus}
      trigger={
        <Button
          variant="outline"
          size="sm"
          aria-label={`Remove ${connection.name}`}
          data-sso-remove={connection.id}
        >
          <Trash2 aria-hidden="true" />
          Remove
        </Button>
      }
      title={`Remove ${connection.name}?`}
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
      variant="destructive"
    />
  );
}
