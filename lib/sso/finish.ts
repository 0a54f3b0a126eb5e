// The one way an answer from an identity provider ends, whichever protocol read it (lib/sso/saml,
// lib/sso/oidc): a refusal is recorded in Activity and the person told why; a Test connection's answer is
// kept on the connection and its Owner sent back to the SSO page; a sign-in lets the person in
// (./admit.ts) with a database session like every other sign-in (lib/auth/session.ts).
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Database } from '@/db/client';
import { ssoConnections, users, type SsoConnection, type SsoRequest, type SsoTestResult } from '@/db/schema';
import type { SsoRefusal } from '@/db/values';
import { recordAudit } from '../audit';
import { now } from '../clock';
import { allow } from '../rate-limit';
import { person } from '../shared/actor';
import { isValidEmail, normalizeEmail } from '../shared/email-address';
import { safeCallbackPath } from '../shared/safe-redirect';
import { cleanPersonName } from '../shared/text';
import { admitThroughSso, atOrganizationDomain } from './admit';
import { browserBinding, findSsoRequest } from './requests';
import type { SsoAnswer, SsoIdentity } from './types';

/** Where the browser goes next, and the session to set when someone signed in. */
export interface SsoFinish {
  redirectTo: string;
  session?: { sessionToken: string; expires: Date };
}

/**
 * Refusals recorded in Activity per connection per hour: anyone can post to a connection's endpoint, and
 * a flood of forged answers must not bury the organization's log (past it, they are only logged here).
 */
const RECORDED_REFUSALS_PER_HOUR = 60;

/** The page that tells a refused person why (app/login/sso-error). */
function refusedPage(connection: SsoConnection, refusal: SsoRefusal): string {
  return `/login/sso-error?reason=${refusal}&connection=${connection.id}`;
}

async function recordRefusal(
  db: Database,
  connection: SsoConnection,
  refusal: SsoRefusal,
  detail: string,
  email: string | null,
) {
  const key = `sso-refused:${connection.id}`;
  if (!(await allow(db, key, RECORDED_REFUSALS_PER_HOUR, now(), 3_600_000))) {
    console.warn(`[sso] refused (${refusal}) on ${connection.id}, past the Activity limit: ${detail}`);
    return;
  }
  await db.transaction((tx) =>
    recordAudit(tx, connection.organizationId, null, [
      {
        action: 'sso.refused',
        targetType: 'organization',
        targetId: connection.organizationId,
        targetEmail: email,
        details: { connection: connection.name, reason: refusal, detail: detail.slice(0, 500) },
      },
    ]),
  );
}

/** Keeps a Test connection's outcome on the connection, records it, and returns its Owner to the page. */
async function recordTest(
  db: Database,
  connection: SsoConnection,
  request: SsoRequest,
  result: SsoTestResult,
): Promise<SsoFinish> {
  const at = now();
  await db.transaction(async (tx) => {
    await tx
      .update(ssoConnections)
      .set({ lastTestedAt: at, lastTest: result, ...(result.ok ? { testPassedAt: at } : {}) })
      .where(eq(ssoConnections.id, connection.id));
    const [tester] = request.userId
      ? await tx
          .select({ email: users.email, name: users.name })
          .from(users)
          .where(eq(users.id, request.userId))
      : [];
    const actor = tester && request.userId ? person({ userId: request.userId, ...tester }) : null;
    await recordAudit(tx, connection.organizationId, actor, [
      {
        action: 'sso.tested',
        targetType: 'organization',
        targetId: connection.organizationId,
        details: {
          connection: connection.name,
          ok: result.ok,
          ...(result.refusal ? { reason: result.refusal } : {}),
        },
      },
    ]);
  });
  return { redirectTo: safeCallbackPath(request.callbackPath) };
}

/** What a test shows of the person, as the provider sent them. */
function mapped(identity: SsoIdentity) {
  return {
    email: identity.email,
    name: identity.name,
    subject: identity.subject,
    attributes: identity.attributes,
  };
}

/**
 * Whether an accepted answer came back to the browser that sent its request (`browser`: that browser's SSO
 * cookie, null when it has none). Without this, anyone able to sign in somewhere could hand a victim their
 * own unused answer and sign the victim in as themselves (login CSRF). An IdP-initiated answer answers no
 * request, so it has nothing to match: the reason the setting is off by default.
 */
function sameBrowser(answer: SsoAnswer, browser: string | null): boolean {
  if (!answer.ok || !answer.request) return true;
  return browser !== null && answer.request.browserBinding === browserBinding(browser);
}

/**
 * Ends an answer read by a protocol: refused, tested, or signed in. `browser`: the SSO cookie the answer
 * came with (app/_lib/sso-browser.ts), null when none.
 */
export async function finishSso(
  connection: SsoConnection,
  answer: SsoAnswer,
  browser: string | null,
): Promise<SsoFinish> {
  const db = await getDb();
  if (!sameBrowser(answer, browser)) {
    await recordRefusal(db, connection, 'other_browser', 'the answer came back to another browser', null);
    return { redirectTo: refusedPage(connection, 'other_browser') };
  }
  if (!answer.ok) {
    const claimed = answer.claimedRequestId
      ? await findSsoRequest(db, connection.id, answer.claimedRequestId)
      : null;
    if (claimed?.purpose === 'test' && !claimed.usedAt)
      return recordTest(db, connection, claimed, {
        ok: false,
        refusal: answer.refusal,
        detail: answer.detail,
      });
    await recordRefusal(db, connection, answer.refusal, answer.detail, null);
    return { redirectTo: refusedPage(connection, answer.refusal) };
  }
  const { identity, request } = answer;
  const email = identity.email ? normalizeEmail(identity.email) : '';
  const name = cleanPersonName(identity.name);
  const refusal: SsoRefusal | null = !email || !isValidEmail(email) ? 'no_email' : null;
  if (request?.purpose === 'test') {
    // A test passes when a real sign-in would get past the checks that are the connection's own.
    const atDomain = !refusal && (await atOrganizationDomain(db, connection.organizationId, email));
    const failed = refusal ?? (atDomain ? null : 'outside_domains');
    return recordTest(db, connection, request, {
      ok: failed === null,
      ...(failed ? { refusal: failed } : {}),
      ...mapped(identity),
    });
  }
  if (refusal || !connection.enabled) {
    const why = refusal ?? 'disabled';
    await recordRefusal(db, connection, why, `subject ${identity.subject}`, email || null);
    return { redirectTo: refusedPage(connection, why) };
  }
  const admission = await db.transaction((tx) => admitThroughSso(tx, connection, email, name));
  if (!admission.ok) {
    await recordRefusal(db, connection, admission.refusal, `subject ${identity.subject}`, email);
    return { redirectTo: refusedPage(connection, admission.refusal) };
  }
  return { redirectTo: safeCallbackPath(request?.callbackPath ?? '/'), session: admission.session };
}
