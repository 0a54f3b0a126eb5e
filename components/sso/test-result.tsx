// What the last Test connection found: passed or failed (why, in Activity's words, and the provider's own
// detail), when, and what the provider sent, mapped: the address, name and subject we read, and every
// attribute or claim in a compact table. One live region per connection, read out when a test returns.
import { useFormatter, useTranslations } from 'next-intl';
import { isSsoRefusal } from '@/db/values';
import { ssoRefusalReason } from '@/lib/shared/sso-sentences';
import { cn } from '@/lib/shared/utils';
import type { ConnectionRow } from './types';

export function TestResult({ id, connection }: { id: string; connection: ConnectionRow }) {
  const t = useTranslations('sso.testResult');
  const translate = useTranslations();
  const format = useFormatter();
  const test = connection.lastTest;
  if (!test || !connection.lastTestedAt)
    return (
      <p id={id} role="status" className="text-sm text-muted-foreground">
        {t('notTested')}
      </p>
    );
  const outdated = test.ok && !connection.testPassedAt;
  const attributes = Object.entries(test.attributes ?? {});
  return (
    <div id={id} role="status" className="grid min-w-0 gap-2 text-sm">
      <p className={cn('font-medium', test.ok && !outdated ? 'text-success' : 'text-destructive')}>
        {outdated
          ? t('outdated')
          : test.ok
            ? t('passed')
            : t('failed', {
                reason: isSsoRefusal(test.refusal)
                  ? ssoRefusalReason(test.refusal, translate)
                  : t('unchecked'),
              })}
      </p>
      {!test.ok && test.detail ? (
        <p className="[overflow-wrap:anywhere] text-muted-foreground">
          {t('detail', { detail: test.detail })}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">
        {t('tested', { time: format.dateTime(new Date(connection.lastTestedAt), 'dateTime') })}
      </p>
      {test.subject || test.email ? (
        <dl className="grid gap-1 sm:grid-cols-[8rem_minmax(0,1fr)]">
          <dt className="text-muted-foreground">{t('address')}</dt>
          <dd className="[overflow-wrap:anywhere]">{test.email || t('noneSent')}</dd>
          <dt className="text-muted-foreground">{t('name')}</dt>
          <dd className="[overflow-wrap:anywhere]">{test.name || t('noneSent')}</dd>
          <dt className="text-muted-foreground">{t('subject')}</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere]">{test.subject}</dd>
        </dl>
      ) : null}
      {attributes.length > 0 ? (
        <table className="w-full table-fixed border-collapse text-xs">
          <caption className="sr-only">{t('caption')}</caption>
          <thead>
            <tr className="border-b text-left text-muted-foreground">
              <th scope="col" className="w-2/5 py-1 pr-2 font-medium">
                {t('attribute')}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t('value')}
              </th>
            </tr>
          </thead>
          <tbody>
            {attributes.map(([name, values]) => (
              <tr key={name} className="border-b align-top last:border-0">
                <th
                  scope="row"
                  className="py-1 pr-2 text-left font-mono font-normal [overflow-wrap:anywhere]"
                >
                  {name}
                </th>
                <td className="py-1 font-mono [overflow-wrap:anywhere]">{values.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
