// The result shape of every server action, and the one place that turns errors into it.
import 'server-only';
import type { z } from 'zod';
import type { PersonActor } from '@/lib/actor';
import { DomainError, errorMessages, type ErrorCode } from '@/lib/errors';
import { getActor } from '@/app/_lib/session';

export type ActionError = { code: ErrorCode; message: string; details?: Record<string, unknown> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

function failure(
  code: ErrorCode,
  message: string = errorMessages[code],
  details?: Record<string, unknown>,
): ActionResult<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

/** Validates the input, turns errors into results; no actor needed (the invitation link is the proof). */
export async function run<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  body: (data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'input'] ??= issue.message;
    const first = Object.values(fields)[0];
    return failure(
      'INVALID_INPUT',
      first ? `${errorMessages.INVALID_INPUT} ${first}` : errorMessages.INVALID_INPUT,
      { fields },
    );
  }
  try {
    return { ok: true, data: await body(parsed.data) };
  } catch (error) {
    if (error instanceof DomainError) return failure(error.code, error.message, error.details);
    // Next's redirect() and notFound() are errors too: let them through.
    if (error && typeof error === 'object' && 'digest' in error && String(error.digest).startsWith('NEXT_')) {
      throw error;
    }
    console.error('[action] unexpected error', error);
    return failure('INTERNAL');
  }
}

/** Like `run`, for the signed-in person: UNAUTHENTICATED when there is none. */
export async function runAsActor<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  body: (actor: PersonActor, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const actor = await getActor();
  if (!actor) return failure('UNAUTHENTICATED');
  return run(schema, input, (data) => body(actor, data));
}
