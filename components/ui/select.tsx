'use client';

import { useLayoutEffect, useRef } from 'react';
import type * as React from 'react';
import { CheckIcon, ChevronDownIcon, ChevronUpIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Select as SelectPrimitive } from 'radix-ui';

import { LayerRegion } from '@/components/ui/layer';
import { cn } from '@/lib/shared/utils';

function Select({ ...props }: React.ComponentProps<typeof SelectPrimitive.Root>) {
  return <SelectPrimitive.Root data-slot="select" {...props} />;
}

function SelectValue({ ...props }: React.ComponentProps<typeof SelectPrimitive.Value>) {
  return <SelectPrimitive.Value data-slot="select-value" {...props} />;
}

/** The closed trigger's look, shared with the trigger a page sends before it hydrates (OptionSelect). */
const selectTriggerClassName =
  "flex w-fit items-center justify-between gap-2 rounded-md border border-input bg-transparent px-3 py-2 text-sm whitespace-nowrap shadow-xs transition-[color,box-shadow] outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive aria-invalid:ring-destructive data-[placeholder]:text-muted-foreground data-[size=default]:h-9 data-[size=sm]:h-8 *:data-[slot=select-value]:line-clamp-1 *:data-[slot=select-value]:flex *:data-[slot=select-value]:items-center *:data-[slot=select-value]:gap-2 dark:bg-input/30 dark:hover:bg-input/50 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4 [&_svg:not([class*='text-'])]:text-muted-foreground";

function SelectTrigger({
  className,
  size = 'default',
  children,
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Trigger> & {
  size?: 'sm' | 'default';
}) {
  return (
    <SelectPrimitive.Trigger
      data-slot="select-trigger"
      data-size={size}
      className={cn(selectTriggerClassName, className)}
      {...props}
    >
      {children}
      <SelectPrimitive.Icon asChild>
        <ChevronDownIcon className="size-4 opacity-50" aria-hidden="true" />
      </SelectPrimitive.Icon>
    </SelectPrimitive.Trigger>
  );
}

function SelectContent({
  className,
  children,
  position = 'item-aligned',
  align = 'center',
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Content>) {
  const t = useTranslations('console.select');
  return (
    <SelectPrimitive.Portal>
      {/* The open list in its own labelled region (see LayerRegion). Radix keeps this portal mounted while
          the list is closed (the closed list lives in a detached fragment), so the region hides itself
          while it is empty: no empty landmark lingers. */}
      <LayerRegion label={t('options')} className="empty:hidden">
        <SelectPrimitive.Content
          data-slot="select-content"
          className={cn(
            'relative z-50 max-h-(--radix-select-content-available-height) min-w-[8rem] origin-(--radix-select-content-transform-origin) overflow-x-hidden overflow-y-auto rounded-md border bg-popover text-popover-foreground shadow-md data-[side=bottom]:slide-in-from-top-2 data-[side=left]:slide-in-from-right-2 data-[side=right]:slide-in-from-left-2 data-[side=top]:slide-in-from-bottom-2 data-[state=closed]:animate-out data-[state=closed]:fade-out-0 data-[state=closed]:zoom-out-95 data-[state=open]:animate-in data-[state=open]:fade-in-0 data-[state=open]:zoom-in-95',
            position === 'popper' &&
              'data-[side=bottom]:translate-y-1 data-[side=left]:-translate-x-1 data-[side=right]:translate-x-1 data-[side=top]:-translate-y-1',
            className,
          )}
          position={position}
          align={align}
          {...props}
        >
          <InertBehind />
          <SelectScrollUpButton />
          <SelectPrimitive.Viewport
            className={cn(
              'p-1',
              position === 'popper' &&
                'h-[var(--radix-select-trigger-height)] w-full min-w-[var(--radix-select-trigger-width)] scroll-my-1',
            )}
          >
            {children}
          </SelectPrimitive.Viewport>
          <SelectScrollDownButton />
        </SelectPrimitive.Content>
      </LayerRegion>
    </SelectPrimitive.Portal>
  );
}

/**
 * While a list is open, Radix marks the rest of the page aria-hidden and keeps the focus in the list, but
 * the page's controls stay focusable (axe `aria-hidden-focus`): a screen reader could still land on
 * what it was told is not there. So the same elements are made inert as well, for as long as the list
 * is open; inert also takes them out of the tab order. Mounted inside the list's content, which Radix
 * renders into a detached fragment while the list is closed: there it does nothing.
 */
function InertBehind() {
  const marker = useRef<HTMLSpanElement>(null);
  // A layout effect: its cleanup runs as the list unmounts, before Radix gives the focus back to the trigger.
  useLayoutEffect(() => {
    const node = marker.current;
    if (!node?.isConnected) return;
    // The list's portal is a child of <body>: everything else there is the page behind it.
    const made = [...document.body.children].filter(
      (element) => !element.contains(node) && !element.hasAttribute('inert'),
    );
    for (const element of made) element.setAttribute('inert', '');
    return () => made.forEach((element) => element.removeAttribute('inert'));
  }, []);
  return <span ref={marker} hidden />;
}

/**
 * An option; `description`, a line under its name that explains it. The option is named by both (what
 * it shows is what it is called: axe's label-content-name-mismatch), while the trigger and typeahead
 * use the name alone (`textValue`, the ItemText).
 */
function SelectItem({
  className,
  children,
  description,
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Item> & { description?: React.ReactNode }) {
  const text = <SelectPrimitive.ItemText>{children}</SelectPrimitive.ItemText>;
  return (
    <SelectPrimitive.Item
      data-slot="select-item"
      className={cn(
        "relative flex w-full cursor-default items-center gap-2 rounded-sm py-1.5 pr-8 pl-2 text-sm outline-hidden select-none focus:bg-accent focus:text-accent-foreground data-[disabled]:pointer-events-none data-[disabled]:opacity-50 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4 [&_svg:not([class*='text-'])]:text-muted-foreground *:[span]:last:flex *:[span]:last:items-center *:[span]:last:gap-2",
        className,
      )}
      {...props}
      // Radix names the option by its ItemText (aria-labelledby); with a description, the option is named
      // by its content, both lines (axe reads a name by reference to the same lines as not matching them).
      {...(description ? { 'aria-labelledby': undefined } : {})}
    >
      <span className="absolute right-2 flex size-3.5 items-center justify-center">
        <SelectPrimitive.ItemIndicator>
          <CheckIcon className="size-4" aria-hidden="true" />
        </SelectPrimitive.ItemIndicator>
      </span>
      {description ? (
        <div className="grid gap-0.5">
          {text}
          <div className="text-xs whitespace-normal text-muted-foreground">{description}</div>
        </div>
      ) : (
        text
      )}
    </SelectPrimitive.Item>
  );
}

function SelectScrollUpButton({
  className,
  ...props
}: React.ComponentProps<typeof SelectPrimitive.ScrollUpButton>) {
  return (
    <SelectPrimitive.ScrollUpButton
      data-slot="select-scroll-up-button"
      className={cn('flex cursor-default items-center justify-center py-1', className)}
      {...props}
    >
      <ChevronUpIcon className="size-4" aria-hidden="true" />
    </SelectPrimitive.ScrollUpButton>
  );
}

function SelectScrollDownButton({
  className,
  ...props
}: React.ComponentProps<typeof SelectPrimitive.ScrollDownButton>) {
  return (
    <SelectPrimitive.ScrollDownButton
      data-slot="select-scroll-down-button"
      className={cn('flex cursor-default items-center justify-center py-1', className)}
      {...props}
    >
      <ChevronDownIcon className="size-4" aria-hidden="true" />
    </SelectPrimitive.ScrollDownButton>
  );
}

export {
  Select,
  SelectContent,
  SelectItem,
  SelectScrollDownButton,
  SelectScrollUpButton,
  SelectTrigger,
  selectTriggerClassName,
  SelectValue,
};
