'use client';

import { useRef, useState } from 'react';
import { AlertTriangle } from 'lucide-react';
import { setRequireSsoAction } from '@/app/actions/sso';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { SettingSwitch } from '@/components/shared/setting-switch';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { BreakGlassOwners } from './break-glass';
import type { ConnectionRow, OwnerRow } from './types';

/** Why Require SSO cannot be turned on now, or null: the server refuses the same (lib/sso/require.ts). */
function blockedBecause(enabled: ConnectionRow | undefined, domains: string[]): string | null {
  if (!enabled) return 'Turn on a connection first: Require SSO sends people to it.';
  if (!enabled.testPassedAt)
    return `Test ${enabled.name} first: a Test connection of its current settings must pass.`;
  if (domains.length === 0)
    return 'Verify a domain on the Domains page first: Require SSO applies to its addresses.';
  return null;
}

/**
 * Require SSO: the switch (disabled, saying why, until a connection is on, its current settings passed a
 * test and a domain is verified), asked first when turning on, since it signs the people at the domains
 * out; a warning when it is on but the connection's settings changed since its last passing test; and
 * the break-glass Owners.
 */
export function RequireSso({
  organizationId,
  requireSso,
  connections,
  domains,
  owners,
  manage,
  youAreAffected,
}: {
  organizationId: string;
  requireSso: boolean;
  connections: ConnectionRow[];
  domains: string[];
  owners: OwnerRow[];
  manage: boolean;
  /** The viewer's own address is at one of the domains and they are not break-glass. */
  youAreAffected: boolean;
}) {
  const enabled = connections.find((connection) => connection.enabled);
  const blocked = blockedBecause(enabled, domains);
  const [asking, setAsking] = useState(false);
  const confirmed = useRef<(() => void) | null>(null);
  const at = domains.length === 1 ? domains[0] : `${domains.slice(0, -1).join(', ')} and ${domains.at(-1)}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Require SSO</h2>
        </CardTitle>
        <CardDescription className="[overflow-wrap:anywhere]">
          {domains.length > 0
            ? `People with an address at ${at} sign in through your identity provider only: email links are refused them.`
            : 'People at your verified domains sign in through your identity provider only.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {requireSso && enabled && !enabled.testPassedAt ? (
          <p role="status" className="flex items-start gap-2 text-sm font-medium text-destructive">
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            The settings of {enabled.name} changed since its last passing test. Require SSO stays on; test the
            connection now to be sure people can still sign in.
          </p>
        ) : null}
        <SettingSwitch
          id="sso-require"
          label="Require SSO"
          help={
            requireSso
              ? 'On: email links are refused at your verified domains, except for break-glass Owners.'
              : (blocked ?? 'Off: people at your verified domains may also sign in with an email link.')
          }
          checked={requireSso}
          disabled={!requireSso && blocked !== null}
          readOnly={!manage}
          run={async (on) => {
            const result = await setRequireSsoAction({ organizationId, on });
            // The viewer's own email-link session has just ended: the next page is the sign-in page.
            if (result.ok && on && youAreAffected) window.location.reload();
            return result;
          }}
          said={(on) =>
            on
              ? 'Require SSO is on: people at your domains sign in through your identity provider'
              : 'Require SSO is off'
          }
          beforeChange={(next, apply) => {
            if (!next) return true;
            confirmed.current = apply;
            setAsking(true);
            return false;
          }}
        />
        <ConfirmDialog
          open={asking}
          onOpenChange={setAsking}
          returnFocus={() => document.getElementById('sso-require')}
          title="Turn on Require SSO?"
          description={
            <>
              <p>
                Everyone with an address at {at} who signed in with an email link is signed out now, and from
                then on signs in through {enabled?.name ?? 'your identity provider'}.
              </p>
              <p>
                Break-glass Owners keep the email link.
                {youAreAffected ? ' You are not one: you will be signed out too.' : ''}
              </p>
            </>
          }
          confirmLabel="Turn on Require SSO"
          onConfirm={() => {
            setAsking(false);
            confirmed.current?.();
          }}
        />
        <BreakGlassOwners organizationId={organizationId} owners={owners} manage={manage} />
      </CardContent>
    </Card>
  );
}
