'use client';

import { useRef, useTransition } from 'react';
import { FileUp, Loader2, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { previewInviteCsvAction } from '@/app/actions/invitations';
import { useCallAction } from '@/components/shared/call-action';
import { Button } from '@/components/ui/button';
import { MiddleTruncatedEmail } from '@/components/shared/middle-truncated-email';
import type { CsvInvitePreview, CsvInviteRow } from '@/lib/invitations';
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from '@/lib/shared/limits';
import type { InvitationRole } from '@/db/values';
import type { Translate } from '../words';

export interface UploadedList {
  fileName: string;
  preview: CsvInvitePreview;
}

/**
 * `Upload CSV`: the file is read in the browser and checked on the server (previewInviteCsvAction), row
 * by row, before anything is sent; `onRead` gets the preview, `onError` what went wrong with the file.
 */
export function CsvUploadButton({
  organizationId,
  disabled,
  onRead,
  onError,
}: {
  organizationId: string;
  disabled?: boolean;
  onRead: (list: UploadedList) => void;
  onError: (message: string) => void;
}) {
  const t = useTranslations('invite.csv');
  const input = useRef<HTMLInputElement>(null);
  const [reading, startReading] = useTransition();
  const call = useCallAction();

  function read(file: File) {
    if (file.size > MAX_CSV_BYTES) {
      onError(t('tooLarge', { name: file.name, size: MAX_CSV_BYTES / 1024 }));
      return;
    }
    startReading(async () => {
      // UTF-8, its byte order mark dropped; the server parses and checks (a CSV library, not a split).
      const csv = await file.text();
      const result = await call(() => previewInviteCsvAction({ organizationId, csv }));
      if (result.ok) onRead({ fileName: file.name, preview: result.data });
      else onError(result.error.message);
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      {/* The real file input stays out of sight and out of the tab order: the button opens it. */}
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="invite-csv-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so that choosing the same file again (after fixing it) reads it again.
          event.target.value = '';
          if (file) read(file);
        }}
      />
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={disabled || reading}
        aria-busy={reading}
        aria-describedby="invite-csv-help"
        onClick={() => input.current?.click()}
      >
        {reading ? <Loader2 className="animate-spin" aria-hidden="true" /> : <FileUp aria-hidden="true" />}
        {t('upload')}
      </Button>
      <p id="invite-csv-help" className="text-xs text-muted-foreground">
        {t('help', { max: MAX_CSV_ROWS })}
      </p>
    </div>
  );
}

/** Why a row will not be sent, in the reader's language: its code and the facts it names. */
function problemText(t: Translate, problem: NonNullable<CsvInviteRow['problem']>): string {
  const { line = 0, value = '', role } = problem.values ?? {};
  switch (problem.code) {
    case 'duplicate':
      return t('invite.csv.problems.duplicate', { line });
    case 'unknown_role':
      return role
        ? t('invite.csv.problems.role_not_allowed', { role: t(`common.roles.${role}`) })
        : t('invite.csv.problems.unknown_role', { value });
    default:
      return t(`invite.csv.problems.${problem.code}`);
  }
}

/** Each row of the uploaded file: ready (with its role) or why it will not be sent. */
export function CsvPreview({
  list,
  defaultRole,
  onRemove,
  disabled,
}: {
  list: UploadedList;
  /** The role chosen in the form, for rows that name none. */
  defaultRole: InvitationRole;
  onRemove: () => void;
  disabled?: boolean;
}) {
  const { fileName, preview } = list;
  const t = useTranslations();
  return (
    <section aria-labelledby="invite-csv-title" className="grid min-w-0 gap-2 rounded-md border p-3">
      <div className="flex min-w-0 items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id="invite-csv-title" className="truncate text-sm font-medium" title={fileName}>
            {fileName}
          </h3>
          <p className="text-xs text-muted-foreground" aria-live="polite">
            {t('invite.csv.ready', { count: preview.ready })}
            {preview.problems ? ` · ${t('invite.csv.notSent', { count: preview.problems })}` : ''}
          </p>
        </div>
        <Button type="button" variant="ghost" size="sm" onClick={onRemove} disabled={disabled}>
          <X aria-hidden="true" />
          {t('invite.csv.removeFile')}
        </Button>
      </div>
      {/* A scrolling list must be reachable by keyboard (axe: scrollable-region-focusable). */}
      <ul
        tabIndex={0}
        aria-label={t('invite.csv.rowsOf', { name: fileName })}
        className="grid max-h-40 min-w-0 content-start gap-1 overflow-y-auto rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        {preview.rows.map((row) => (
          <li key={row.line} className="grid min-w-0 text-xs" data-problem={row.problem?.code}>
            <span className="flex min-w-0 gap-2">
              <span className="shrink-0 text-muted-foreground tabular-nums">
                {t('invite.csv.line', { line: row.line })}
              </span>
              <span className="min-w-0 font-medium" title={row.email}>
                {row.email ? <MiddleTruncatedEmail email={row.email} /> : t('invite.csv.empty')}
              </span>
            </span>
            {row.problem ? (
              <span className="text-red-700 dark:text-red-300">{problemText(t, row.problem)}</span>
            ) : (
              <span className="text-muted-foreground">
                {t(row.resend ? 'invite.csv.resendAs' : 'invite.csv.readyAs', {
                  role: t(`common.roles.${row.role ?? defaultRole}`),
                })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
