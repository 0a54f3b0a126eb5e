// The SSO events of the audit log in words (lib/shared/activity-sentences.ts hands them here), from the
// catalogs' `activity.sso`. Pure.
import { isSsoRefusal } from '@/db/values';
import { isRole } from './roles';
import type { Translate } from './translate';

type SsoAction =
  | 'sso.connection_added'
  | 'sso.connection_changed'
  | 'sso.connection_removed'
  | 'sso.tested'
  | 'sso.signed_in'
  | 'sso.joined'
  | 'sso.refused'
  | 'sso.required_changed'
  | 'sso.break_glass_changed';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Why a sign-in or a test was refused, as Activity tells it (after "refused the sign-in of …: "). */
export function ssoRefusalReason(value: unknown, t: Translate): string {
  return isSsoRefusal(value) ? t(`activity.ssoRefusals.${value}`) : t('activity.ssoRefusals.unchecked');
}

/**
 * What was done, to follow the actor's name. `target`: the address the event is about. A change of a
 * connection's settings (`change`) was written in English when it was recorded, and is told as it was.
 */
export function describeSsoEvent(
  action: SsoAction,
  target: string,
  details: Record<string, unknown>,
  t: Translate,
): string {
  const connection = text(details.connection);
  switch (action) {
    case 'sso.connection_added':
      return t('activity.sso.added', { connection, protocol: details.protocol === 'oidc' ? 'oidc' : 'saml' });
    case 'sso.connection_changed':
      return t('activity.sso.changed', { connection, change: text(details.change) });
    case 'sso.connection_removed':
      return t('activity.sso.removed', { connection });
    case 'sso.tested':
      return details.ok === true
        ? t('activity.sso.testPassed', { connection })
        : t('activity.sso.testFailed', { connection, reason: ssoRefusalReason(details.reason, t) });
    case 'sso.signed_in':
      return t('activity.sso.signedIn', { connection });
    case 'sso.joined':
      return t('activity.sso.joined', {
        connection,
        role: isRole(details.role) ? t(`common.roles.${details.role}`) : text(details.role),
      });
    case 'sso.refused': {
      const reason = ssoRefusalReason(details.reason, t);
      return target
        ? t('activity.sso.refusedOf', { target, connection, reason })
        : t('activity.sso.refused', { connection, reason });
    }
    case 'sso.required_changed':
      return details.to === true ? t('activity.sso.requiredOn') : t('activity.sso.requiredOff');
    case 'sso.break_glass_changed':
      return details.to === true
        ? t('activity.sso.breakGlassOn', { target })
        : t('activity.sso.breakGlassOff', { target });
  }
}
