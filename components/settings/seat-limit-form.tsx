'use client';

import { Loader2 } from 'lucide-react';
import { toast } from 'sonner';
import { setSeatLimitAction } from '@/app/actions/organizations';
import { useFormAction } from '@/components/shared/use-form-action';
import { Button } from '@/components/ui/button';
import { useFieldValue } from '@/components/shared/field-input';
import { LabelledField } from '@/components/shared/labelled-field';
import { plural } from '@/lib/shared/text';

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
  const saved = seatLimit === null ? '' : String(seatLimit);
  const limit = useFieldValue(saved);
  const { state, formAction, pending } = useFormAction<
    { organizationId: string; seatLimit: string },
    { seatLimit: number | null; used: number }
  >(setSeatLimitAction, {
    onSuccess(result) {
      limit.onValue(result.seatLimit === null ? '' : String(result.seatLimit));
      toast.success(
        result.seatLimit === null
          ? 'Removed the seat limit'
          : `Set the seat limit to ${plural(result.seatLimit, 'seat')}`,
      );
    },
  });
  // Told once, under the field (a refusal is not a toast as well): what is wrong with it, or why it was refused.
  const error = state.fields?.seatLimit ?? state.error;
  const over = seatLimit !== null && used > seatLimit ? used - seatLimit : 0;
  return (
    <form action={formAction} className="grid gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <LabelledField
        id="seat-limit"
        label="Seat limit"
        name="seatLimit"
        inputMode="numeric"
        placeholder="No limit"
        {...limit}
        error={error}
        maxLength={9}
        className="sm:max-w-40"
        help={`${seatLimit === null ? plural(used, 'seat') : `${used.toLocaleString('en-US')} of ${plural(seatLimit, 'seat')}`} in use${
          over > 0
            ? ` (${over.toLocaleString('en-US')} over: new invitations and reactivations are refused)`
            : ''
        }. Active members and pending invitations take a seat; suspended members free theirs. Leave it empty for no limit.`}
        beside={
          <Button type="submit" disabled={pending || limit.value.trim() === saved}>
            {pending ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
            Save
          </Button>
        }
      />
    </form>
  );
}
