'use client';

import { useTransition } from 'react';
import { Trash2 } from 'lucide-react';
import { toast } from 'sonner';
import { deleteDevelopmentRecordAction } from '@/app/actions/development-dns';
import { callAction } from '@/components/shared/call-action';
import { Button } from '@/components/ui/button';
import { formatPreciseTime } from '@/lib/shared/format';
import { BorderedItem } from '@/components/shared/bordered-item';

export interface RecordRow {
  id: string;
  name: string;
  value: string;
  createdAt: string;
}

/** The development resolver's records, newest first as the page lists them, each with Delete. */
export function RecordsList({ records }: { records: RecordRow[] }) {
  if (records.length === 0) return <p className="text-sm text-muted-foreground">No record yet.</p>;
  return (
    <ul aria-label="TXT records" className="grid gap-3">
      {records.map((record) => (
        <BorderedItem key={record.id}>
          <div className="grid min-w-0 flex-1 gap-1 text-xs [overflow-wrap:anywhere]">
            <dl className="grid gap-1 font-mono">
              <div>
                <dt className="inline font-sans text-muted-foreground">Name </dt>
                <dd className="inline">{record.name}</dd>
              </div>
              <div>
                <dt className="inline font-sans text-muted-foreground">Value </dt>
                <dd className="inline">{record.value}</dd>
              </div>
            </dl>
            <p className="text-muted-foreground">Published {formatPreciseTime(record.createdAt)}</p>
          </div>
          <DeleteRecord record={record} />
        </BorderedItem>
      ))}
    </ul>
  );
}

function DeleteRecord({ record }: { record: RecordRow }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending}
      aria-label={`Delete the record at ${record.name}`}
      onClick={() =>
        startTransition(async () => {
          const result = await callAction(() => deleteDevelopmentRecordAction({ id: record.id }));
          if (result.ok) toast.success(`Deleted the record at ${record.name}`);
          else toast.error(result.error.message);
        })
      }
    >
      <Trash2 aria-hidden="true" />
      Delete
    </Button>
  );
}
