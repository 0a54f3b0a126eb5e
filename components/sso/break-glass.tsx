'use client';

import { useTranslations } from 'next-intl';
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
  const t = useTranslations('sso.breakGlass');
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{t('legend')}</legend>
      <p id="sso-break-glass-help" className="text-xs text-muted-foreground">
        {t('help')}
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
  const t = useTranslations('sso.breakGlass');
  const {
    value: checked,
    apply: change,
    pending,
  } = useAppliedSetting(
    owner.breakGlass,
    (on) => setBreakGlassAction({ organizationId, membershipId: owner.membershipId, on }),
    (on) => t(on ? 'named' : 'unnamed', { email: owner.email }),
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
          {owner.status === 'suspended' ? (
            <span className="text-muted-foreground"> · {t('suspended')}</span>
          ) : null}
        </span>
      </label>
    </li>
  );
}
