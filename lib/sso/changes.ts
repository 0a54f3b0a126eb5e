// The two writes the SSO page's connection changes share: adding a connection (turned off, within the
// organization's limit) and changing what it holds of the identity provider (which clears its passed
// test). Each takes the organization's lock, checks 'sso:manage' (./locked.ts), writes and audits in
// one transaction.
import 'server-only';
import { and, count, eq, isNull } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { ssoConnections, ssoRequests, type SsoConnection } from '@/db/schema';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { accountOf, type Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { MAX_SSO_CONNECTIONS } from '../shared/limits';
import { isUuid, lockForSso, lockedConnection } from './locked';
import { connectionView, type SsoConnectionView } from './view';

/** Inserts a new connection, turned off, and audits it; refused past MAX_SSO_CONNECTIONS. */
export async function insertConnection(
  actor: Actor,
  organizationId: string,
  values: Omit<typeof ssoConnections.$inferInsert, 'organizationId'>,
): Promise<SsoConnectionView> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockForSso(tx, organizationId, actor);
    const [{ held }] = await tx
      .select({ held: count() })
      .from(ssoConnections)
      .where(eq(ssoConnections.organizationId, org.id));
    if (held >= MAX_SSO_CONNECTIONS) fail('SSO_CONNECTION_LIMIT');
    const at = now();
    const [row] = await tx
      .insert(ssoConnections)
      .values({
        ...values,
        enabled: false,
        organizationId: org.id,
        createdById: accountOf(actor),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    await recordAudit(tx, org.id, actor, [
      {
        action: 'sso.connection_added',
        targetType: 'organization',
        targetId: org.id,
        details: { connection: row.name, connectionId: row.id, protocol: row.protocol },
      },
    ]);
    return connectionView(row);
  });
}

/** What a change of the provider's settings writes, says (Activity's words), and whether a test must pass again. */
export interface ProviderChange {
  set: Partial<typeof ssoConnections.$inferInsert>;
  said: string[];
  retest: boolean;
}

/**
 * Writes `set` on the connection `row` and records the change in Activity's words (`said`, joined), under
 * its new name when it was renamed. What every change of a connection ends with, in its transaction.
 */
export async function writeChange(
  tx: Transaction,
  organizationId: string,
  actor: Actor,
  row: SsoConnection,
  set: Partial<typeof ssoConnections.$inferInsert>,
  said: string[],
): Promise<SsoConnection> {
  const [updated] = await tx
    .update(ssoConnections)
    .set({ ...set, updatedAt: now() })
    .where(eq(ssoConnections.id, row.id))
    .returning();
  await recordAudit(tx, organizationId, actor, [
    {
      action: 'sso.connection_changed',
      targetType: 'organization',
      targetId: organizationId,
      details: { connection: updated.name, connectionId: row.id, change: said.join('; ') },
    },
  ]);
  return updated;
}

/** Marks the connection's unanswered Test connection requests used, so that no answer can take them. */
async function closeTests(tx: Transaction, connectionId: string): Promise<void> {
  await tx
    .update(ssoRequests)
    .set({ usedAt: now() })
    .where(
      and(
        eq(ssoRequests.connectionId, connectionId),
        eq(ssoRequests.purpose, 'test'),
        isNull(ssoRequests.usedAt),
      ),
    );
}

/**
 * Applies `change` to the connection as it is under the lock: when it says anything, the columns are
 * written (when `retest`, the passed test cleared and the tests under way closed) and the change
 * audited; otherwise nothing is.
 */
export async function changeProvider(
  actor: Actor,
  organizationId: string,
  connectionId: string,
  change: (row: SsoConnection) => ProviderChange,
): Promise<{ connection: SsoConnectionView; changed: boolean }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const org = await lockForSso(tx, organizationId, actor);
    const row = await lockedConnection(tx, org.id, connectionId);
    const { set, said, retest } = change(row);
    if (said.length === 0) return { connection: connectionView(row), changed: false };
    // A test started before the change would vouch for the old settings: it can no longer be answered.
    if (retest) await closeTests(tx, row.id);
    const updated = await writeChange(
      tx,
      org.id,
      actor,
      row,
      { ...set, ...(retest ? { testPassedAt: null } : {}) },
      said,
    );
    return { connection: connectionView(updated), changed: true };
  });
}

/**
 * What a change that reaches the provider needs of the connection before its transaction (its protocol,
 * where its metadata came from, its sealed secret); SSO_CONNECTION_NOT_FOUND when the organization has
 * no such connection. Read again under the lock by the change itself.
 */
export async function providerOf(
  organizationId: string,
  connectionId: string,
): Promise<Pick<SsoConnection, 'protocol' | 'samlMetadataUrl' | 'oidcClientSecret'>> {
  if (!isUuid(connectionId)) fail('SSO_CONNECTION_NOT_FOUND');
  const db = await getDb();
  const [row] = await db
    .select({
      protocol: ssoConnections.protocol,
      samlMetadataUrl: ssoConnections.samlMetadataUrl,
      oidcClientSecret: ssoConnections.oidcClientSecret,
    })
    .from(ssoConnections)
    .where(and(eq(ssoConnections.id, connectionId), eq(ssoConnections.organizationId, organizationId)));
  if (!row) fail('SSO_CONNECTION_NOT_FOUND');
  return row;
}
