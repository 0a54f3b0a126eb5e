'use client';

import { setBreakGlassAction } from '@/app/actions/sso';
import { useAppliedSetting } from '@/components/shared/use-applied-setting';
import type { OwnerRow } from './types';

/**
 * The break-glass Owners: a checkbox per Owner of the organization (only Owners can be named). Each keeps
 * the email link under Require SSO, so that a broken identity provider cannot lock the organization out.
 */
export function BreakGlassOwners({
  organizationId,
  owners,
  manage,
}: {
  organizationId: string;
  owners: OwnerRow[];
  manage: boolean;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Break-glass Owners</legend>
      <p id="sso-break-glass-help" className="text-xs text-muted-foreground">
        They keep the email link while Require SSO is on, to get in if the identity provider fails. Name at
        least one.
      </p>
      <ul className="grid gap-1" aria-describedby="sso-break-glass-help">
        {owners.map((owner) => (
          <BreakGlassOwner
            key={owner.membershipId}
            organizationId={organizationId}
            owner={owner}
            manage={manage}
          />
        ))}
      </ul>
    </fieldset>
  );
}

function BreakGlassOwner({
  organizationId,
  owner,
  manage,
}: {
  organizationId: string;
  owner: OwnerRow;
  manage: boolean;
}) {
  const {
    value: checked,
    apply: change,
    pending,
  } = useAppliedSetting(
    owner.breakGlass,
    (on) => setBreakGlassAction({ organizationId, membershipId: owner.membershipId, on }),
    (on) =>
      on ? `${owner.email} is a break-glass Owner` : `${owner.email} is no longer a break-glass Owner`,
  );
  return (
    <li>
      <label className="flex min-w-0 items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="ut-check"
          checked={checked}
          disabled={!manage}
          aria-busy={pending || undefined}
          onChange={(event) => change(event.target.checked)}
        />
        <span className="min-w-0 [overflow-wrap:anywhere]">
          {owner.name ? `${owner.name} (${owner.email})` : owner.email}
          {owner.status === 'suspended' ? <span className="text-muted-foreground"> · suspended</span> : null}
        </span>
      </label>
    </li>
  );
}
