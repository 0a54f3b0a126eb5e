import { RoleBadge } from '@/components/shared/role-badge';
import { expiryText, invitationDetails, rowFacts } from './format';
import { RowActions } from './row-actions';
import { RowCheckbox } from './row-checkbox';
import { StatusBadge } from './status-badge';
import type { UserTableRow } from './types';
import { dateText, dateTimeText, useWords, type Words } from './words';

/**
 * The `More options` trigger as the server sends it: a short button (its look, dots included, in
 * app/globals.css) in place of the menu's component tree, which mounts right after hydration, before the
 * button can do anything (and at once on client-side navigation). A page repeats it per row.
 */
function MenuPlaceholder({ label }: { label: string }) {
  return <button type="button" className="ut-more" aria-label={label} aria-haspopup="menu"></button>;
}

/** The status badge's title: why an email did not arrive, what a declined row asks, or the link's expiry. */
function statusTitle(row: UserTableRow, words: Words) {
  const { t } = words;
  if (row.status === 'not_delivered') {
    const reason = row.deliveryError;
    if (row.delivery === 'bounced')
      return reason ? t('users.row.bouncedBecause', { reason }) : t('users.row.bounced');
    if (row.delivery === 'complained') return t('users.row.complained');
    return reason ? t('users.row.notDeliveredBecause', { reason }) : t('users.row.notDelivered');
  }
  if (row.status === 'declined') return t('users.row.declined');
  if (!row.expiresAt) return undefined;
  return expiryText(words, row.status, row.expiresAt);
}

/** The role, and the directory group it comes from when a mapping gives it: "Admin · from Engineering Leads". */
function RoleCell({ row, t }: { row: UserTableRow; t: Words['t'] }) {
  if (!row.roleGroup) return <RoleBadge role={row.role} />;
  return (
    <span
      className="inline-flex flex-wrap items-center gap-x-1 [overflow-wrap:anywhere]"
      data-part="role-group"
      title={t('users.row.roleGroupTitle', { group: row.roleGroup })}
    >
      <RoleBadge role={row.role} />{' '}
      <span className="ut-note">{t('users.row.fromGroup', { group: row.roleGroup })}</span>
    </span>
  );
}

/** A member's title and department as the directory sent them, on one line ("Staff Engineer · Engineering"). */
function workLine(row: UserTableRow): string | null {
  const parts = [row.title, row.department].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** One row's cells. Below md the user cell also carries the role and the status (the columns hide). */
function UserRowCells({ row, words }: { row: UserTableRow; words: Words }) {
  const { t } = words;
  const status = statusTitle(row, words);
  const invitation = row.kind === 'invitation';
  return (
    <>
      <td>
        <div className="ut-user">
          <div className="ut-who">
            <div className="ut-name">
              {invitation ? row.email : row.name || row.email.split('@')[0]}
              {row.isSelf ? <span className="ut-note"> {t('users.row.you')}</span> : null}
              {row.directory ? (
                <>
                  {' '}
                  <span className="badge" data-tone="directory" title={t('users.row.directoryTitle')}>
                    {t('users.row.directory')}
                  </span>
                </>
              ) : null}
              {row.sso ? (
                <>
                  {' '}
                  <span className="badge" data-tone="sso" title={t('users.row.ssoTitle')}>
                    {t('users.row.sso')}
                  </span>
                </>
              ) : null}
            </div>
            {invitation ? (
              invitationDetails(row, words).map((line) => (
                <div key={line} className="ut-sub ut-note">
                  {line}
                </div>
              ))
            ) : (
              <div className="ut-sub">
                {row.email}
                {row.external ? (
                  <>
                    {' '}
                    <span className="badge" data-tone="external" title={t('users.row.externalTitle')}>
                      {t('users.row.external')}
                    </span>
                  </>
                ) : null}
              </div>
            )}
            {workLine(row) ? (
              <div className="ut-sub ut-note" data-part="work">
                {workLine(row)}
              </div>
            ) : null}
            {/* Below lg the Added and Last active columns hide, below xl Invited by: their facts are here. */}
            <div className="ut-facts" data-testid="row-facts">
              {rowFacts(row, words).map((fact) => (
                <span
                  key={fact.key}
                  data-fact={fact.key}
                  className={fact.wide === 'lg' ? 'lg:hidden' : undefined}
                >
                  {fact.text}
                </span>
              ))}
            </div>
            <div className="ut-tags">
              <RoleCell row={row} t={t} />
              <StatusBadge status={row.status} title={status} />
            </div>
          </div>
        </div>
      </td>
      <td className="ut-md">
        <RoleCell row={row} t={t} />
      </td>
      <td className="ut-md">
        <StatusBadge status={row.status} title={status} />
      </td>
      <td className="ut-lg">{dateText(words, row.date)}</td>
      <td className="ut-lg" title={row.lastActiveAt ? dateTimeText(words, row.lastActiveAt) : undefined}>
        {invitation ? '—' : row.lastActiveAt ? dateText(words, row.lastActiveAt) : t('users.row.never')}
      </td>
      <td className="ut-xl" title={row.invitedBy}>
        {row.invitedBy ?? '—'}
      </td>
    </>
  );
}

/** One row of the user table: its checkbox, its cells, and its `More options` menu. */
export function UserRow({
  row,
  selected,
  hydrated,
  onToggle,
}: {
  row: UserTableRow;
  selected: boolean;
  /** Until the page has hydrated the menu is its placeholder (the table asks once for all its rows). */
  hydrated: boolean;
  onToggle: (id: string, checked: boolean) => void;
}) {
  const words = useWords();
  return (
    <tr data-state={selected ? 'selected' : undefined} data-row-email={row.email}>
      <td>
        <RowCheckbox
          checked={selected}
          label={words.t('users.row.select', { email: row.email })}
          onChange={(checked) => onToggle(row.id, checked)}
        />
      </td>
      <UserRowCells row={row} words={words} />
      <td>
        {hydrated ? <RowActions row={row} /> : <MenuPlaceholder label={words.t('users.row.moreOptions')} />}
      </td>
    </tr>
  );
}
