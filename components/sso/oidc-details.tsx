'use client';

import { KeyRound } from 'lucide-react';
import { updateOidcClientAction } from '@/app/actions/sso';
import type { ActionResult } from '@/app/actions/result';
import { CopyField } from '@/components/shared/copy-field';
import { Button } from '@/components/ui/button';
import { OidcClientFields } from './oidc-client-fields';
import { ReplaceDialog } from './replace-dialog';
import type { ConnectionControlProps } from './types';

/**
 * An OpenID Connect connection: the redirect URI to register at the provider (with Copy), its issuer and
 * client ID, and of the secret only that it is set, with `Replace` (a new client or secret).
 */
export function OidcDetails({ organizationId, connection, manage }: ConnectionControlProps) {
  const oidc = connection.oidc!;
  const id = `sso-${connection.id}`;
  const of = ` for ${connection.name}`;
  return (
    <div className="grid gap-4">
      <section
        aria-label={`Register at your identity provider${of}`}
        className="grid min-w-0 gap-3 rounded-md border bg-muted/40 p-3"
      >
        <p className="text-sm">Register this redirect URI for the application at your identity provider:</p>
        <CopyField
          id={`${id}-redirect`}
          label="Redirect URI"
          value={oidc.redirectUrl}
          what={`redirect URI${of}`}
        />
      </section>
      <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
        <dt className="text-muted-foreground">Issuer</dt>
        <dd className="font-mono text-xs [overflow-wrap:anywhere]">{oidc.issuer}</dd>
        <dt className="text-muted-foreground">Client ID</dt>
        <dd className="font-mono text-xs [overflow-wrap:anywhere]">{oidc.clientId}</dd>
        <dt className="text-muted-foreground">Client secret</dt>
        <dd>{oidc.secretSet ? 'Secret set' : 'Not set'}</dd>
      </dl>
      {manage ? (
        <ReplaceDialog
          trigger={
            <Button type="button" variant="outline" size="sm" className="w-fit">
              <KeyRound aria-hidden="true" />
              Replace<span className="sr-only"> the client{of}</span>
            </Button>
          }
          title={`Replace the client of ${connection.name}`}
          description="The server checks the issuer before saving. A new issuer, client or secret must pass Test connection again."
          hidden={{ organizationId, connectionId: connection.id }}
          action={
            updateOidcClientAction as unknown as (
              input: Record<string, string>,
            ) => Promise<ActionResult<{ changed: boolean }>>
          }
          submitLabel="Save client"
          said={(changed) =>
            changed
              ? `Client of ${connection.name} replaced: test the connection again`
              : `The client of ${connection.name} has not changed`
          }
        >
          {(errors) => (
            <OidcClientFields
              id={`${id}-replace`}
              errors={errors}
              secretSet={oidc.secretSet}
              initial={{ issuer: oidc.issuer, clientId: oidc.clientId }}
            />
          )}
        </ReplaceDialog>
      ) : null}
    </div>
  );
}
