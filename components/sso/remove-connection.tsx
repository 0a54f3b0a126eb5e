'use client';

import { useState, useTransition } from 'react';
import { Trash2 } from 'lucide-react';
import { toast } from 'sonner';
import { removeConnectionAction } from '@/app/actions/sso';
import { callAction } from '@/components/shared/call-action';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
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
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setError(null);
      }}
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
      pending={pending}
      error={error}
      onConfirm={() =>
        startTransition(async () => {
          const result = await callAction(() =>
            removeConnectionAction({ organizationId, connectionId: connection.id }),
          );
          if (!result.ok) {
            setError(result.error.message);
            return;
          }
          setOpen(false);
          toast.success(`Removed ${connection.name}`);
        })
      }
    />
  );
}
