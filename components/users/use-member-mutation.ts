'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import type { ActionError } from '@/app/actions/result';
import { isUnanswered, useCallAction } from '@/components/shared/call-action';
import { keepFocusOnPage } from '@/components/shared/focus-on-page';
import type { RefusedTarget } from '@/lib/shared/errors';
import { noticeQuery } from '@/lib/shared/notices';
import { perform, type MemberChange, type Outcome } from './member-changes';
import type { UsersOrganization } from './types';
import type { BulkSelection } from './use-bulk-selection';
import { listText, useWords, type Words } from './words';

/** "Refused: a@x.com, b@x.com, c@x.com and 4 more" under a bulk refusal that names several rows. */
function refusedRows(words: Words, error: ActionError): string | undefined {
  const refused = (error.details?.refused as RefusedTarget[] | undefined) ?? [];
  const named = refused.filter((row) => row.email).map((row) => row.email);
  if (named.length < 2) return undefined;
  const names = listText(words, named.slice(0, 3));
  return named.length > 3
    ? words.t('users.changes.refusedMore', { names, count: named.length - 3 })
    : words.t('users.changes.refused', { names });
}

/**
 * The users page's one way to run a change (./member-changes.ts), whatever it is and whomever it is for,
 * with one policy. While it runs, `pending`. When it went through: its toast; a change aimed at rows
 * ends the selection (those rows changed or left) and keeps the focus on the page when its control goes
 * with them; a viewer who removed themselves or lost console access leaves the console. When refused:
 * an error toast that says why; SELECTION_CHANGED also ends the selection and shows the list as it is
 * now. A call that got no answer is a refusal too (UNREACHABLE or NO_ANSWER), toasted like one unless
 * the dialog that asked says it (`inline`). `run`
 * resolves to the refusal (null when it went through), for the dialog that asked.
 */
export function useMemberMutation({
  organization,
  selection,
}: {
  organization: UsersOrganization;
  selection: BulkSelection;
}) {
  const router = useRouter();
  const words = useWords();
  const [pending, startTransition] = useTransition();
  const call = useCallAction();

  function succeeded(change: MemberChange, { toast: shown, leave }: Outcome) {
    toast[shown.type](shown.message, shown.description ? { description: shown.description } : undefined);
    if ('target' in change) {
      selection.clear();
      // The refreshed rows may leave nothing to focus in the table: then the focus goes to the heading.
      keepFocusOnPage();
    }
    // After leaving, the home page can no longer verify the organization: only lost-access names it.
    if (leave)
      router.push(`/?${noticeQuery(leave, leave === 'lost-access' ? organization.slug : undefined)}`);
  }

  function refused(error: ActionError, inline: boolean) {
    // A dialog that stays open says a call that got no answer itself, where the person is looking.
    if (!(inline && isUnanswered(error)))
      toast.error(error.message, { description: refusedRows(words, error) });
    if (error.code === 'SELECTION_CHANGED') {
      selection.clear();
      router.refresh();
    }
    // Another admin answered the request meanwhile: show the requests as they are now.
    if (error.code === 'JOIN_REQUEST_DECIDED') router.refresh();
  }

  /** `inline`: the dialog that asked shows a call that got no answer (use-users-dialogs.ts closesOnRefusal). */
  function run(change: MemberChange, { inline = false } = {}): Promise<ActionError | null> {
    return new Promise((resolve) => {
      startTransition(async () => {
        // A call that got no answer (connection, server) comes back as an error, never a thrown one:
        // thrown inside the transition it would replace the page with the error page.
        const result = await call(() => perform(organization.id, change, words.t));
        if (result.ok) succeeded(change, result.data);
        else refused(result.error, inline);
        resolve(result.ok ? null : result.error);
      });
    });
  }

  return { pending, run };
}

export type MemberMutation = ReturnType<typeof useMemberMutation>;
