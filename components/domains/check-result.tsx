// What the last lookup of a domain's record found, in words: the answer to Verify, and after a reload the
// last check (by Verify or by the daily re-check). Kept in one live region per domain, so the answer to
// Verify is read out once, where it stays.
import { useFormatter, useTranslations } from 'next-intl';
import type { DomainCheck } from '@/db/values';
import { cn } from '@/lib/shared/utils';

/** Each result's message (domains.check.<key>). */
const checkKeys = {
  found: 'found',
  wrong_value: 'wrongValue',
  missing: 'missing',
  unreachable: 'unreachable',
} as const satisfies Record<DomainCheck, string>;

export interface ShownCheck {
  check: DomainCheck | null;
  at: string | null;
  /** A refusal of Verify itself (the domain is another organization's now): said instead. */
  error?: string;
  /** Verify is under way. */
  checking?: boolean;
}

export function CheckResult({
  id,
  shown,
  recordName,
}: {
  id: string;
  shown: ShownCheck;
  recordName: string;
}) {
  const t = useTranslations('domains.check');
  const format = useFormatter();
  const { check, at, error, checking } = shown;
  const bad = !checking && (Boolean(error) || (check !== null && check !== 'found'));
  return (
    <div
      id={id}
      role="status"
      className={cn(
        'grid gap-0.5 text-sm [overflow-wrap:anywhere]',
        bad ? 'text-destructive' : 'text-foreground',
      )}
    >
      {checking ? (
        <p className="text-muted-foreground">{t('checking')}</p>
      ) : error ? (
        <p>{error}</p>
      ) : check ? (
        <>
          <p>{t(checkKeys[check], { name: recordName })}</p>
          {at ? (
            <p className="text-xs text-muted-foreground">
              {t('checked', { time: format.dateTime(new Date(at), 'dateTime') })}
            </p>
          ) : null}
        </>
      ) : (
        <p className="text-muted-foreground">{t('notChecked')}</p>
      )}
    </div>
  );
}
