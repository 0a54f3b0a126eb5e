'use client';

import { useRef, useState } from 'react';
import { AlertTriangle } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { setRequireSsoAction } from '@/app/actions/sso';
import { ConfirmDialog } from '@/components/shared/confirm-dialog';
import { SettingSwitch } from '@/components/shared/setting-switch';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { BreakGlassOwners } from './break-glass';
import type { ConnectionRow, OwnerRow } from './types';

/**
 * Why Require SSO cannot be turned on now (its key in sso.requireSso.blocked), or null: the server refuses
 * the same (lib/sso/require.ts).
 */
function blockedBecause(enabled: ConnectionRow | undefined, domains: string[]) {
  if (!enabled) return 'noConnection' as const;
  if (!enabled.testPassedAt) return 'untested' as const;
  if (domains.length === 0) return 'noDomain' as const;
  return null;
}

/**
 * The domains as one list: "a, b and c". English without the serial comma, as the console has always
 * written it (British English's list); every other language as Intl writes its lists.
 */
function listOf(domains: string[], locale: string): string {
  return new Intl.ListFormat(locale === 'en' ? 'en-GB' : locale, { type: 'conjunction' }).format(domains);
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
  const t = useTranslations('sso.requireSso');
  const locale = useLocale();
  const enabled = connections.find((connection) => connection.enabled);
  const blockedKey = blockedBecause(enabled, domains);
  const blocked = blockedKey ? t(`blocked.${blockedKey}`, { name: enabled?.name ?? '' }) : null;
  const [asking, setAsking] = useState(false);
  const confirmed = useRef<(() => void) | null>(null);
  const at = listOf(domains, locale);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t('heading')}</h2>
        </CardTitle>
        <CardDescription className="[overflow-wrap:anywhere]">
          {domains.length > 0 ? t('descriptionAt', { domains: at }) : t('description')}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {requireSso && enabled && !enabled.testPassedAt ? (
          <p role="status" className="flex items-start gap-2 text-sm font-medium text-destructive">
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            {t('untestedWarning', { name: enabled.name })}
          </p>
        ) : null}
        <SettingSwitch
          id="sso-require"
          label={t('label')}
          help={requireSso ? t('on') : (blocked ?? t('off'))}
          checked={requireSso}
          disabled={!requireSso && blocked !== null}
          readOnly={!manage}
          run={async (on) => {
            const result = await setRequireSsoAction({ organizationId, on });
            // The viewer's own email-link session has just ended: the next page is the sign-in page.
            if (result.ok && on && youAreAffected) window.location.reload();
            return result;
          }}
          said={(on) => t(on ? 'saidOn' : 'saidOff')}
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
          title={t('confirmTitle')}
          description={
            <>
              <p>
                {t('confirmSignedOut', {
                  domains: at,
                  provider: enabled?.name ?? t('yourProvider'),
                })}
              </p>
              <p>{youAreAffected ? t('confirmBreakGlassYou') : t('confirmBreakGlass')}</p>
            </>
          }
          confirmLabel={t('confirm')}
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
