'use client';

import { useState } from 'react';
import type { ActionResult } from '@/app/actions/result';
import { useFormAction } from '@/components/shared/use-form-action';
import type { ErrorCode } from '@/lib/shared/errors';

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
  const [code, setCode] = useState<ErrorCode | null>(null);
  const { state, formAction, pending } = useFormAction(action, {
    onSuccess(data) {
      setCode(null);
      onSuccess(data);
    },
    onError: (error) => setCode(error.code),
  });
  const fields: Record<string, string | undefined> = {};
  // Each field's refusal as the action said it, in the reader's language.
  for (const [name, message] of Object.entries(state.fields ?? {})) fields[name] = message;
  const field = code ? fieldOfCode[code] : undefined;
  if (field && state.error) fields[field] = state.error;
  const general = Object.keys(fields).length === 0 ? state.error : undefined;
  return { formAction, pending, fields, general };
}
