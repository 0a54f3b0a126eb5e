'use client';

import { useEffect, useRef } from 'react';
import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { MAX_INVITATIONS_PER_BATCH } from '@/lib/shared/limits';
import { cn } from '@/lib/shared/utils';
import { MiddleTruncatedEmail } from '@/components/shared/middle-truncated-email';
import { withAddresses, type Chip } from './chips';

export type { Chip } from './chips';

/**
 * An address input that turns text into chips: Enter, comma, space or a pasted list make chips; invalid
 * ones are marked; repeats collapse; a chip goes with its × or with Backspace in the empty input. The
 * text not yet a chip is the dialog's (`text`), so that `Send Invitation` counts it too.
 */
export function EmailChipsInput({
  id,
  chips,
  onChange,
  text,
  onTextChange,
  disabled,
  describedBy,
  max = MAX_INVITATIONS_PER_BATCH,
}: {
  id: string;
  chips: Chip[];
  onChange: (chips: Chip[]) => void;
  text: string;
  onTextChange: (text: string) => void;
  disabled?: boolean;
  describedBy?: string;
  max?: number;
}) {
  const t = useTranslations();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const count = useRef(chips.length);

  // When chips are added, the newest ones (at the end, next to the input) scroll into view.
  useEffect(() => {
    if (chips.length > count.current && list.current) list.current.scrollTop = list.current.scrollHeight;
    count.current = chips.length;
  }, [chips.length]);

  function add(raw: string) {
    const next = withAddresses(chips, raw, max);
    if (next.length > chips.length) onChange(next);
  }

  function commit() {
    if (text.trim()) add(text);
    onTextChange('');
  }

  function remove(email: string) {
    onChange(chips.filter((chip) => chip.email !== email));
    input.current?.focus();
  }

  return (
    <div
      className={cn(
        'grid w-full min-w-0 cursor-text gap-1.5 rounded-md border border-input bg-transparent p-2 shadow-xs transition-[color,box-shadow]',
        'focus-within:border-ring focus-within:ring-2 focus-within:ring-ring',
        disabled && 'pointer-events-none opacity-50',
      )}
      onClick={() => input.current?.focus()}
    >
      {chips.length > 0 ? (
        // A pasted list of many addresses scrolls here, inside the box, so that the role and
        // `Send Invitation` stay on the screen. A scrolling region must be reachable by keyboard
        // (axe: scrollable-region-focusable): the list is a tab stop, named by its label.
        <ul
          ref={list}
          tabIndex={0}
          aria-label={t('invite.chips.listLabel', { count: chips.length })}
          className="flex max-h-36 min-w-0 flex-wrap content-start items-start gap-1.5 overflow-y-auto rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          {chips.map((chip) => (
            <li
              key={chip.email}
              className={cn(
                'inline-flex max-w-full min-w-0 items-center gap-1 rounded-md border py-0.5 pr-0.5 pl-2 text-sm',
                chip.valid
                  ? 'bg-secondary text-secondary-foreground'
                  : 'border-destructive/50 bg-destructive/10 text-red-700 dark:text-red-300',
              )}
              aria-invalid={chip.valid ? undefined : true}
              title={chip.valid ? chip.email : t('invite.chips.invalidTitle', { email: chip.email })}
            >
              {/* A long address is cut in the middle, its domain kept; the title and the text read aloud keep it whole. */}
              <MiddleTruncatedEmail email={chip.email} />
              {chip.role ? (
                <span className="shrink-0 text-xs text-muted-foreground">
                  · {t(`common.roles.${chip.role}`)}
                </span>
              ) : null}
              {chip.valid ? null : <span className="sr-only">{t('invite.chips.invalid')}</span>}
              <button
                type="button"
                className="shrink-0 rounded-sm p-0.5 hover:bg-foreground/10 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                onClick={(event) => {
                  event.stopPropagation();
                  remove(chip.email);
                }}
                aria-label={t('invite.chips.remove', { email: chip.email })}
              >
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        ref={input}
        id={id}
        type="text"
        inputMode="email"
        autoComplete="off"
        spellCheck={false}
        value={text}
        disabled={disabled}
        aria-describedby={describedBy}
        placeholder={t(chips.length === 0 ? 'invite.chips.placeholder' : 'invite.chips.addAnother')}
        className="w-full min-w-0 bg-transparent px-1 py-0.5 text-sm outline-none placeholder:text-muted-foreground"
        onChange={(event) => {
          const value = event.target.value;
          // A separator typed at the end turns what came before into a chip.
          if (/[\s,;]$/.test(value)) {
            add(value);
            onTextChange('');
          } else {
            onTextChange(value);
          }
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Backspace' && text === '' && chips.length > 0) {
            event.preventDefault();
            onChange(chips.slice(0, -1));
          }
        }}
        onPaste={(event) => {
          const pasted = event.clipboardData.getData('text');
          if (/[\s,;]/.test(pasted.trim())) {
            event.preventDefault();
            add(`${text}${pasted}`);
            onTextChange('');
          }
        }}
        onBlur={commit}
      />
    </div>
  );
}
