// The one way a server action is made, and the one place that turns errors into its result. An action
// is its input schema (callers pass `z.input` of it, so the compiler checks every call site), the error
// codes it may answer with (from the one table, lib/shared/errors.ts), and its body; `defineAction` adds the
// signed-in person, `definePublicAction` none (the invitation link is the proof).
import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { PersonActor } from '@/lib/shared/actor';
import { DomainError, type ErrorCode } from '@/lib/shared/errors';
import { translatorFor } from '@/lib/i18n/translator';
import { getActor } from '@/app/_lib/session';
import { domainErrorText, errorText, localizedDetails } from '@/app/_lib/error-text';
import { requestLocale } from '@/app/_lib/i18n-request';
import { validationTextIn } from '@/app/_lib/validation-text';

export type ActionError<E extends ErrorCode = ErrorCode> = {
  code: E;
  message: string;
  details?: Record<string, unknown>;
};
export type ActionResult<T, E extends ErrorCode = ErrorCode> =
  { ok: true; data: T } | { ok: false; error: ActionError<E> };

/** What every action may answer besides its own codes: input it cannot read, and a failure of ours. */
type Always = 'INVALID_INPUT' | 'INTERNAL';

/** A server action: typed input, its result, and the codes it may fail with (`errors`, for docs and tests). */
export type ServerAction<S extends z.ZodType, T, E extends ErrorCode> = ((
  input: z.input<S>,
) => Promise<ActionResult<T, E | Always>>) & { readonly errors: readonly (E | Always)[] };

/** The result of a refusal; `message` is in the request's language (app/_lib/error-text.ts). */
async function failure<E extends ErrorCode>(
  code: E,
  message?: string | Promise<string>,
  details?: Record<string, unknown>,
): Promise<{ ok: false; error: ActionError<E> }> {
  const text = (await message) ?? (await errorText(code));
  return { ok: false, error: details ? { code, message: text, details } : { code, message: text } };
}

/** A key the input lacks altogether: what a union's branch reports when the input did not take it. */
const missing = (issue: z.core.$ZodIssue) =>
  issue.code === 'invalid_type' && issue.path.length <= 1 && issue.message.endsWith('received undefined');

/** The value itself is of another type than the branch takes (a text where a number is): not what was meant. */
const otherType = (issue: z.core.$ZodIssue) => issue.code === 'invalid_type' && issue.path.length === 0;

/**
 * The issues to tell a person. A union (ids or matching) that failed reports each branch's issues:
 * those of the branch the input meant are told: one that takes the value's type, then the one that
 * lacks the fewest of its keys. Never zod's bare "Invalid input" when a branch has something to say.
 */
function told(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    // No branch takes the value's type: the union's own message says what is expected.
    if (issue.errors.every((branch) => branch.every(otherType))) return [issue];
    const meant = [...issue.errors].sort(
      (a, b) =>
        a.filter(otherType).length - b.filter(otherType).length ||
        a.filter(missing).length - b.filter(missing).length ||
        a.length - b.length,
    )[0];
    return told(meant.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
}

/**
 * `input` parsed by `schema`, or INVALID_INPUT with a message per field, each (and the sentence around
 * the first) in the request's language.
 */
async function parse<S extends z.ZodType>(schema: S, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  const locale = await requestLocale();
  const fields: Record<string, string> = {};
  for (const issue of told(parsed.error.issues))
    fields[issue.path.join('.') || 'input'] ??= validationTextIn(locale, issue.message);
  const first = Object.values(fields)[0];
  const t = translatorFor(locale, 'errors');
  return {
    refused: await failure(
      'INVALID_INPUT',
      first ? t('invalidInput', { detail: first }) : t('codes.INVALID_INPUT'),
      { fields },
    ),
  };
}

/**
 * Runs `body`, a DomainError becoming the result's error. A code the action does not declare is a
 * defect of its declaration: under test it fails loudly, so the lists stay true; elsewhere it is
 * answered as it is.
 */
async function settle<T, E extends ErrorCode>(
  declared: readonly ErrorCode[],
  body: () => Promise<T>,
): Promise<ActionResult<T, E | Always>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof DomainError) {
      if (process.env.VITEST && !declared.includes(error.code))
        throw new Error(`An action answered ${error.code}, which it does not declare in its errors.`);
      return failure(error.code as E, domainErrorText(error), await localizedDetails(error.details));
    }
    // Next's redirect() and notFound() are errors too: let them through.
    if (error && typeof error === 'object' && 'digest' in error && String(error.digest).startsWith('NEXT_')) {
      throw error;
    }
    console.error('[action] unexpected error', error);
    return failure('INTERNAL');
  }
}

const always: Always[] = ['INVALID_INPUT', 'INTERNAL'];

/** A page (or a layout and every page under it) whose cached render a change makes stale. */
export type Revalidation = string | readonly [path: string, type: 'page' | 'layout'];

/** Marks what `revalidate` names as stale, after a change went through. */
function revalidateAll(revalidate: readonly Revalidation[] = []) {
  for (const target of revalidate)
    if (typeof target === 'string') revalidatePath(target);
    else revalidatePath(target[0], target[1]);
}

/** An action of the signed-in person: UNAUTHENTICATED when there is none. */
export function defineAction<S extends z.ZodType, T, const E extends ErrorCode>(definition: {
  input: S;
  errors: readonly E[];
  run: (actor: PersonActor, data: z.output<S>) => Promise<T>;
  /** The pages the change makes stale, revalidated once it went through. */
  revalidate?: readonly Revalidation[];
}): ServerAction<S, T, E | 'UNAUTHENTICATED'> {
  const errors = [...always, 'UNAUTHENTICATED' as const, ...definition.errors];
  const action = async (input: z.input<S>) => {
    const actor = await getActor();
    if (!actor) return failure('UNAUTHENTICATED');
    const { data, refused } = await parse(definition.input, input);
    if (refused) return refused;
    return settle<T, E>(errors, async () => {
      // The request's language goes with the person, for the emails their change causes (lib/email/locale.ts).
      const locale = await requestLocale();
      const result = await definition.run({ ...actor, locale }, data);
      revalidateAll(definition.revalidate);
      return result;
    });
  };
  return Object.assign(action, { errors });
}

/** An action anyone may call (whoever holds an invitation link). */
export function definePublicAction<S extends z.ZodType, T, const E extends ErrorCode>(definition: {
  input: S;
  errors: readonly E[];
  run: (data: z.output<S>) => Promise<T>;
  revalidate?: readonly Revalidation[];
}): ServerAction<S, T, E> {
  const errors = [...always, ...definition.errors];
  const action = async (input: z.input<S>) => {
    const { data, refused } = await parse(definition.input, input);
    if (refused) return refused;
    return settle<T, E>(errors, async () => {
      const result = await definition.run(data);
      revalidateAll(definition.revalidate);
      return result;
    });
  };
  return Object.assign(action, { errors });
}
