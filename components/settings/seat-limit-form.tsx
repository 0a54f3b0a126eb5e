'use client';

import { Loader2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { setSeatLimitAction } from '@/app/actions/organizations';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { useFieldValue } from '@/components/shared/field-input';
import { LabelledField } from '@/components/shared/labelled-field';

/** The seat limit: a whole number, or empty for none; the seats in use beside it. */
export function SeatLimitForm({
  organizationId,
  seatLimit,
  used,
}: {
  organizationId: string;
  seatLimit: number | null;
  used: number;
}) {
  const t = useTranslations('settings.seats');
  const common = useTranslations('common.actions');
  const saved = seatLimit === null ? '' : String(seatLimit);
  const limit = useFieldValue(saved);
  const { state, formAction, pending } = useFormAction<
    { organizationId: string; seatLimit: string },
    { seatLimit: number | null; used: number }
  >(setSeatLimitAction, {
    onSuccess(result) {
      limit.onValue(result.seatLimit === null ? '' : String(result.seatLimit));
      toast.success(result.seatLimit === null ? t('removed') : t('set', { limit: result.seatLimit }));
    },
  });
  // Told once, under the field (a refusal is not a toast as well): what is wrong with it, or why it was refused.
  const error = state.fields?.seatLimit ?? state.error;
  const over = seatLimit !== null && used > seatLimit ? used - seatLimit : 0;
  const usage =
    seatLimit === null
      ? t('inUse', { used })
      : over > 0
        ? t('inUseOver', { used, limit: seatLimit, over })
        : t('inUseOf', { used, limit: seatLimit });
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <LabelledField
        id="seat-limit"
        label={t('label')}
        name="seatLimit"
        inputMode="numeric"
        placeholder={t('placeholder')}
        {...limit}
        error={error}
        maxLength={9}
        className="sm:max-w-40"
        help={t('help', { usage })}
        beside={
          <Button type="submit" disabled={pending || limit.value.trim() === saved}>
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            {common('save')}
          </Button>
        }
      />
    </form>
  );
}
