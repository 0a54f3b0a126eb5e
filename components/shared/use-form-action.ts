'use client';
// The one way a form in the console calls its server action: `<form action={formAction}>`.

import { useActionState } from 'react';
import type { ActionError, ActionResult } from '@/app/actions/result';
import type { ErrorCode } from '@/lib/shared/errors';
import { callAction, useActionErrorText } from './call-action';

/** What a form shows after its last submit. */
export interface FormState<Values extends Record<string, string>> {
  /**
   * The fields as submitted. React resets uncontrolled fields after a form action, so an uncontrolled
   * field takes its `defaultValue` from here to keep what was typed.
   */
  values: Partial<Values>;
  /** The action's message for the whole submit. */
  error?: string;
  /** Messages for single fields, by `name`, from the action's input schema (`details.fields`). */
  fields?: Partial<Record<keyof Values, string>>;
}

interface FormActionOptions<Values extends Record<string, string>, Data> {
  /** What uncontrolled fields show before the first submit. */
  initialValues?: Partial<Values>;
  /** After the action succeeded: toast, navigate, update the form's own state. */
  onSuccess?: (data: Data) => void;
  /** After the action failed, besides the state the form shows (a toast, closing a dialog). */
  onError?: (error: ActionError) => void;
}

/**
 * Wraps a server action that takes an object for use as a form's action: the form's named fields, hidden
 * ones included, become the input (so the action must take them as text: `Values`); the result becomes
 * the state the form renders. The actions keep taking objects, so tests and other callers use them as
 * they are.
 */
export function useFormAction<Values extends Record<string, string>, Data>(
  action: (input: Values) => Promise<ActionResult<Data, ErrorCode>>,
  { initialValues = {}, onSuccess, onError }: FormActionOptions<Values, Data> = {},
) {
  const errorText = useActionErrorText();
  const [state, formAction, pending] = useActionState<FormState<Values>, FormData>(
    async (_previous, formData) => {
      const values = valuesOf<Values>(formData);
      // A call that got no answer is shown in the form like a refusal, not thrown to the error page.
      const result = await callAction(() => action(values));
      if (!result.ok) {
        const error = { ...result.error, message: errorText(result.error) };
        onError?.(error);
        return { values, error: error.message, fields: fieldMessages<Values>(error) };
      }
      onSuccess?.(result.data);
      return { values };
    },
    { values: initialValues },
  );
  return { state, formAction, pending };
}

/** The form's text fields by name (a form here has no file inputs and no repeated names). */
function valuesOf<Values extends Record<string, string>>(formData: FormData): Values {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) if (typeof value === 'string') values[name] = value;
  return values as Values;
}

function fieldMessages<Values>(error: ActionError): Partial<Record<keyof Values, string>> | undefined {
  const fields = error.details?.fields;
  if (!fields || typeof fields !== 'object') return undefined;
  const messages: Record<string, string> = {};
  for (const [name, message] of Object.entries(fields))
    if (typeof message === 'string') messages[name] = message;
  return messages as Partial<Record<keyof Values, string>>;
}
