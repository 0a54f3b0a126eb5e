'use client';

import { Check, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import type { JoinRequestRow } from './types';
import { useUsersActions } from './users-actions';
import { dateText, dateTimeText, useWords } from './words';

/**
 * The pending requests to join through a verified domain (DESIGN §10), above the table: who asked,
 * through which domain and when, with Approve (they join as Member, taking a seat) and Decline. Shown
 * only while some are pending. The changes go through the page's one way to run a change.
 */
export function JoinRequests({ requests, pending }: { requests: JoinRequestRow[]; pending: number }) {
  const { request, pending: running } = useUsersActions();
  const words = useWords();
  const t = useTranslations('users.joinRequests');
  if (pending === 0) return null;
  return (
    <section aria-labelledby="join-requests-heading" className="rounded-lg border bg-card">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 border-b px-4 py-3">
        <h2 id="join-requests-heading" className="font-semibold">
          {t('heading')} <span className="text-muted-foreground">{words.format.number(pending)}</span>
        </h2>
        <p className="text-sm text-muted-foreground">{t('intro', { count: pending })}</p>
      </div>
      <ul className="divide-y" aria-label={t('listLabel')}>
        {requests.map((row) => (
          <li
            key={row.id}
            data-request-email={row.email}
            className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center"
          >
            <div className="grid min-w-0 flex-1 gap-0.5 text-sm">
              <span className="font-medium [overflow-wrap:anywhere]">
                {row.name || row.email.split('@')[0]}
              </span>
              <span className="[overflow-wrap:anywhere] text-muted-foreground">{row.email}</span>
              <span className="text-xs text-muted-foreground" title={dateTimeText(words, row.createdAt)}>
                {t.rich('asked', {
                  date: dateText(words, row.createdAt),
                  domain: row.domain,
                  domainName: (chunks) => <span className="[overflow-wrap:anywhere]">{chunks}</span>,
                })}
              </span>
            </div>
            <div className="flex shrink-0 gap-2">
              <Button
                size="sm"
                disabled={running}
                aria-label={t('approveLabel', { email: row.email })}
                onClick={(event) => request({ kind: 'approve', request: row }, event.currentTarget)}
              >
                <Check aria-hidden="true" />
                {t('approve')}
              </Button>
              <Button
                size="sm"
                variant="outline"
                disabled={running}
                aria-label={t('declineLabel', { email: row.email })}
                onClick={(event) => request({ kind: 'decline', request: row }, event.currentTarget)}
              >
                <X aria-hidden="true" />
                {t('decline')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {pending > requests.length ? (
        <p className="border-t px-4 py-2 text-xs text-muted-foreground">
          {t('showingOldest', { count: requests.length })}
        </p>
      ) : null}
    </section>
  );
}
