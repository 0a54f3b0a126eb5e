'use client';

import { RefreshCw } from 'lucide-react';
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
  const saml = connection.saml!;
  const id = `sso-${connection.id}`;
  const of = ` for ${connection.name}`;
  return (
    <div className="grid gap-4">
      <section
        aria-label={`Paste into your identity provider${of}`}
        className="grid min-w-0 gap-3 rounded-md border bg-muted/40 p-3"
      >
        <p className="text-sm">Paste these into the SAML application at your identity provider:</p>
        <CopyField
          id={`${id}-acs`}
          label="ACS URL (Single sign-on URL)"
          value={saml.acsUrl}
          what={`ACS URL${of}`}
        />
        <CopyField
          id={`${id}-entity`}
          label="Entity ID (Audience URI)"
          value={saml.entityId}
          what={`entity ID${of}`}
        />
        <CopyField
          id={`${id}-sp-metadata`}
          label="SP metadata URL"
          value={saml.metadataUrl}
          what={`SP metadata URL${of}`}
        />
      </section>
      <section aria-label={`Identity provider${of}`} className="grid min-w-0 gap-2 text-sm">
        <h4 className="font-medium">From your identity provider’s metadata</h4>
        <dl className="grid gap-1 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <dt className="text-muted-foreground">Entity ID</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere]">{saml.idpEntityId}</dd>
          <dt className="text-muted-foreground">Sign-in (SSO) URL</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere]">{saml.idpSsoUrl}</dd>
          <dt className="text-muted-foreground">Read from</dt>
          <dd className="[overflow-wrap:anywhere]">
            {saml.idpMetadataUrl ? (
              <span className="font-mono text-xs">{saml.idpMetadataUrl}</span>
            ) : (
              'an uploaded file'
            )}
          </dd>
        </dl>
        <CertificateList certificates={saml.certificates} />
        {manage ? (
          <ReplaceDialog
            trigger={
              <Button type="button" variant="outline" size="sm" className="w-fit">
                <RefreshCw aria-hidden="true" />
                Replace metadata<span className="sr-only">{of}</span>
              </Button>
            }
            title={`Replace the metadata of ${connection.name}`}
            description={
              saml.idpMetadataUrl
                ? 'Read it again from its URL (leave both fields blank), from a new URL, or from a new file. A new certificate or sign-in URL must pass Test connection again.'
                : 'Upload the new metadata file, or give its URL. A new certificate or sign-in URL must pass Test connection again.'
            }
            hidden={{ organizationId, connectionId: connection.id }}
            action={
              refreshSamlMetadataAction as unknown as (
                input: Record<string, string>,
              ) => Promise<ActionResult<{ changed: boolean }>>
            }
            submitLabel="Read metadata"
            said={(changed) =>
              changed
                ? `Metadata of ${connection.name} replaced: test the connection again`
                : `The metadata of ${connection.name} has not changed`
            }
          >
            {(errors) => (
              <MetadataFields
                id={`${id}-replace`}
                errors={errors}
                urlHelp={
                  saml.idpMetadataUrl
                    ? 'Blank: read again from the URL above.'
                    : 'The URL your identity provider shows.'
                }
              />
            )}
          </ReplaceDialog>
        ) : null}
      </section>
    </div>
  );
}
