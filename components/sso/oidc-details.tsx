'use client';

import { KeyRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('sso.oidc');
  const oidc = connection.oidc!;
  const id = `sso-${connection.id}`;
  const name = connection.name;
  return (
    <div className="grid gap-4">
      <section
        aria-label={t('region', { name })}
        className="grid min-w-0 gap-3 rounded-md border bg-muted/40 p-3"
      >
        <p className="text-sm">{t('registerIntro')}</p>
        <CopyField
          id={`${id}-redirect`}
          label={t('redirectUri')}
          value={oidc.redirectUrl}
          what={t('copyRedirectUri', { name })}
        />
      </section>
      <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
        <dt className="text-muted-foreground">{t('issuer')}</dt>
        <dd className="font-mono text-xs [overflow-wrap:anywhere]">{oidc.issuer}</dd>
        <dt className="text-muted-foreground">{t('clientId')}</dt>
        <dd className="font-mono text-xs [overflow-wrap:anywhere]">{oidc.clientId}</dd>
        <dt className="text-muted-foreground">{t('clientSecret')}</dt>
        <dd>{oidc.secretSet ? t('secretSet') : t('secretNotSet')}</dd>
      </dl>
      {manage ? (
        <ReplaceDialog
          trigger={
            <Button type="button" variant="outline" size="sm" className="w-fit">
              <KeyRound aria-hidden="true" />
              {t.rich('replace', { name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
            </Button>
          }
          title={t('replaceTitle', { name })}
          description={t('replaceDescription')}
          hidden={{ organizationId, connectionId: connection.id }}
          action={
            updateOidcClientAction as unknown as (
              input: Record<string, string>,
            ) => Promise<ActionResult<{ changed: boolean }>>
          }
          submitLabel={t('replaceSubmit')}
          said={(changed) => t(changed ? 'replaced' : 'unchanged', { name })}
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
