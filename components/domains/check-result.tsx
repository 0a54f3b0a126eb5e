// What the last lookup of a domain's record found, in words: the answer to Verify, and after a reload the
// last check (by Verify or by the daily re-check). Kept in one live region per domain, so the answer to
// Verify is read out once, where it stays.
import type { DomainCheck } from '@/db/values';
import { formatDateTime } from '@/lib/shared/format';
import { cn } from '@/lib/shared/utils';

function checkSentence(check: DomainCheck, recordName: string): string {
  switch (check) {
    case 'found':
      return 'Verified: the record is there.';
    case 'wrong_value':
      return `The value doesn't match: a TXT record is published at ${recordName}, but not with the value above. Replace its value with the one above, then Verify again.`;
    case 'missing':
      return `Record not found: there is no TXT record at ${recordName}. A record published moments ago may take a few minutes to be served; Verify again then.`;
    case 'unreachable':
      return 'Could not check the DNS now: its servers did not answer. Nothing changed; try again in a few minutes.';
  }
}

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
        <p className="text-muted-foreground">Looking the record up…</p>
      ) : error ? (
        <p>{error}</p>
      ) : check ? (
        <>
          <p>{checkSentence(check, recordName)}</p>
          {at ? <p className="text-xs text-muted-foreground">Checked {formatDateTime(at)}</p> : null}
        </>
      ) : (
        <p className="text-muted-foreground">Not checked yet.</p>
      )}
    </div>
  );
}
