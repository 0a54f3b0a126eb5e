'use client';

import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { Clock, Loader2, UserPlus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { askToJoinAction, withdrawJoinRequestAction } from '@/app/actions/join-requests';
import { useCallAction } from '@/components/shared/call-action';
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
  const t = useTranslations('home.join');
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const { organizationId, name, requested } = suggestion;

  function run(kind: 'ask' | 'withdraw') {
    startTransition(async () => {
      const result = await call<unknown>(() =>
        kind === 'ask' ? askToJoinAction({ organizationId }) : withdrawJoinRequestAction({ organizationId }),
      );
      if (!result.ok) {
        toast.error(result.error.message);
        router.refresh();
        return;
      }
      toast.success(kind === 'ask' ? t('asked', { name }) : t('withdrew', { name }));
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
            {requested ? t('sent') : t('forDomain', { domain: suggestion.domain })}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 pl-12 sm:shrink-0 sm:pl-0">
        {requested ? (
          <>
            <span className="badge" data-tone="pending">
              <Clock className="mr-1 size-3" aria-hidden="true" />
              {t('requested')}
            </span>
            <Button
              variant="ghost"
              size="sm"
              disabled={pending}
              aria-label={t('withdrawLabel', { name })}
              onClick={() => run('withdraw')}
            >
              {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
              {t('withdraw')}
            </Button>
          </>
        ) : (
          <Button
            size="sm"
            disabled={pending}
            aria-label={t('askLabel', { name })}
            onClick={() => run('ask')}
          >
            {pending ? (
              <Loader2 className="animate-spin" aria-hidden="true" />
            ) : (
              <UserPlus aria-hidden="true" />
            )}
            {t('ask')}
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
  const t = useTranslations('home.join');
  if (suggestions.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t('title')}</h2>
        </CardTitle>
        <CardDescription>{t('description')}</CardDescription>
      </CardHeader>
      <CardContent className="border-t p-0">
        <ul className="divide-y" aria-label={t('listLabel')}>
          {suggestions.map((suggestion) => (
            <Suggestion key={suggestion.organizationId} suggestion={suggestion} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
