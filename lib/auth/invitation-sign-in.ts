// The sign-in page reached from an invitation (the invitation page links to /login with a callbackUrl of
// /invite/<token>): it says which organization the person is signing in to join.
import 'server-only';
import { allowInvitationAttempt, getInvitation } from '../invitations';
import { safeCallbackPath } from '../shared/safe-redirect';

const INVITE_PATH = /^\/invite\/([^/?#]+)$/;

/** The invitation token in a sign-in callback path, or null when the callback is not an invitation. */
export function invitationTokenOf(callbackUrl: string | null | undefined): string | null {
  const path = safeCallbackPath(callbackUrl).split(/[?#]/)[0];
  const match = INVITE_PATH.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/**
 * For a sign-in that continues to an invitation: `invited`, and the organization's name when the
 * link is one that can still be accepted. A link that is unknown, revoked, accepted or expired gives
 * no name (the page then says only "Sign in to accept your invitation"), so the sign-in page tells
 * no more about a token than the invitation page itself. The look-up counts against the same
 * per-client limit as opening the invitation link (lib/invitations/link.ts), so it is no faster way
 * to try tokens; over the limit, no name either.
 */
export async function invitationForSignIn(
  callbackUrl: string | null | undefined,
  clientKey: string,
): Promise<{ invited: boolean; organizationName: string | null }> {
  const token = invitationTokenOf(callbackUrl);
  if (!token) return { invited: false, organizationName: null };
  if (!(await allowInvitationAttempt(clientKey))) return { invited: true, organizationName: null };
  const invitation = await getInvitation(token);
  return {
    invited: true,
    organizationName: invitation.status === 'valid' ? invitation.organization.name : null,
  };
}
