'use client';

import { useState } from 'react';
import { Loader2, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { addOidcConnectionAction, addSamlConnectionAction } from '@/app/actions/sso';
import type { ActionResult } from '@/app/actions/result';
import type { SsoProtocol } from '@/db/values';
import type { SsoConnectionView } from '@/lib/sso/view';
import { FieldHelp } from '@/components/shared/field-help';
import { useFieldValue } from '@/components/shared/field-input';
import { LabelledField } from '@/components/shared/labelled-field';
import { Button } from '@/components/ui/button';
import { MAX_SSO_CONNECTION_NAME } from '@/lib/shared/limits';
import { MetadataFields } from './metadata-fields';
import { OidcClientFields } from './oidc-client-fields';
import { protocolLabels } from './types';
import { useSsoForm } from './use-sso-form';

/** The name field's examples: identity providers' names, the same in every language. */
const EXAMPLE_NAMES = { saml: 'Okta', oidc: 'Entra ID' } as const;

/**
 * `Add connection`: its name, then SAML (metadata by URL or file) or OpenID Connect (issuer, client id and
 * secret). A refusal is said under the field it is about, or under the form, which keeps what was typed;
 * once added, the new connection takes the focus and shows what to paste into the identity provider.
 */
export function AddConnection({
  organizationId,
  full,
  onAdded,
}: {
  organizationId: string;
  /** The organization has as many connections as it may: the form says so. */
  full: string | null;
  onAdded: (connection: { id: string; name: string }) => void;
}) {
  const t = useTranslations('sso.add');
  const [protocol, setProtocol] = useState<SsoProtocol>('saml');
  return (
    <div className="grid gap-4">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t('protocol')}</legend>
        <div className="flex flex-wrap gap-4">
          {(['saml', 'oidc'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="sso-protocol"
                value={value}
                checked={protocol === value}
                onChange={() => setProtocol(value)}
              />
              {protocolLabels[value]}
            </label>
          ))}
        </div>
      </fieldset>
      {/* Keyed by protocol: switching starts the other form afresh. */}
      <AddForm
        key={protocol}
        protocol={protocol}
        organizationId={organizationId}
        full={full}
        onAdded={onAdded}
      />
    </div>
  );
}

function AddForm({
  protocol,
  organizationId,
  full,
  onAdded,
}: {
  protocol: SsoProtocol;
  organizationId: string;
  full: string | null;
  onAdded: (connection: { id: string; name: string }) => void;
}) {
  const t = useTranslations('sso.add');
  const name = useFieldValue('');
  // The form's named fields are the action's input, as text; the SAML form leaves out the metadata URL
  // once a file is chosen (the action takes either), which the form's type cannot say.
  const action = (protocol === 'saml' ? addSamlConnectionAction : addOidcConnectionAction) as unknown as (
    input: Record<string, string>,
  ) => Promise<ActionResult<SsoConnectionView>>;
  const [formKey, setFormKey] = useState(0);
  const { formAction, pending, fields, general } = useSsoForm(action, (added) => {
    name.onValue('');
    setFormKey((key) => key + 1);
    toast.success(t('added', { name: added.name }));
    onAdded(added);
  });
  return (
    <form
      key={formKey}
      action={formAction}
      onSubmit={(event) => {
        if (pending || full) event.preventDefault();
      }}
      className="grid gap-4"
    >
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="grid gap-2">
        <LabelledField
          id="sso-new-name"
          label={t('name')}
          name="name"
          {...name}
          error={fields.name}
          maxLength={MAX_SSO_CONNECTION_NAME}
          placeholder={EXAMPLE_NAMES[protocol]}
          help={t('nameHelp')}
        />
      </div>
      {protocol === 'saml' ? (
        <MetadataFields id="sso-new-metadata" errors={fields} urlHelp={t('urlHelp')} />
      ) : (
        <OidcClientFields id="sso-new-oidc" errors={fields} secretSet={false} />
      )}
      {general || full ? (
        <FieldHelp id="sso-new-error" error={general ?? full}>
          {null}
        </FieldHelp>
      ) : null}
      <Button type="submit" disabled={full !== null} aria-disabled={pending || undefined} className="w-fit">
        {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Plus aria-hidden="true" />}
        {t('submit')}
      </Button>
    </form>
  );
}
