'use client';

import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

/**
 * A read-only value with a Copy button that says it copied. `what` names the value in the button's name
 * and the toast ("Copy the record name of acme.com") where the label alone ("Name") would be ambiguous,
 * as when a page shows several; by default the label in lower case.
 */
export function CopyField({
  id,
  label,
  value,
  what = label.toLowerCase(),
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  what?: string;
  autoFocus?: boolean;
}) {
  const t = useTranslations('console.copyField');
  const common = useTranslations('common.actions');
  const [copied, setCopied] = useState(false);
  return (
    <div className="grid min-w-0 gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex min-w-0 gap-2">
        <Input
          id={id}
          readOnly
          value={value}
          autoFocus={autoFocus}
          className="min-w-0 font-mono text-xs"
          onFocus={(e) => e.target.select()}
        />
        <Button
          type="button"
          variant="outline"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
            } catch {
              // No clipboard here (a page not served over HTTPS or localhost, or permission denied): the
              // text is selected for the person to copy themselves.
              document.getElementById(id)?.focus();
              toast.error(t('failed', { what }));
              return;
            }
            setCopied(true);
            toast.success(t('copied', { what }));
          }}
          aria-label={t('copy', { what })}
        >
          {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
          {common('copy')}
        </Button>
      </div>
    </div>
  );
}
