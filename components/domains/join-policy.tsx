'use client';

import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { setJoinPolicyAction } from '@/app/actions/domains';
import { isCountingStatus, type JoinPolicy } from '@/db/values';
import { callAction } from '@/components/shared/call-action';
import { FieldHelp } from '@/components/shared/field-help';
import { OptionSelect } from '@/components/shared/option-select';
import { Label } from '@/components/ui/label';
import { joinPolicyExplanations, joinPolicyLabels } from '@/lib/shared/join-policies';
import type { DomainControlProps } from './types';

const options = (Object.keys(joinPolicyLabels) as JoinPolicy[]).map(
  (policy) => [policy, joinPolicyLabels[policy], joinPolicyExplanations[policy]] as const,
);

/**
 * How people at the domain join. An Owner changes it at once (a toast says so; a refusal puts the old
 * choice back); others read it. It applies only while the domain counts (verified, or failing).
 */
export function JoinPolicyField({ organizationId, domain, manage }: DomainControlProps) {
  const [policy, setPolicy] = useState<JoinPolicy>(domain.joinPolicy);
  const [pending, startTransition] = useTransition();
  const id = `domain-${domain.id}-join-policy`;
  const counts = isCountingStatus(domain.status);

  function change(next: JoinPolicy) {
    const before = policy;
    // One change at a time; the select stays enabled so that it keeps the focus.
    if (next === before || pending) return;
    setPolicy(next);
    startTransition(async () => {
      const result = await callAction(() =>
        setJoinPolicyAction({ organizationId, domainId: domain.id, policy: next }),
      );
      if (!result.ok) {
        setPolicy(before);
        toast.error(result.error.message);
        return;
      }
      toast.success(`Join policy of ${domain.domain}: ${joinPolicyLabels[next]}`);
    });
  }

  const help = `${joinPolicyExplanations[policy]}${counts ? '' : ' It applies once the domain is verified.'}`;
  return (
    <div className="grid min-w-0 gap-2">
      {manage ? (
        <>
          <Label htmlFor={id}>
            Join policy<span className="sr-only"> for {domain.domain}</span>
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
          <span className="font-medium">Join policy:</span> {joinPolicyLabels[policy]}
        </p>
      )}
      <FieldHelp id={`${id}-help`}>{help}</FieldHelp>
    </div>
  );
}
