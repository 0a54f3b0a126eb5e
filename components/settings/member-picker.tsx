'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Check, Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { searchMembersAction } from '@/app/actions/organizations';
import { useCallAction } from '@/components/shared/call-action';
import { Input } from '@/components/ui/input';
import type { MemberMatch } from '@/lib/members/search';
import { cn } from '@/lib/shared/utils';

/** Quiet time after the last keystroke before the server is asked (one search per pause, not per key). */
const DEBOUNCE_MS = 200;

const statusClass =
  'absolute top-full z-50 mt-1 w-full rounded-md border bg-popover px-3 py-2 text-sm text-muted-foreground shadow-md';

/** How a member reads in the list and in the field once picked. */
export function memberLabel(member: Pick<MemberMatch, 'name' | 'email'>): string {
  return member.name ? `${member.name} (${member.email})` : member.email;
}

/**
 * A combobox that finds a member of the organization on the server (name or email, a few matches) and
 * picks one: the ARIA combobox pattern with a listbox, driven by the arrow keys, Enter and Escape.
 * Only a member the server listed can be picked, so a typo never reaches a confirmation.
 */
export function MemberPicker({
  id,
  organizationId,
  picked,
  onPick,
  describedBy,
}: {
  id: string;
  organizationId: string;
  picked: MemberMatch | null;
  onPick: (member: MemberMatch | null) => void;
  describedBy?: string;
}) {
  const t = useTranslations('settings.picker');
  const roles = useTranslations('common.roles');
  const listId = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [matches, setMatches] = useState<MemberMatch[]>([]);
  const [active, setActive] = useState(0);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [answered, setAnswered] = useState(false);
  const latest = useRef(0);
  const call = useCallAction();

  // Ask the server once typing pauses; a slower, older answer never replaces a newer one.
  useEffect(() => {
    if (!open) return;
    const request = ++latest.current;
    const search = async () => {
      setSearching(true);
      const result = await call(() => searchMembersAction({ organizationId, query }));
      if (request !== latest.current) return;
      setSearching(false);
      setAnswered(true);
      setFailure(result.ok ? null : result.error.message);
      setMatches(result.ok ? result.data : []);
      setActive(0);
    };
    const timer = setTimeout(() => void search(), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [open, query, organizationId, call]);

  function choose(member: MemberMatch) {
    onPick(member);
    setQuery(memberLabel(member));
    setOpen(false);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // The list wraps around, as menus do.
      if (matches.length > 0) setActive((current) => (current + step + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      // Enter picks; it never submits anything on its own.
      event.preventDefault();
      if (open && matches[active]) choose(matches[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  const showList = open && matches.length > 0;
  const emptyText =
    open && !searching && matches.length === 0 && answered
      ? (failure ?? (query.trim() ? t('noMatch') : t('noOthers')))
      : null;
  return (
    <div className="relative min-w-0 flex-1">
      <Input
        id={id}
        role="combobox"
        autoComplete="off"
        placeholder={t('placeholder')}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={showList ? listId : undefined}
        aria-activedescendant={showList && matches[active] ? optionId(active) : undefined}
        aria-describedby={describedBy}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          if (picked) onPick(null);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {searching ? (
        <Loader2
          className="absolute top-2.5 right-2.5 size-4 animate-spin text-muted-foreground"
          aria-hidden="true"
        />
      ) : null}
      {showList ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={t('listLabel')}
          className="absolute top-full z-50 mt-1 max-h-72 w-full overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md"
        >
          {matches.map((member, index) => (
            <li
              key={member.userId}
              id={optionId(index)}
              title={memberLabel(member)}
              role="option"
              aria-selected={index === active}
              // Keep focus in the field: the option is picked on click without the field losing it first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(member)}
              onMouseMove={() => setActive(index)}
              className={cn(
                'flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm',
                index === active && 'bg-accent text-accent-foreground',
              )}
            >
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{member.name ?? member.email}</span>
                {member.name ? (
                  <span className="block truncate text-xs text-muted-foreground">{member.email}</span>
                ) : null}
              </span>
              <span className="shrink-0 text-xs text-muted-foreground">{roles(member.role)}</span>
              {picked?.userId === member.userId ? <Check className="size-4" aria-hidden="true" /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div role="status" aria-live="polite" className={emptyText ? statusClass : 'sr-only'}>
        {emptyText ?? (showList ? t('found', { count: matches.length }) : '')}
      </div>
    </div>
  );
}
