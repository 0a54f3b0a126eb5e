'use client';

import { useTranslations } from 'next-intl';
import { updateConnectionAction } from '@/app/actions/sso';
import type { InvitationRole } from '@/db/values';
import { FieldHelp } from '@/components/shared/field-help';
import { OptionSelect } from '@/components/shared/option-select';
import { SettingSwitch } from '@/components/shared/setting-switch';
import { useAppliedSetting } from '@/components/shared/use-applied-setting';
import { Label } from '@/components/ui/label';
import type { ConnectionSettings as ConnectionSettingsInput } from '@/lib/sso/settings';
import type { ConnectionControlProps } from './types';

/** The words a sr-only part of a label is wrapped in (`<hidden>`): the connection it is about. */
const hidden = (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span>;

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
  const t = useTranslations('sso.settings');
  const name = connection.name;
  const ids = { organizationId, connectionId: connection.id };
  const id = `sso-${connection.id}`;
  const run = (settings: ConnectionSettingsInput) => updateConnectionAction({ ...ids, ...settings });
  return (
    <div className="grid gap-4">
      <SettingSwitch
        id={`${id}-enabled`}
        label={t.rich('enabled', { name, hidden })}
        help={connection.enabled ? t('enabledOn') : (enableBlocked ?? t('enabledOff'))}
        checked={connection.enabled}
        disabled={!connection.enabled && enableBlocked !== null}
        readOnly={!manage}
        run={(enabled) => run({ enabled })}
        said={(on) => t(on ? 'saidOn' : 'saidOff', { name })}
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
        label={t.rich('justInTime', { name, hidden })}
        help={t('justInTimeHelp')}
        checked={connection.justInTime}
        readOnly={!manage}
        run={(justInTime) => run({ justInTime })}
        said={(on) => t(on ? 'justInTimeOn' : 'justInTimeOff', { name })}
      />
      {connection.protocol === 'saml' ? (
        <SettingSwitch
          id={`${id}-idp`}
          label={t.rich('idpInitiated', { name, hidden })}
          help={t('idpInitiatedHelp')}
          checked={connection.allowIdpInitiated}
          readOnly={!manage}
          run={(allowIdpInitiated) => run({ allowIdpInitiated })}
          said={(on) => t(on ? 'idpInitiatedOn' : 'idpInitiatedOff')}
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
  const t = useTranslations('sso.settings');
  const tc = useTranslations('common');
  const roleOptions = (['member', 'admin'] as const).map((value) => [value, tc(`roles.${value}`)] as const);
  const { value: role, apply: change } = useAppliedSetting<InvitationRole>(
    saved,
    (defaultRole) => updateConnectionAction({ organizationId, connectionId, defaultRole }),
    (next) => t('defaultRoleChanged', { name, role: tc(`roles.${next}`) }),
  );
  return (
    <div className="grid gap-2">
      {manage ? (
        <>
          <Label htmlFor={id}>{t.rich('defaultRole', { name, hidden })}</Label>
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
          {t.rich('defaultRoleReadOnly', {
            role: tc(`roles.${role}`),
            label: (chunks) => <span className="font-medium">{chunks}</span>,
          })}
        </p>
      )}
      <FieldHelp id={`${id}-help`}>{t('defaultRoleHelp')}</FieldHelp>
    </div>
  );
}
