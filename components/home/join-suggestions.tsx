'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Clock, Loader2, UserPlus } from 'lucide-react';
import { toast } from 'sonner';
import { askToJoinAction, withdrawJoinRequestAction } from '@/app/actions/join-requests';
import { callAction } from '@/components/shared/call-action';
import { OrganizationMark } from '@/components/shared/organization-mark';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

export interface JoinSuggestionView {
  organizationId: string;
  name: string;
  domain: string;
  requested: boolean;
}

/** One organization the person may ask to join: `Ask to join`, or `Requested` with `Withdraw request`. */
function Suggestion({ suggestion }: { suggestion: JoinSuggestionView }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { organizationId, name, requested } = suggestion;

  function run(kind: 'ask' | 'withdraw') {
    startTransition(async () => {
      const result = await callAction<unknown>(() =>
        kind === 'ask' ? askToJoinAction({ organizationId }) : withdrawJoinRequestAction({ organizationId }),
      );
      if (!result.ok) {
        toast.error(result.error.message);
        router.refresh();
        return;
      }
      toast.success(
        kind === 'ask'
          ? `You asked to join ${name}. An Owner or Admin will answer.`
          : `You withdrew your request to join ${name}.`,
      );
      router.refresh();
    });
  }

  return (
    <li className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:px-6">
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <OrganizationMark name={name} />
        <div className="grid min-w-0 flex-1 gap-1">
          <div className="line-clamp-2 font-medium [overflow-wrap:anywhere]" title={name}>
            {name}
          </div>
          <p className="text-sm [overflow-wrap:anywhere] text-muted-foreground">
            {requested
              ? 'Your request was sent. You will see the organization here once an Owner or Admin approves it.'
              : `For people with an address at ${suggestion.domain}.`}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 pl-12 sm:shrink-0 sm:pl-0">
        {requested ? (
          <>
            <span className="badge" data-tone="pending">
              <Clock className="mr-1 size-3" aria-hidden="true" />
              Requested
            </span>
            <Button
              variant="ghost"
              size="sm"
              disabled={pending}
              aria-label={`Withdraw request to join ${name}`}
              onClick={() => run('withdraw')}
            >
              {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
              Withdraw request
            </Button>
          </>
        ) : (
          <Button size="sm" disabled={pending} aria-label={`Ask to join ${name}`} onClick={() => run('ask')}>
            {pending ? (
              <Loader2 className="animate-spin" aria-hidden="true" />
            ) : (
              <UserPlus aria-hidden="true" />
            )}
            Ask to join
          </Button>
        )}
      </div>
    </li>
  );
}

/**
 * The organizations the person may join through their address's verified domain (DESIGN §10), on the
 * home page; nothing when there are none.
 */
export function JoinSuggestions({ suggestions }: { suggestions: JoinSuggestionView[] }) {
  if (suggestions.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Join your team</h2>
        </CardTitle>
        <CardDescription>Your email address belongs to an organization already on AI Hub.</CardDescription>
      </CardHeader>
      <CardContent className="border-t p-0">
        <ul className="divide-y" aria-label="Organizations you can join">
          {suggestions.map((suggestion) => (
            <Suggestion key={suggestion.organizationId} suggestion={suggestion} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
