'use client';

import { useState, useTransition } from 'react';
import { Loader2, SearchCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { verifyDomainAction } from '@/app/actions/domains';
import { useCallAction } from '@/components/shared/call-action';
import { Button } from '@/components/ui/button';
import { CheckResult, type ShownCheck } from './check-result';
import type { DomainControlProps } from './types';

/**
 * `Verify`: the server looks the record up now. Its answer shows beside the button (the same place the
 * last check shows after a reload); a found record also gets a toast, as every change does.
 */
export function VerifyDomain({ organizationId, domain, manage }: DomainControlProps) {
  const t = useTranslations('domains.verify');
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const [answer, setAnswer] = useState<ShownCheck | null>(null);
  const saved: ShownCheck = { check: domain.lastCheck, at: domain.lastCheckedAt };
  // The answer to this page's Verify until the page has a later check (the refreshed page, or the daily one).
  const shown =
    answer && (answer.error || !saved.at || (answer.at !== null && answer.at >= saved.at)) ? answer : saved;
  const resultId = `domain-${domain.id}-check`;

  function verify() {
    if (pending) return;
    startTransition(async () => {
      const result = await call(() => verifyDomainAction({ organizationId, domainId: domain.id }));
      if (!result.ok) {
        setAnswer({ check: null, at: null, error: result.error.message });
        return;
      }
      const { check, domain: after } = result.data;
      const at = after.lastCheckedAt ? new Date(after.lastCheckedAt).toISOString() : new Date().toISOString();
      setAnswer({ check, at });
      if (check === 'found') toast.success(t('verified', { domain: domain.domain }));
    });
  }

  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
      {manage ? (
        <Button
          type="button"
          onClick={verify}
          // Not disabled while it looks up: a disabled button would drop the keyboard's focus.
          aria-disabled={pending || undefined}
          aria-label={t('label', { domain: domain.domain })}
          aria-describedby={resultId}
          className="w-fit shrink-0"
        >
          {pending ? (
            <Loader2 className="animate-spin" aria-hidden="true" />
          ) : (
            <SearchCheck aria-hidden="true" />
          )}
          {t('button')}
        </Button>
      ) : null}
      <CheckResult
        id={resultId}
        shown={pending ? { ...shown, checking: true } : shown}
        recordName={domain.record.name}
      />
    </div>
  );
}
