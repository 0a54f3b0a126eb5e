'use client';

import { updateConnectionAction } from '@/app/actions/sso';
import type { InvitationRole } from '@/db/values';
import { FieldHelp } from '@/components/shared/field-help';
import { OptionSelect } from '@/components/shared/option-select';
import { SettingSwitch } from '@/components/shared/setting-switch';
import { useAppliedSetting } from '@/components/shared/use-applied-setting';
import { Label } from '@/components/ui/label';
import { roleLabels } from '@/lib/shared/roles';
import type { ConnectionSettings as ConnectionSettingsInput } from '@/lib/sso/settings';
import type { ConnectionControlProps } from './types';

const roleOptions = (['member', 'admin'] as const).map((role) => [role, roleLabels[role]] as const);

/**
 * A connection's own settings, each applied at once with a toast: turned on (why it cannot be, when it
 * cannot), the role people join with, just-in-time joining, and (SAML) sign-in started at the identity
 * provider, off by default and explained as less safe.
 */
export function ConnectionSettings({
  organizationId,
  connection,
  manage,
  enableBlocked,
}: ConnectionControlProps & {
  /** Why it cannot be turned on now (another is on, no verified domain), or null. */
  enableBlocked: string | null;
}) {
  const ids = { organizationId, connectionId: connection.id };
  const id = `sso-${connection.id}`;
  const run = (settings: ConnectionSettingsInput) => updateConnectionAction({ ...ids, ...settings });
  return (
    <div className="grid gap-4">
      <SettingSwitch
        id={`${id}-enabled`}
        label={
          <>
            Enabled<span className="sr-only"> ({connection.name})</span>
          </>
        }
        help={
          connection.enabled
            ? 'On: people at your verified domains sign in through this provider.'
            : (enableBlocked ?? 'Off: nobody signs in through it. Test it first, then turn it on.')
        }
        checked={connection.enabled}
        disabled={!connection.enabled && enableBlocked !== null}
        readOnly={!manage}
        run={(enabled) => run({ enabled })}
        said={(on) => (on ? `${connection.name} is on` : `${connection.name} is off`)}
      />
      <DefaultRole
        {...ids}
        name={connection.name}
        role={connection.defaultRole}
        manage={manage}
        id={`${id}-role`}
      />
      <SettingSwitch
        id={`${id}-jit`}
        label={
          <>
            Just-in-time joining<span className="sr-only"> ({connection.name})</span>
          </>
        }
        help="On: someone at your verified domains who signs in here and is not a member yet joins with the default role, if a seat is free. Off: only people you invited or your directory added get in."
        checked={connection.justInTime}
        readOnly={!manage}
        run={(justInTime) => run({ justInTime })}
        said={(on) => `Just-in-time joining through ${connection.name} is ${on ? 'on' : 'off'}`}
      />
      {connection.protocol === 'saml' ? (
        <SettingSwitch
          id={`${id}-idp`}
          label={
            <>
              Allow IdP-initiated sign-in<span className="sr-only"> ({connection.name})</span>
            </>
          }
          help="Lets people start at the identity provider’s dashboard. Less safe: such a response answers no request of ours, so a stolen one is harder to tell from a real one. Leave it off unless your people need the tile."
          checked={connection.allowIdpInitiated}
          readOnly={!manage}
          run={(allowIdpInitiated) => run({ allowIdpInitiated })}
          said={(on) =>
            on ? 'Sign-in started at the identity provider is allowed' : 'Sign-in starts here only'
          }
        />
      ) : null}
    </div>
  );
}

/** The role people join with (Member or Admin), changed at once; a refusal puts the old one back. */
function DefaultRole({
  organizationId,
  connectionId,
  name,
  role: saved,
  manage,
  id,
}: {
  organizationId: string;
  connectionId: string;
  name: string;
  role: InvitationRole;
  manage: boolean;
  id: string;
}) {
  const { value: role, apply: change } = useAppliedSetting<InvitationRole>(
    saved,
    (defaultRole) => updateConnectionAction({ organizationId, connectionId, defaultRole }),
    (next) => `People who join through ${name} join as ${roleLabels[next]}`,
  );
  return (
    <div className="grid gap-2">
      {manage ? (
        <>
          <Label htmlFor={id}>
            Default role<span className="sr-only"> ({name})</span>
          </Label>
          <OptionSelect
            id={id}
            value={role}
            options={roleOptions}
            onValueChange={(value) => change(value as InvitationRole)}
            className="w-40"
            aria-describedby={`${id}-help`}
          />
        </>
      ) : (
        <p className="text-sm">
          <span className="font-medium">Default role:</span> {roleLabels[role]}
        </p>
      )}
      <FieldHelp id={`${id}-help`}>
        The role of people who join just in time. Change it for one person in Users.
      </FieldHelp>
    </div>
  );
}
