'use client';

import { useId } from 'react';
import { ChevronDownIcon } from 'lucide-react';
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
  selectTriggerClassName,
} from '@/components/ui/select';
import { cn } from '@/lib/shared/utils';
import { useHydrated } from './use-hydrated';

/**
 * A small Select whose trigger names the choice ("All roles", "25"). The server sends only the closed
 * trigger, drawn the same way; Radix's Select mounts in its place once the page has hydrated, before
 * anything can open it. Radix's root and trigger cost a server render a large share of a page's time
 * (the users page has four, on its every view: docs/architecture.md, "What a page view costs").
 */
export function OptionSelect({
  value,
  options,
  onValueChange,
  className,
  contentClassName,
  disabled,
  ...labels
}: {
  value: string;
  /** Each choice as [value, text] or [value, text, a line that explains it], in the order shown. */
  options: ReadonlyArray<readonly [string, string] | readonly [string, string, string]>;
  onValueChange: (value: string) => void;
  className?: string;
  /** Classes of the open list (its width, when options carry explanations). */
  contentClassName?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
  id?: string;
}) {
  const hydrated = useHydrated();
  // The list it will open (none yet: a closed combobox may name a list that is not there).
  const listId = useId();
  const text = options.find(([option]) => option === value)?.[1] ?? value;
  if (!hydrated)
    return (
      <button
        type="button"
        // A combobox like Radix's trigger: its name is its label ("Filter by role"), its text the choice
        // ("All roles"). As a plain button its name would have to contain the text it shows (axe
        // `label-content-name-mismatch`).
        role="combobox"
        aria-controls={listId}
        aria-haspopup="listbox"
        aria-expanded={false}
        disabled={disabled}
        data-slot="select-trigger"
        data-size="sm"
        data-state="closed"
        className={cn(selectTriggerClassName, className)}
        {...labels}
      >
        <span data-slot="select-value">{text}</span>
        <ChevronDownIcon className="size-4 opacity-50" aria-hidden="true" />
      </button>
    );
  return (
    <Select value={value} onValueChange={onValueChange} disabled={disabled}>
      <SelectTrigger size="sm" className={className} {...labels}>
        <SelectValue>{text}</SelectValue>
      </SelectTrigger>
      <SelectContent className={contentClassName}>
        {options.map(([option, label, description]) => (
          <SelectItem key={option} value={option} textValue={label} description={description}>
            {label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
