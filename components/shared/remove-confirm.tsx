'use client';

import { Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/app/actions/result';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from './confirm-dialog';
import { useConfirmAction } from './use-confirm-action';

/**
 * An item's `Remove`, asked first (a domain, an SSO connection): the outline button named after the item,
 * marked `data-remove` with its id so its list can give the focus back; the dialog titled "Remove <name>?"
 * with what happens; a refusal stays in the dialog, a removal closes it and `onRemoved` says so.
 */
export function RemoveConfirm({
  name,
  id,
  description,
  confirmLabel,
  remove,
  onRemoved,
  returnFocus,
}: {
  name: string;
  id: string;
  description: React.ReactNode;
  confirmLabel: string;
  remove: () => Promise<ActionResult<unknown>>;
  onRemoved: () => void;
  returnFocus: () => HTMLElement | null | undefined;
}) {
  const t = useTranslations('console.removeConfirm');
  const common = useTranslations('common.actions');
  const confirm = useConfirmAction(remove, onRemoved);
  return (
    <ConfirmDialog
      {...confirm}
      returnFocus={returnFocus}
      trigger={
        <Button variant="outline" size="sm" aria-label={t('label', { name })} data-remove={id}>
          <Trash2 aria-hidden="true" />
          {common('remove')}
        </Button>
      }
      title={t('title', { name })}
      description={description}
      confirmLabel={confirmLabel}
      variant="destructive"
    />
  );
}

/**
 * Where the focus goes when the Remove dialog of `items[index]` closes, asked then (the item may be
 * gone): its own Remove while it stays (Cancel), else the next item's, else the one before it's, else
 * `fallback`: never the page's body.
 */
export function focusAfterRemove(
  list: React.RefObject<HTMLElement | null>,
  items: readonly { id: string }[],
  index: number,
  fallback: () => HTMLElement | null,
): HTMLElement | null | undefined {
  const removeOf = (id: string | undefined) =>
    id ? list.current?.querySelector<HTMLElement>(`[data-remove="${id}"]`) : null;
  return (
    removeOf(items[index]?.id) ??
    removeOf(items[index + 1]?.id) ??
    removeOf(items[index - 1]?.id) ??
    fallback()
  );
}
