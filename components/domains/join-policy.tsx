'use client';

import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { setJoinPolicyAction } from '@/app/actions/domains';
import { isCountingStatus, joinPolicyValues, type JoinPolicy } from '@/db/values';
import { useCallAction } from '@/components/shared/call-action';
import { FieldHelp } from '@/components/shared/field-help';
import { OptionSelect } from '@/components/shared/option-select';
import { Label } from '@/components/ui/label';
import type { DomainControlProps } from './types';

/**
 * How people at the domain join. An Owner changes it at once (a toast says so; a refusal puts the old
 * choice back); others read it. It applies only while the domain counts (verified, or failing).
 */
export function JoinPolicyField({ organizationId, domain, manage }: DomainControlProps) {
  const t = useTranslations('domains.joinPolicy');
  const options = joinPolicyValues.map(
    (value) => [value, t(`labels.${value}`), t(`explanations.${value}`)] as const,
  );
  const [policy, setPolicy] = useState<JoinPolicy>(domain.joinPolicy);
  const [pending, startTransition] = useTransition();
  const call = useCallAction();
  const id = `domain-${domain.id}-join-policy`;
  const counts = isCountingStatus(domain.status);

  function change(next: JoinPolicy) {
    const before = policy;
    // One change at a time; the select stays enabled so that it keeps the focus.
    if (next === before || pending) return;
    setPolicy(next);
    startTransition(async () => {
      const result = await call(() =>
        setJoinPolicyAction({ organizationId, domainId: domain.id, policy: next }),
      );
      if (!result.ok) {
        setPolicy(before);
        toast.error(result.error.message);
        return;
      }
      toast.success(t('changed', { domain: domain.domain, policy: t(`labels.${next}`) }));
    });
  }

  const explanation = t(`explanations.${policy}`);
  const help = counts ? explanation : t('notYetCounting', { explanation });
  return (
    <div className="grid min-w-0 gap-2">
      {manage ? (
        <>
          <Label htmlFor={id}>
            {t.rich('label', {
              domain: domain.domain,
              hidden: (chunks) => <span className="sr-only">{chunks}</span>,
            })}
          </Label>
          <OptionSelect
            id={id}
            value={policy}
            options={options}
            onValueChange={(value) => change(value as JoinPolicy)}
            className="w-40"
            contentClassName="max-w-[min(28rem,calc(100vw-2rem))]"
            aria-describedby={`${id}-help`}
          />
        </>
      ) : (
        <p className="text-sm">
          {t.rich('readOnly', {
            policy: t(`labels.${policy}`),
            name: (chunks) => <span className="font-medium">{chunks}</span>,
          })}
        </p>
      )}
      <FieldHelp id={`${id}-help`}>{help}</FieldHelp>
    </div>
  );
}
