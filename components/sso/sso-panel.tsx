'use client';

import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { focusAfterRemove } from '@/components/shared/remove-confirm';
import { useFocusOnArrival } from '@/components/shared/use-focus-on-arrival';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { plural } from '@/lib/shared/text';
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
  const list = useRef<HTMLUListElement>(null);
  const tested = useRef(false);
  const setFocusOn = useFocusOnArrival(list, connections, testedId);

  // Back from a Test connection: its outcome as a toast once, besides the result on its card.
  useEffect(() => {
    if (!testedId || tested.current) return;
    tested.current = true;
    const connection = connections.find((c) => c.id === testedId);
    if (!connection?.lastTest) return;
    if (connection.lastTest.ok) toast.success(`Test of ${connection.name} passed`);
    else toast.error(`Test of ${connection.name} failed: see what the provider sent below`);
    window.history.replaceState(null, '', window.location.pathname);
  }, [testedId, connections]);

  const enabled = connections.find((connection) => connection.enabled);
  const full = connections.length >= maxConnections;

  return (
    <>
      {manage ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Add connection</h2>
            </CardTitle>
            <CardDescription>
              Connect your identity provider (Okta, Microsoft Entra ID, Google Workspace, …) by SAML 2.0 or
              OpenID Connect. Up to {plural(maxConnections, 'connection')}; one is on at a time.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AddConnection
              organizationId={organizationId}
              full={
                full
                  ? `${organizationName} has ${plural(maxConnections, 'connection')}. Remove one first.`
                  : null
              }
              onAdded={(added) => setFocusOn(added.id)}
            />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Connections</h2>
          </CardTitle>
          <CardDescription className="[overflow-wrap:anywhere]">
            {manage
              ? 'People at your verified domains sign in through the connection that is on.'
              : `Only Owners of ${organizationName} change SSO: add, test, turn on and remove connections, and Require SSO.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {connections.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              {manage ? 'No connection yet. Add one above.' : 'No connection yet. An Owner can add one.'}
            </p>
          ) : (
            <ul ref={list} aria-label="Connections" className="grid gap-4">
              {connections.map((connection, index) => (
                <ConnectionItem
                  key={connection.id}
                  organizationId={organizationId}
                  connection={connection}
                  manage={manage}
                  enableBlocked={
                    enabled && enabled.id !== connection.id
                      ? `Turn off ${enabled.name} first: one connection is on at a time.`
                      : domains.length === 0
                        ? 'Verify a domain on the Domains page first: a connection serves its addresses.'
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
