import { roleLabels } from '@/lib/shared/roles';
import { statusLabels } from '@/lib/shared/user-table';
import type { UserTableRow } from '../types';
import type { ChangeTarget, MatchingSelection } from '../use-bulk-selection';

/** How many rows a confirmation names before "and N more". */
const NAMED = 5;

/** The rows a confirmation is about, the first few by name and address, in a box of their own. */
export function RowList({ rows, label }: { rows: UserTableRow[]; label: string }) {
  const shown = rows.slice(0, NAMED);
  return (
    <ul className="grid gap-1 rounded-md border bg-muted/40 p-2 text-left text-foreground" aria-label={label}>
      {shown.map((row) => (
        <li key={row.id} className="text-sm wrap-anywhere" title={row.email}>
          {row.name ? `${row.name} · ` : ''}
          {row.email}
          {row.kind === 'invitation' ? ' (invitation)' : ''}
        </li>
      ))}
      {rows.length > shown.length ? (
        <li className="text-sm text-muted-foreground">and {rows.length - shown.length} more</li>
      ) : null}
    </ul>
  );
}

/** The filter in words: `search “crew”, role Member, status Active`. */
function describeFilter({ filter }: MatchingSelection): string {
  const parts: string[] = [];
  if (filter.search.trim()) parts.push(`search “${filter.search.trim()}”`);
  if (filter.role) parts.push(`role ${roleLabels[filter.role]}`);
  if (filter.status) parts.push(`status ${statusLabels[filter.status]}`);
  return parts.join(', ');
}

/** Every matching row, as the filter that finds them on every page. */
export function MatchingNote({
  matching,
  organizationName,
}: {
  matching: MatchingSelection;
  organizationName: string;
}) {
  const filter = describeFilter(matching);
  return (
    <p>
      {filter
        ? `Every user matching your filters (${filter}), on every page.`
        : `Everyone in ${organizationName}: every user and invitation, on every page.`}
    </p>
  );
}

/** Picked rows as a list; every matching row as its filter. */
export function TargetList({
  target,
  label,
  organizationName,
}: {
  target: ChangeTarget;
  label: string;
  organizationName: string;
}) {
  return 'rows' in target ? (
    <RowList rows={target.rows} label={label} />
  ) : (
    <MatchingNote matching={target.matching} organizationName={organizationName} />
  );
}
