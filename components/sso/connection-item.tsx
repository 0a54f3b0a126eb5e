'use client';

import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import { ConnectionSettings } from './connection-settings';
import { OidcDetails } from './oidc-details';
import { RemoveConnection } from './remove-connection';
import { SamlDetails } from './saml-details';
import { TestConnection } from './test-connection';
import { protocolLabels, type ConnectionRow } from './types';
import { ArrivalHeading } from '@/components/shared/arrival-heading';

/**
 * One connection of the list: its name, protocol and state; what to paste into the identity provider and
 * what we hold of it; its settings; Test connection and the last result; Remove.
 */
export function ConnectionItem({
  organizationId,
  connection,
  manage,
  enableBlocked,
  returnFocus,
}: {
  organizationId: string;
  connection: ConnectionRow;
  manage: boolean;
  enableBlocked: string | null;
  returnFocus: () => HTMLElement | null | undefined;
}) {
  const t = useTranslations('sso.connection');
  const tc = useTranslations('common');
  const props = { organizationId, connection, manage };
  return (
    <li className="grid min-w-0 gap-5 rounded-md border p-4" data-sso-connection={connection.name}>
      <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        {/* Focused by script when the connection was just added (SsoPanel): a screen reader starts here. */}
        <ArrivalHeading id={connection.id}>{connection.name}</ArrivalHeading>
        <Badge variant="outline">{protocolLabels[connection.protocol]}</Badge>
        <Badge variant={connection.enabled ? 'success' : 'secondary'}>
          {connection.enabled ? t('on') : t('off')}
        </Badge>
        {connection.justInTime ? (
          <span className="text-xs text-muted-foreground">
            {t('joinsAs', { role: tc(`roles.${connection.defaultRole}`) })}
          </span>
        ) : null}
      </div>
      {connection.saml ? <SamlDetails {...props} /> : <OidcDetails {...props} />}
      <div className="border-t pt-4">
        <ConnectionSettings {...props} enableBlocked={enableBlocked} />
      </div>
      <div className="flex min-w-0 flex-wrap items-start justify-between gap-4 border-t pt-4">
        <TestConnection {...props} />
        {manage ? (
          <RemoveConnection
            organizationId={organizationId}
            connection={connection}
            returnFocus={returnFocus}
          />
        ) : null}
      </div>
    </li>
  );
}
