// The SSO events of the audit log in words (lib/shared/activity-sentences.ts hands them here), from the
// catalogs' `activity.sso`. Pure.
import { isSsoRefusal } from '@/db/values';
import { isRole, roleLabels } from './roles';
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

/** The parts of a connection's change that read the same every time, by their English (lib/sso). */
const fixedChanges: Record<string, SsoChangeKey> = {
  'turned it on': 'enabled',
  'turned it off': 'disabled',
  'turned just-in-time joining on': 'jitOn',
  'turned just-in-time joining off': 'jitOff',
  'allowed sign-in started at the identity provider': 'idpInitiatedOn',
  'stopped sign-in started at the identity provider': 'idpInitiatedOff',
  'its issuer changed': 'issuer',
  'its client ID changed': 'clientId',
  'its client secret was replaced': 'clientSecret',
  'its identity provider’s entity ID changed': 'entityId',
  'its sign-in URL changed': 'ssoUrl',
  'its signing certificates changed': 'certificates',
  'its metadata is now read from a new URL': 'metadataUrl',
  'its metadata is now a file': 'metadataFile',
};

type SsoChangeKey =
  | 'enabled'
  | 'disabled'
  | 'jitOn'
  | 'jitOff'
  | 'idpInitiatedOn'
  | 'idpInitiatedOff'
  | 'issuer'
  | 'clientId'
  | 'clientSecret'
  | 'entityId'
  | 'ssoUrl'
  | 'certificates'
  | 'metadataUrl'
  | 'metadataFile';

/** One part of a change as lib/sso recorded it (in English), in the reader's words; an unknown one as it is. */
function changePart(part: string, t: Translate): string {
  const fixed = fixedChanges[part];
  if (fixed) return t(`activity.ssoChanges.${fixed}`);
  const renamed = /^renamed it from “(.*)”$/su.exec(part);
  if (renamed) return t('activity.ssoChanges.renamed', { name: renamed[1] });
  const joinsAs = /^people who join through it join as (.+)$/su.exec(part);
  const role =
    joinsAs &&
    (Object.keys(roleLabels) as (keyof typeof roleLabels)[]).find((r) => roleLabels[r] === joinsAs[1]);
  if (role) return t('activity.ssoChanges.defaultRole', { role: t(`common.roles.${role}`) });
  return part;
}

/**
 * A connection's change: recorded in English as parts joined by "; " (lib/sso/changes.ts), told in the
 * reader's words part by part, so that rows written before the catalogs read the same.
 */
function changeWords(change: string, t: Translate): string {
  if (!change) return change;
  return (
    change
      // A "; " inside a quoted name is the name's own.
      .split(/; (?![^“”]*”)/u)
      .map((part) => changePart(part, t))
      .join(t('activity.ssoChanges.separator'))
  );
}

/** What was done, to follow the actor's name. `target`: the address the event is about. */
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
      return t('activity.sso.changed', { connection, change: changeWords(text(details.change), t) });
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
