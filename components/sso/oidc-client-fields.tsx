'use client';

import { useFieldValue } from '@/components/shared/field-input';
import { LabelledField } from '@/components/shared/labelled-field';
import { MAX_OIDC_CLIENT_ID, MAX_OIDC_CLIENT_SECRET, MAX_SSO_URL } from '@/lib/shared/limits';

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
  const issuer = useFieldValue(initial.issuer);
  const clientId = useFieldValue(initial.clientId);
  const secret = useFieldValue('');
  return (
    <div className="grid gap-4">
      <div className="grid gap-2">
        <LabelledField
          id={`${id}-issuer`}
          label="Issuer URL"
          name="issuer"
          type="url"
          {...issuer}
          error={errors.issuer}
          code
          maxLength={MAX_SSO_URL}
          placeholder="https://login.microsoftonline.com/<tenant>/v2.0"
          help="The server reads its discovery document (/.well-known/openid-configuration) to check it."
        />
      </div>
      <div className="grid gap-2">
        <LabelledField
          id={`${id}-client-id`}
          label="Client ID"
          name="clientId"
          {...clientId}
          error={errors.clientId}
          code
          maxLength={MAX_OIDC_CLIENT_ID}
          help="The application’s (client’s) ID at your identity provider."
        />
      </div>
      <div className="grid gap-2">
        <LabelledField
          id={`${id}-client-secret`}
          label="Client secret"
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          {...secret}
          error={errors.clientSecret}
          maxLength={MAX_OIDC_CLIENT_SECRET}
          help={
            secretSet
              ? 'A secret is set. Leave this blank to keep it, or enter the new one.'
              : 'Stored encrypted and never shown again.'
          }
        />
      </div>
    </div>
  );
}
