// Suspending or removing a member who signs in through the organization's identity provider ends their
// sessions at once, whichever way each was opened (issue 27, DESIGN §11): the company cut them off at
// its provider, and a session opened earlier (by SSO, or by an emailed link before Require SSO) must not
// outlive that. Other members keep theirs until their next request, which access refuses anyway.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { sessions } from '@/db/schema';

/**
 * The DELETE, for a WITH clause of the change's own statement, of every session of the accounts in
 * `changed` (rows of `user_id, sso_signed_in_at`, the memberships the statement changed) that have
 * signed in by SSO: one set-based statement whatever the selection's size.
 */
export function endSsoMembersSessions(changed: SQL): SQL {
  return sql`DELETE FROM ${sessions} WHERE user_id IN (
    SELECT c.user_id FROM (${changed}) AS c (user_id, sso_signed_in_at) WHERE c.sso_signed_in_at IS NOT NULL)`;
}
