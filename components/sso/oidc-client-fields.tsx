'use client';

import { useTranslations } from 'next-intl';
import { useFieldValue } from '@/components/shared/field-input';
import { LabelledField } from '@/components/shared/labelled-field';
import { MAX_OIDC_CLIENT_ID, MAX_OIDC_CLIENT_SECRET, MAX_SSO_URL } from '@/lib/shared/limits';

/** The issuer field's example: the shape of Microsoft Entra ID's issuer, the same in every language. */
const EXAMPLE_ISSUER = 'https://login.microsoftonline.com/<tenant>/v2.0';

/**
 * An OpenID client's fields: the issuer (its discovery document is read from it), the client ID and the
 * secret, a password field. With a secret already set, the secret field may stay blank to keep it.
 */
export function OidcClientFields({
  id,
  errors,
  secretSet,
  initial = { issuer: '', clientId: '' },
}: {
  id: string;
  errors: { issuer?: string; clientId?: string; clientSecret?: string };
  secretSet: boolean;
  initial?: { issuer: string; clientId: string };
}) {
  const t = useTranslations('sso.oidc');
  const issuer = useFieldValue(initial.issuer);
  const clientId = useFieldValue(initial.clientId);
  const secret = useFieldValue('');
  return (
    <div className="grid gap-4">
      <div className="grid gap-2">
        <LabelledField
          id={`${id}-issuer`}
          label={t('issuerLabel')}
          name="issuer"
          type="url"
          {...issuer}
          error={errors.issuer}
          code
          maxLength={MAX_SSO_URL}
          placeholder={EXAMPLE_ISSUER}
          help={t('issuerHelp')}
        />
      </div>
      <div className="grid gap-2">
        <LabelledField
          id={`${id}-client-id`}
          label={t('clientId')}
          name="clientId"
          {...clientId}
          error={errors.clientId}
          code
          maxLength={MAX_OIDC_CLIENT_ID}
          help={t('clientIdHelp')}
        />
      </div>
      <div className="grid gap-2">
        <LabelledField
          id={`${id}-client-secret`}
          label={t('clientSecret')}
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          {...secret}
          error={errors.clientSecret}
          maxLength={MAX_OIDC_CLIENT_SECRET}
          help={secretSet ? t('secretSetHelp') : t('secretNewHelp')}
        />
      </div>
    </div>
  );
}
