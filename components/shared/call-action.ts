// A server action called from the browser answers with its result, refusals included; but when no
// answer comes at all, the call's promise rejects: Next rethrows fetch's TypeError when the request
// could not be sent (a lost connection), and throws an Error when the answer was not the action's (a
// 500 from the server or a proxy). Left unhandled inside a transition, React hands that rejection to the
// nearest error boundary and the whole page becomes "This page could not be loaded". `callAction` turns
// it into a result like any refusal, so the dialog that asked keeps its input and says what happened.
// Its message is English (what the console's warning says); `useActionErrorText` says it in the
// person's language, as the server already did for every other refusal.
import { useCallback } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionError, ActionResult } from '@/app/actions/result';
import { errorMessages } from '@/lib/shared/errors';

/** Whether the browser says it is offline (navigator.onLine is false only when it knows). */
function offline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * What a call that got no answer means to the person: the connection (fetch rejects with a TypeError
 * when nothing came back) or the server (any other failure, such as an answer that was not the action's).
 */
export function unanswered(error: unknown): ActionError<'UNREACHABLE' | 'NO_ANSWER'> {
  const code = offline() || error instanceof TypeError ? 'UNREACHABLE' : 'NO_ANSWER';
  return { code, message: errorMessages[code] };
}

/** Whether `error` is one of `unanswered`'s: the call never got a result, so nothing says it was refused. */
export function isUnanswered(error: ActionError): boolean {
  return error.code === 'UNREACHABLE' || error.code === 'NO_ANSWER';
}

/**
 * What to show for an action's error, in the person's language: the server's message (already
 * translated), or, for a call that got no answer, the browser's own sentence from the catalogs.
 */
export function useActionErrorText(): (error: ActionError) => string {
  const t = useTranslations('errors');
  return useCallback(
    (error: ActionError) => (isUnanswered(error) ? t(`codes.${error.code}`) : error.message),
    [t],
  );
}

/**
 * Runs `call` (a server action's call); a call that got no answer resolves to `unanswered`'s error. The
 * rejection itself is logged as a warning, so that a developer (or a support session) reading the
 * console sees what the person was told in plain words.
 */
export async function callAction<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch (error) {
    const answer = unanswered(error);
    console.warn(`[action] ${answer.code}: the call got no answer`, error);
    return { ok: false, error: answer };
  }
}

/**
 * `callAction` for a component: a refusal's message is the server's (already in the person's language)
 * and a call that got no answer says so in that language too, so whatever the component shows of
 * `result.error.message` is what the person should read.
 */
export function useCallAction(): <T>(call: () => Promise<ActionResult<T>>) => Promise<ActionResult<T>> {
  const errorText = useActionErrorText();
  return useCallback(
    async <T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
      const result = await callAction(call);
      return result.ok ? result : { ok: false, error: { ...result.error, message: errorText(result.error) } };
    },
    [errorText],
  );
}
