import type { UserTableRow } from '../types';
import type { ChangeTarget, MatchingSelection } from '../use-bulk-selection';
import type { Translate } from '../words';

/** How many rows a confirmation names before "and N more". */
const NAMED = 5;

/** The rows a confirmation is about, the first few by name and address, in a box of their own. */
export function RowList({ rows, label, t }: { rows: UserTableRow[]; label: string; t: Translate }) {
  const shown = rows.slice(0, NAMED);
  return (
    <ul className="grid gap-1 rounded-md border bg-muted/40 p-2 text-left text-foreground" aria-label={label}>
      {shown.map((row) => (
        <li key={row.id} className="text-sm wrap-anywhere" title={row.email}>
          {row.name ? `${row.name} · ` : ''}
          {row.email}
          {row.kind === 'invitation' ? t('users.confirm.invitationSuffix') : ''}
        </li>
      ))}
      {rows.length > shown.length ? (
        <li className="text-sm text-muted-foreground">
          {t('users.confirm.more', { count: rows.length - shown.length })}
        </li>
      ) : null}
    </ul>
  );
}

/** The filter in words: `search “crew”, role Member, status Active`. */
function describeFilter({ filter }: MatchingSelection, t: Translate): string {
  const parts: string[] = [];
  if (filter.search.trim()) parts.push(t('users.confirm.filterSearch', { text: filter.search.trim() }));
  if (filter.role) parts.push(t('users.confirm.filterRole', { role: t(`common.roles.${filter.role}`) }));
  if (filter.status)
    parts.push(t('users.confirm.filterStatus', { status: t(`common.statuses.${filter.status}`) }));
  return parts.join(t('users.listSeparator'));
}

/** Every matching row, as the filter that finds them on every page. */
export function MatchingNote({
  matching,
  organizationName,
  t,
}: {
  matching: MatchingSelection;
  organizationName: string;
  t: Translate;
}) {
  const filter = describeFilter(matching, t);
  return (
    <p>
      {filter
        ? t('users.confirm.matchingFiltered', { filter })
        : t('users.confirm.matchingEveryone', { organization: organizationName })}
    </p>
  );
}

/** Picked rows as a list; every matching row as its filter. */
export function TargetList({
  target,
  label,
  organizationName,
  t,
}: {
  target: ChangeTarget;
  label: string;
  organizationName: string;
  t: Translate;
}) {
  return 'rows' in target ? (
    <RowList rows={target.rows} label={label} t={t} />
  ) : (
    <MatchingNote matching={target.matching} organizationName={organizationName} t={t} />
  );
}
