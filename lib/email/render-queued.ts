// Rendering a queued message (lib/email/queue.ts) into the email the worker sends (./email.ts): each kind
// from its facts, a template rendered once for every message of a fetch that shares them (an invitation's
// link put in afterwards), never a stored body.
import 'server-only';
import { domainToUnicode } from 'node:url';
import {
  renderDomainFailingEmail,
  renderInvitationEmail,
  renderOwnershipTransferredEmail,
  renderRemovedEmail,
  renderRoleChangedEmail,
  renderSsoCertificateExpiringEmail,
  type RenderedEmail,
} from '@/emails/render';
import { appUrl } from '../config';
import type { EmailMessage } from '.';
import { unseal } from '../sealed';
import { invitationUrl } from '../invitations/link';
import type { ChangeFacts, RoleChangedFacts } from '../members/notifications';
import { can } from '@/lib/shared/permissions';
import { isRole, roleLabels, roleDescriptions } from '@/lib/shared/roles';
import { formatDateTime } from '@/lib/shared/format';
import type { DomainFailingFacts } from '../domains/failing-email';
import type { SsoCertificateExpiringFacts } from '../sso/expiry-email';

/** What rendering needs of a queued message. */
export interface QueuedMessage {
  id: string;
  kind: string;
  recipient: string;
  payload: Record<string, unknown>;
}

const NOT_PREPARED = 'The email could not be prepared, so it was not sent. Send it again.';

/** Stands for the link while a template is rendered once for every message that shares its facts. */
const URL_PLACEHOLDER = 'https://invitation.placeholder/accept-url';

/** The templates rendered for one fetch of jobs, by their facts: invitations of one request render once. */
export type Templates = Map<string, Promise<RenderedEmail>>;

/**
 * A message's email, rendered from its facts, or the reason it cannot be (a template that throws is
 * logged, and the message fails with NOT_PREPARED: trying the same template again would not help).
 */
export async function emailFor(message: QueuedMessage, templates: Templates): Promise<EmailMessage | string> {
  try {
    return await renderMessage(message, templates);
  } catch (error) {
    console.error(`[email] could not render message ${message.id}; nothing was sent`, error);
    return NOT_PREPARED;
  }
}

async function renderMessage(message: QueuedMessage, templates: Templates): Promise<EmailMessage | string> {
  const email = await renderByKind(message, templates);
  if (typeof email === 'string') return email;
  return {
    ...email,
    to: message.recipient,
    idempotencyKey: `email/${message.id}`,
    tags: { kind: message.kind },
  };
}

/** The rendered template of `facts`, rendered once per fetch for every message that shares them. */
function once(templates: Templates, kind: string, facts: object, render: () => Promise<RenderedEmail>) {
  const key = `${kind}:${JSON.stringify(facts)}`;
  let template = templates.get(key);
  if (!template) {
    template = render();
    templates.set(key, template);
  }
  return template;
}

/** Who made the change, and where: what every email about a change says. */
function byWhom(facts: ChangeFacts) {
  return {
    organizationName: facts.organizationName,
    actorName: facts.actorName,
    actorEmail: facts.actorEmail,
    byDirectory: facts.byDirectory === true,
  };
}

/** The console of the organization `slug`, for an Owner or Admin. */
function consoleUrl(slug: string): string {
  return `${appUrl()}/admin/${encodeURIComponent(slug)}/users`;
}

async function renderByKind(message: QueuedMessage, templates: Templates): Promise<RenderedEmail | string> {
  switch (message.kind) {
    case 'invitation':
      return renderInvitation(message, templates);
    case 'role_changed': {
      const facts = message.payload as unknown as RoleChangedFacts;
      if (!isRole(facts.fromRole) || !isRole(facts.toRole)) return 'The email names no known role.';
      return once(templates, message.kind, facts, () =>
        renderRoleChangedEmail({
          ...byWhom(facts),
          fromRole: roleLabels[facts.fromRole],
          toRole: roleLabels[facts.toRole],
          toRoleSummary: roleDescriptions[facts.toRole],
          url: can(facts.toRole, 'console:access') ? consoleUrl(facts.organizationSlug) : `${appUrl()}/`,
        }),
      );
    }
    case 'removed': {
      const facts = message.payload as unknown as ChangeFacts;
      return once(templates, message.kind, facts, () => renderRemovedEmail(byWhom(facts)));
    }
    case 'ownership_transferred': {
      const facts = message.payload as unknown as ChangeFacts;
      return once(templates, message.kind, facts, () =>
        renderOwnershipTransferredEmail({
          ...byWhom(facts),
          ownerSummary: roleDescriptions.owner,
          url: consoleUrl(facts.organizationSlug),
        }),
      );
    }
    case 'domain_failing': {
      const facts = message.payload as unknown as DomainFailingFacts;
      return once(templates, message.kind, facts, () =>
        renderDomainFailingEmail({
          organizationName: facts.organizationName,
          domain: domainToUnicode(facts.domain) || facts.domain,
          recordName: facts.recordName,
          recordValue: facts.recordValue,
          stopsCountingAt: formatDateTime(facts.stopsCountingAt),
          url: `${appUrl()}/admin/${encodeURIComponent(facts.organizationSlug)}/domains`,
        }),
      );
    }
    case 'sso_certificate_expiring': {
      const facts = message.payload as unknown as SsoCertificateExpiringFacts;
      return once(templates, message.kind, facts, () =>
        renderSsoCertificateExpiringEmail({
          organizationName: facts.organizationName,
          connectionName: facts.connectionName,
          certificateSubject: facts.certificateSubject,
          fingerprint: facts.fingerprint,
          expiresAt: formatDateTime(facts.expiresAt),
          expired: facts.expired,
          url: `${appUrl()}/admin/${encodeURIComponent(facts.organizationSlug)}/sso`,
        }),
      );
    }
    default:
      return `No template for ${message.kind} emails.`;
  }
}

/** An invitation: its template rendered once for the invitations that share their facts, each link put in after. */
async function renderInvitation(
  message: QueuedMessage,
  templates: Templates,
): Promise<RenderedEmail | string> {
  const { token: sealed, ...facts } = message.payload as {
    token?: string;
    inviterName: string;
    inviterEmail: string;
    organizationName: string;
    roleLabel: string;
    expiresAt: string;
  };
  const token = sealed ? unseal(sealed, 'email payload') : null;
  if (!token) return 'The invitation link could not be read (AUTH_SECRET changed?). Send it again.';
  const rendered = await once(templates, message.kind, facts, () =>
    renderInvitationEmail({ ...facts, acceptUrl: URL_PLACEHOLDER }),
  );
  const url = invitationUrl(token);
  return {
    subject: rendered.subject,
    html: withLink(rendered.html, url),
    text: withLink(rendered.text, url),
  };
}

/** The rendered texts split at their link placeholder, once each (the same string for a whole batch). */
const splitTexts = new Map<string, string[]>();

/** `text` with its link placeholders replaced by `url`: the text is split once, then joined per message. */
function withLink(text: string, url: string): string {
  let parts = splitTexts.get(text);
  if (!parts) {
    parts = text.split(URL_PLACEHOLDER);
    // A fetch renders a few templates; forget old ones rather than grow.
    if (splitTexts.size >= 100) splitTexts.clear();
    splitTexts.set(text, parts);
  }
  return parts.join(url);
}
