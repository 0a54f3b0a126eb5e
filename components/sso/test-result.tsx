// What the last Test connection found: passed or failed (why, in Activity's words, and the provider's own
// detail), when, and what the provider sent, mapped: the address, name and subject we read, and every
// attribute or claim in a compact table. One live region per connection, read out when a test returns.
import { isSsoRefusal } from '@/db/values';
import { formatDateTime } from '@/lib/shared/format';
import { ssoRefusalReasons } from '@/lib/shared/sso-refusals';
import { cn } from '@/lib/shared/utils';
import type { ConnectionRow } from './types';

export function TestResult({ id, connection }: { id: string; connection: ConnectionRow }) {
  const test = connection.lastTest;
  if (!test || !connection.lastTestedAt)
    return (
      <p id={id} role="status" className="text-sm text-muted-foreground">
        Not tested yet. Test connection signs you in at the identity provider and shows what it sends, without
        signing anyone in here.
      </p>
    );
  const outdated = test.ok && !connection.testPassedAt;
  const attributes = Object.entries(test.attributes ?? {});
  return (
    <div id={id} role="status" className="grid min-w-0 gap-2 text-sm">
      <p className={cn('font-medium', test.ok && !outdated ? 'text-success' : 'text-destructive')}>
        {outdated
          ? 'Passed before its settings changed: test it again.'
          : test.ok
            ? 'Test passed.'
            : `Test failed: ${isSsoRefusal(test.refusal) ? ssoRefusalReasons[test.refusal] : 'the answer could not be checked'}.`}
      </p>
      {!test.ok && test.detail ? (
        <p className="[overflow-wrap:anywhere] text-muted-foreground">The provider’s answer: {test.detail}</p>
      ) : null}
      <p className="text-xs text-muted-foreground">Tested {formatDateTime(connection.lastTestedAt)}</p>
      {test.subject || test.email ? (
        <dl className="grid gap-1 sm:grid-cols-[8rem_minmax(0,1fr)]">
          <dt className="text-muted-foreground">Address</dt>
          <dd className="[overflow-wrap:anywhere]">{test.email || 'none sent'}</dd>
          <dt className="text-muted-foreground">Name</dt>
          <dd className="[overflow-wrap:anywhere]">{test.name || 'none sent'}</dd>
          <dt className="text-muted-foreground">Subject</dt>
          <dd className="font-mono text-xs [overflow-wrap:anywhere]">{test.subject}</dd>
        </dl>
      ) : null}
      {attributes.length > 0 ? (
        <table className="w-full table-fixed border-collapse text-xs">
          <caption className="sr-only">What the identity provider sent</caption>
          <thead>
            <tr className="border-b text-left text-muted-foreground">
              <th scope="col" className="w-2/5 py-1 pr-2 font-medium">
                Attribute
              </th>
              <th scope="col" className="py-1 font-medium">
                Value
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
