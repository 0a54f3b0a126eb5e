'use client';

import { RefreshCw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { refreshSamlMetadataAction } from '@/app/actions/sso';
import type { ActionResult } from '@/app/actions/result';
import { CopyField } from '@/components/shared/copy-field';
import { Button } from '@/components/ui/button';
import { CertificateList } from './certificate-list';
import { MetadataFields } from './metadata-fields';
import { ReplaceDialog } from './replace-dialog';
import type { ConnectionControlProps } from './types';

/**
 * A SAML connection's two sides: what to paste into the identity provider (our ACS URL, entity ID and
 * metadata URL, each with Copy), and what we hold of the provider (its entity ID, sign-in URL and signing
 * certificates), with `Replace metadata` for a rotated certificate.
 */
export function SamlDetails({ organizationId, connection, manage }: ConnectionControlProps) {
  const t = useTranslations('sso.saml');
  const saml = connection.saml!;
  const id = `sso-${connection.id}`;
  const name = connection.name;
  return (
    <div className="grid gap-4">
      <section
        aria-label={t('region', { name })}
        className="grid min-w-0 gap-3 rounded-md border bg-muted/40 p-3"
      >
        <p className="text-sm">{t('pasteIntro')}</p>
        <CopyField
          id={`${id}-acs`}
          label={t('acsUrl')}
          value={saml.acsUrl}
          what={t('copyAcsUrl', { name })}
        />
        <CopyField
          id={`${id}-entity`}
          label={t('entityId')}
          value={saml.entityId}
          what={t('copyEntityId', { name })}
        />
        <CopyField
          id={`${id}-sp-metadata`}
          label={t('spMetadataUrl')}
          value={saml.metadataUrl}
          what={t('copySpMetadataUrl', { name })}
        />
      </section>
      <section aria-label={t('idpRegion', { name })} className="grid min-w-0 gap-2 text-sm">
        <h4 className="font-medium">{t('fromMetadata')}</h4>
        <dl className="grid gap-1 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <dt className="text-muted-foreground">{t('idpEntityId')}</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere]">{saml.idpEntityId}</dd>
          <dt className="text-muted-foreground">{t('idpSsoUrl')}</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere]">{saml.idpSsoUrl}</dd>
          <dt className="text-muted-foreground">{t('readFrom')}</dt>
          <dd className="[overflow-wrap:anywhere]">
            {saml.idpMetadataUrl ? (
              <span className="font-mono text-xs">{saml.idpMetadataUrl}</span>
            ) : (
              t('uploadedFile')
            )}
          </dd>
        </dl>
        <CertificateList certificates={saml.certificates} />
        {manage ? (
          <ReplaceDialog
            trigger={
              <Button type="button" variant="outline" size="sm" className="w-fit">
                <RefreshCw aria-hidden="true" />
                {t.rich('replace', { name, hidden: (chunks) => <span className="sr-only">{chunks}</span> })}
              </Button>
            }
            title={t('replaceTitle', { name })}
            description={saml.idpMetadataUrl ? t('replaceFromUrl') : t('replaceFromFile')}
            hidden={{ organizationId, connectionId: connection.id }}
            action={
              refreshSamlMetadataAction as unknown as (
                input: Record<string, string>,
              ) => Promise<ActionResult<{ changed: boolean }>>
            }
            submitLabel={t('replaceSubmit')}
            said={(changed) => t(changed ? 'replaced' : 'unchanged', { name })}
          >
            {(errors) => (
              <MetadataFields
                id={`${id}-replace`}
                errors={errors}
                urlHelp={saml.idpMetadataUrl ? t('urlHelpAgain') : t('urlHelpNew')}
              />
            )}
          </ReplaceDialog>
        ) : null}
      </section>
    </div>
  );
}
