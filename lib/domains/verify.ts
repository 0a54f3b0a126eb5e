// Verify (Owners): the server looks the domain's record up itself, then applies what it found through
// the one state machine (./check.ts). The lookup runs outside any transaction (it may take seconds);
// the outcome is applied under the organization's lock to the row as it is then. Rate-limited per
// organization, since each press makes the server send DNS questions.
import 'server-only';
import { isCountingStatus, type DomainCheck } from '@/db/values';
import { lockOrganization, requireConsoleAccess, requirePermission } from '../access';
import { now } from '../clock';
import { emailQueue } from '../email/queue';
import { allow } from '../rate-limit';
import type { Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { DOMAIN_VERIFICATIONS_PER_HOUR } from '../shared/limits';
import { applyCheck } from './check';
import { lookupVerification } from './dns';
import { verificationRecord } from './record';
import { countedElsewhere, domainRow } from './rows';
import { domainView, type DomainView } from './view';

const HOUR_MS = 60 * 60 * 1000;

export async function verifyDomain(
  actor: Actor,
  organizationId: string,
  domainId: string,
): Promise<{ domain: DomainView; check: DomainCheck }> {
  const { db } = await requireConsoleAccess(actor, organizationId, 'domains:manage');
  const row = await domainRow(db, organizationId, domainId);
  // Said before any lookup: the record would not help while another organization counts the domain.
  if (!isCountingStatus(row.status) && (await countedElsewhere(db, organizationId, row.domain)))
    fail('DOMAIN_TAKEN');
  if (!(await allow(db, `domains:verify:${organizationId}`, DOMAIN_VERIFICATIONS_PER_HOUR, now(), HOUR_MS)))
    fail('RATE_LIMITED');
  const check = await lookupVerification(row.domain, verificationRecord(row.domain, row.token).value);
  const queue = await emailQueue();
  const updated = await db.transaction(async (tx) => {
    const org = await lockOrganization(tx, organizationId, actor);
    requirePermission(org.actorRole, 'domains:manage');
    const current = await domainRow(tx, org.id, domainId, { lock: true });
    return applyCheck(tx, current, check, now(), { actor, queue });
  });
  return { domain: domainView(updated), check };
}
