'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { focusAfterRemove } from '@/components/shared/remove-confirm';
import { useFocusOnArrival } from '@/components/shared/use-focus-on-arrival';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { AddConnection } from './add-connection';
import { ConnectionItem } from './connection-item';
import { RequireSso } from './require-sso';
import type { ConnectionRow, OwnerRow } from './types';

/**
 * The SSO page's controls: `Add connection` (Owners), the connections, and Require SSO with its
 * break-glass Owners. A connection just added, or just tested (the identity provider sent the Owner back
 * with `?tested=<id>`), takes the focus, so that the keyboard and a screen reader start at it.
 */
export function SsoPanel({
  organizationId,
  organizationName,
  connections,
  requireSso,
  domains,
  owners,
  maxConnections,
  manage,
  youAreAffected,
  testedId,
}: {
  organizationId: string;
  organizationName: string;
  connections: ConnectionRow[];
  requireSso: boolean;
  domains: string[];
  owners: OwnerRow[];
  maxConnections: number;
  manage: boolean;
  youAreAffected: boolean;
  testedId: string | null;
}) {
  const t = useTranslations('sso.panel');
  const list = useRef<HTMLUListElement>(null);
  const tested = useRef(false);
  const setFocusOn = useFocusOnArrival(list, connections, testedId);

  // Back from a Test connection: its outcome as a toast once, besides the result on its card.
  useEffect(() => {
    if (!testedId || tested.current) return;
    tested.current = true;
    const connection = connections.find((c) => c.id === testedId);
    if (!connection?.lastTest) return;
    if (connection.lastTest.ok) toast.success(t('testPassed', { name: connection.name }));
    else toast.error(t('testFailed', { name: connection.name }));
    window.history.replaceState(null, '', window.location.pathname);
  }, [testedId, connections, t]);

  const enabled = connections.find((connection) => connection.enabled);
  const full = connections.length >= maxConnections;

  return (
    <>
      {manage ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t('addHeading')}</h2>
            </CardTitle>
            <CardDescription>{t('addDescription', { max: maxConnections })}</CardDescription>
          </CardHeader>
          <CardContent>
            <AddConnection
              organizationId={organizationId}
              full={full ? t('full', { organization: organizationName, max: maxConnections }) : null}
              onAdded={(added) => setFocusOn(added.id)}
            />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('listHeading')}</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            {manage ? t('manageHint') : t('viewHint', { organization: organizationName })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {connections.length === 0 ? (
            <p className="text-sm text-muted-foreground">{manage ? t('emptyManage') : t('emptyView')}</p>
          ) : (
            <ul ref={list} aria-label={t('listLabel')} className="grid gap-4">
              {connections.map((connection, index) => (
                <ConnectionItem
                  key={connection.id}
                  organizationId={organizationId}
                  connection={connection}
                  manage={manage}
                  enableBlocked={
                    enabled && enabled.id !== connection.id
                      ? t('otherIsOn', { name: enabled.name })
                      : domains.length === 0
                        ? t('noDomain')
                        : null
                  }
                  returnFocus={() =>
                    focusAfterRemove(list, connections, index, () => document.getElementById('sso-new-name'))
                  }
                />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <RequireSso
        organizationId={organizationId}
        requireSso={requireSso}
        connections={connections}
        domains={domains}
        owners={owners}
        manage={manage}
        youAreAffected={youAreAffected}
      />
    </>
  );
}
