'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/app/actions/result';
import { useFormAction } from '@/components/shared/use-form-action';
import type { ErrorCode } from '@/lib/shared/errors';
import {
  MAX_OIDC_CLIENT_ID,
  MAX_OIDC_CLIENT_SECRET,
  MAX_SSO_CONNECTION_NAME,
  MAX_SSO_URL,
} from '@/lib/shared/limits';
import { ssoInputCode, type SsoInputCode } from '@/lib/shared/sso-validation';

/** The limit each of the schemas' refusals tells (the metadata file's, 1 MB, is in its words). */
const maxOf: Record<SsoInputCode, number> = {
  nameTooLong: MAX_SSO_CONNECTION_NAME,
  metadataUrlTooLong: MAX_SSO_URL,
  metadataTooLarge: 1,
  issuerTooLong: MAX_SSO_URL,
  clientIdTooLong: MAX_OIDC_CLIENT_ID,
  clientSecretTooLong: MAX_OIDC_CLIENT_SECRET,
};

/** The field a refusal is about when its code says so: what the identity provider answered. */
const fieldOfCode: Partial<Record<ErrorCode, string>> = {
  SSO_PROVIDER_UNREACHABLE: 'issuer',
  SSO_METADATA_INVALID: 'metadata',
};

/**
 * An SSO form's action (useFormAction) and where its last refusal is said: under the field the input
 * schema named (in the reader's language when it is one of the schema's own), under the field the code
 * is about (the issuer, the metadata), else under the form.
 */
export function useSsoForm<Data>(
  action: (input: Record<string, string>) => Promise<ActionResult<Data, ErrorCode>>,
  onSuccess: (data: Data) => void,
) {
  const t = useTranslations('sso.validation');
  const [code, setCode] = useState<ErrorCode | null>(null);
  const { state, formAction, pending } = useFormAction(action, {
    onSuccess(data) {
      setCode(null);
      onSuccess(data);
    },
    onError: (error) => setCode(error.code),
  });
  const fields: Record<string, string | undefined> = {};
  for (const [name, message] of Object.entries(state.fields ?? {})) {
    const known = message ? ssoInputCode(message) : null;
    fields[name] = known ? t(known, { max: maxOf[known] }) : message;
  }
  const field = code ? fieldOfCode[code] : undefined;
  if (field && state.error) fields[field] = state.error;
  const general = Object.keys(fields).length === 0 ? state.error : undefined;
  return { formAction, pending, fields, general };
}
