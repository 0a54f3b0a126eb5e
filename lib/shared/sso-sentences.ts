// The SSO events of the audit log in words (lib/shared/activity-sentences.ts hands them here). Pure.
import { isSsoRefusal } from '@/db/values';
import { isRole, roleLabels } from './roles';
import { ssoRefusalReasons } from './sso-refusals';

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

function reason(value: unknown): string {
  return isSsoRefusal(value) ? ssoRefusalReasons[value] : 'it could not be checked';
}

/** What was done, to follow the actor's name. `target`: the address the event is about. */
export function describeSsoEvent(
  action: SsoAction,
  target: string,
  details: Record<string, unknown>,
): string {
  const connection = `the SSO connection “${text(details.connection)}”`;
  switch (action) {
    case 'sso.connection_added':
      return `added ${connection} (${details.protocol === 'oidc' ? 'OpenID Connect' : 'SAML'})`;
    case 'sso.connection_changed':
      return `changed ${connection}: ${text(details.change)}`;
    case 'sso.connection_removed':
      return `removed ${connection}`;
    case 'sso.tested':
      return details.ok === true
        ? `tested ${connection}: it passed`
        : `tested ${connection}: it failed, as ${reason(details.reason)}`;
    case 'sso.signed_in':
      return `signed in through ${connection}`;
    case 'sso.joined':
      return `joined as ${isRole(details.role) ? roleLabels[details.role] : text(details.role)} through ${connection}`;
    case 'sso.refused':
      return `refused a sign-in${target ? ` of ${target}` : ''} through ${connection}: ${reason(details.reason)}`;
    case 'sso.required_changed':
      return details.to === true
        ? 'turned on Require SSO: people at the verified domains sign in through the identity provider'
        : 'turned off Require SSO';
    case 'sso.break_glass_changed':
      return details.to === true
        ? `named ${target} a break-glass Owner (keeps the email link under Require SSO)`
        : `no longer names ${target} a break-glass Owner`;
  }
}
