// A connection's own settings (Owners): its name, whether it is turned on, the role people join with,
// just-in-time joining, and (SAML) sign-in started at the identity provider. None of them is what a test
// proves, so none clears the passed test; the provider's settings (./manage.ts) do.
//
// One connection at a time: turning one on while another is on is refused, naming the other ("Turn off
// “Okta” first"), rather than switching over in one step. A switch would move every sign-in of the
// organization's domains to a provider at once, on a toggle that reads like a setting of its own card.
import 'server-only';
import { getDb } from '@/db/client';
import type { ssoConnections, SsoConnection } from '@/db/schema';
import { invitationRoleValues, type InvitationRole } from '@/db/values';
import type { Actor } from '../shared/actor';
import { fail, refuse } from '../shared/errors';
import { roleLabels } from '../shared/roles';
import { isUniqueViolation } from '../sql';
import {
  connectionName,
  enabledConnection,
  lockForSso,
  lockedConnection,
  quoted,
  requireCountingDomain,
} from './locked';
import { writeChange } from './changes';
import { connectionView, type SsoConnectionView } from './view';

export interface ConnectionSettings {
  name?: string;
  enabled?: boolean;
  defaultRole?: InvitationRole;
  justInTime?: boolean;
  allowIdpInitiated?: boolean;
}

/** The refusal of turning a connection on while `other` is. */
function anotherEnabled(other: string): never {
  refuse('SSO_ANOTHER_ENABLED', {
    message: `Turn off ${quoted(other)} first: an organization signs in through one connection at a time.`,
    detail: { key: 'ssoAnotherEnabled', values: { name: other } },
  });
}

/** What changes, as the columns to set and the sentences Activity tells them in. */
function changesOf(row: SsoConnection, settings: ConnectionSettings) {
  const set: Partial<typeof ssoConnections.$inferInsert> = {};
  const said: string[] = [];
  if (settings.name !== undefined) {
    const name = connectionName(settings.name);
    if (name !== row.name) {
      set.name = name;
      said.push(`renamed it from ${quoted(row.name)}`);
    }
  }
  if (settings.enabled !== undefined && settings.enabled !== row.enabled) {
    set.enabled = settings.enabled;
    said.push(settings.enabled ? 'turned it on' : 'turned it off');
  }
  if (settings.defaultRole !== undefined && settings.defaultRole !== row.defaultRole) {
    if (!invitationRoleValues.includes(settings.defaultRole))
      refuse('INVALID_INPUT', {
        message: 'People who join through a connection join as Member or Admin.',
        detail: { key: 'ssoDefaultRole' },
      });
    set.defaultRole = settings.defaultRole;
    said.push(`people who join through it join as ${roleLabels[settings.defaultRole]}`);
  }
  if (settings.justInTime !== undefined && settings.justInTime !== row.justInTime) {
    set.justInTime = settings.justInTime;
    said.push(settings.justInTime ? 'turned just-in-time joining on' : 'turned just-in-time joining off');
  }
  if (settings.allowIdpInitiated !== undefined && settings.allowIdpInitiated !== row.allowIdpInitiated) {
    if (row.protocol !== 'saml') fail('SSO_NOT_SAML');
    set.allowIdpInitiated = settings.allowIdpInitiated;
    said.push(
      settings.allowIdpInitiated
        ? 'allowed sign-in started at the identity provider'
        : 'stopped sign-in started at the identity provider',
    );
  }
  return { set, said };
}

/**
 * Changes the connection's settings (Owners); what is left out stays. Turning it on needs a verified
 * domain and no other connection on; turning it off while Require SSO is on is refused (the people at
 * the domains could sign in no way at all). Audited with what changed, in words; no change, no event.
 */
export async function updateConnection(
  actor: Actor,
  organizationId: string,
  connectionId: string,
  settings: ConnectionSettings,
): Promise<SsoConnectionView> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const org = await lockForSso(tx, organizationId, actor);
      const row = await lockedConnection(tx, org.id, connectionId);
      const { set, said } = changesOf(row, settings);
      if (said.length === 0) return connectionView(row);
      if (set.enabled === true) {
        const other = await enabledConnection(tx, org.id, row.id);
        if (other) anotherEnabled(other.name);
        await requireCountingDomain(tx, org.id);
      }
      if (set.enabled === false && org.requireSso) fail('SSO_REQUIRED');
      const updated = await writeChange(tx, org.id, actor, row, set, said);
      return connectionView(updated);
    });
  } catch (error) {
    // Under the organization's lock two changes cannot both see no connection on; a write that did not
    // take the lock still meets the partial unique index.
    if (isUniqueViolation(error, 'sso_connections_one_enabled_idx')) fail('SSO_ANOTHER_ENABLED');
    throw error;
  }
}
