// Rendering a queued message (lib/email/queue.ts) into the email the worker sends (./email.ts): each kind
// from its facts, in its recipient's language (./locale.ts), a template rendered once for every message of
// a fetch that shares them and the language (an invitation's link put in afterwards), never a stored body.
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
import { isRole } from '@/lib/shared/roles';
import { formatterFor } from '../i18n/translator';
import type { Locale } from '../i18n/locales';
import {
  accountChoicesOf,
  messageLocale,
  momentIn,
  roleName,
  roleSummary,
  type AccountChoices,
} from './locale';
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

/** What rendering one message needs besides its facts: the templates of the fetch, and its language. */
interface Rendering {
  templates: Templates;
  locale: Locale;
}

/**
 * A message's email, rendered from its facts, or the reason it cannot be (a template that throws is
 * logged, and the message fails with NOT_PREPARED: trying the same template again would not help).
 * `choices`: the account languages of the fetch's addresses (./locale.ts), read here when not given.
 */
export async function emailFor(
  message: QueuedMessage,
  templates: Templates,
  choices?: AccountChoices,
): Promise<EmailMessage | string> {
  try {
    const locale = messageLocale(message, choices ?? (await accountChoicesOf([message])));
    return await renderMessage(message, { templates, locale });
  } catch (error) {
    console.error(`[email] could not render message ${message.id}; nothing was sent`, error);
    return NOT_PREPARED;
  }
}

async function renderMessage(message: QueuedMessage, rendering: Rendering): Promise<EmailMessage | string> {
  const email = await renderByKind(message, rendering);
  if (typeof email === 'string') return email;
  return {
    ...email,
    to: message.recipient,
    idempotencyKey: `email/${message.id}`,
    tags: { kind: message.kind },
  };
}

/** The rendered template of `facts`, rendered once per fetch for every message that shares them and the language. */
function once(
  { templates, locale }: Rendering,
  kind: string,
  facts: object,
  render: () => Promise<RenderedEmail>,
) {
  const key = `${kind}:${locale}:${JSON.stringify(facts)}`;
  let template = templates.get(key);
  if (!template) {
    template = render();
    templates.set(key, template);
  }
  return template;
}

/** Who made the change, and where, in `locale`: what every email about a change says. */
function byWhom(facts: ChangeFacts, locale: Locale) {
  return {
    locale,
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

async function renderByKind(message: QueuedMessage, rendering: Rendering): Promise<RenderedEmail | string> {
  const { locale } = rendering;
  switch (message.kind) {
    case 'invitation':
      return renderInvitation(message, rendering);
    case 'role_changed': {
      const facts = message.payload as unknown as RoleChangedFacts;
      if (!isRole(facts.fromRole) || !isRole(facts.toRole)) return 'The email names no known role.';
      return once(rendering, message.kind, facts, () =>
        renderRoleChangedEmail({
          ...byWhom(facts, locale),
          fromRole: roleName(facts.fromRole, locale),
          toRole: roleName(facts.toRole, locale),
          toRoleSummary: roleSummary(facts.toRole, locale),
          url: can(facts.toRole, 'console:access') ? consoleUrl(facts.organizationSlug) : `${appUrl()}/`,
        }),
      );
    }
    case 'removed': {
      const facts = message.payload as unknown as ChangeFacts;
      return once(rendering, message.kind, facts, () => renderRemovedEmail(byWhom(facts, locale)));
    }
    case 'ownership_transferred': {
      const facts = message.payload as unknown as ChangeFacts;
      return once(rendering, message.kind, facts, () =>
        renderOwnershipTransferredEmail({
          ...byWhom(facts, locale),
          ownerSummary: roleSummary('owner', locale),
          url: consoleUrl(facts.organizationSlug),
        }),
      );
    }
    case 'domain_failing': {
      const facts = message.payload as unknown as DomainFailingFacts;
      return once(rendering, message.kind, facts, () =>
        renderDomainFailingEmail({
          locale,
          organizationName: facts.organizationName,
          domain: domainToUnicode(facts.domain) || facts.domain,
          recordName: facts.recordName,
          recordValue: facts.recordValue,
          stopsCountingAt: momentIn(facts.stopsCountingAt, locale),
          url: `${appUrl()}/admin/${encodeURIComponent(facts.organizationSlug)}/domains`,
        }),
      );
    }
    case 'sso_certificate_expiring': {
      const facts = message.payload as unknown as SsoCertificateExpiringFacts;
      return once(rendering, message.kind, facts, () =>
        renderSsoCertificateExpiringEmail({
          locale,
          organizationName: facts.organizationName,
          connectionName: facts.connectionName,
          certificateSubject: facts.certificateSubject,
          fingerprint: facts.fingerprint,
          expiresAt: momentIn(facts.expiresAt, locale),
          expired: facts.expired,
          url: `${appUrl()}/admin/${encodeURIComponent(facts.organizationSlug)}/sso`,
        }),
      );
    }
    default:
      return `No template for ${message.kind} emails.`;
  }
}

/**
 * The facts of an invitation as queued: the role and the expiry as data (lib/invitations/delivery.ts),
 * or, in a message queued before emails had a language, as English text (`roleLabel`, a written date).
 */
interface InvitationFacts {
  inviterName: string;
  inviterEmail: string;
  organizationName: string;
  role?: string;
  roleLabel?: string;
  /** ISO 8601, or (an older message) the date already written out. */
  expiresAt: string;
  locale?: string;
}

/** An invitation: its template rendered once for the invitations that share their facts, each link put in after. */
async function renderInvitation(
  message: QueuedMessage,
  rendering: Rendering,
): Promise<RenderedEmail | string> {
  const { token: sealed, ...facts } = message.payload as unknown as InvitationFacts & { token?: string };
  const token = sealed ? unseal(sealed, 'email payload') : null;
  if (!token) return 'The invitation link could not be read (AUTH_SECRET changed?). Send it again.';
  const { locale } = rendering;
  const rendered = await once(rendering, message.kind, facts, () =>
    renderInvitationEmail({
      locale,
      inviterName: facts.inviterName,
      inviterEmail: facts.inviterEmail,
      organizationName: facts.organizationName,
      roleLabel: isRole(facts.role) ? roleName(facts.role, locale) : (facts.roleLabel ?? ''),
      expiresAt: ISO_MOMENT.test(facts.expiresAt)
        ? formatterFor(locale).dateTime(new Date(facts.expiresAt), 'longDate')
        : facts.expiresAt,
      acceptUrl: URL_PLACEHOLDER,
    }),
  );
  const url = invitationUrl(token);
  return {
    subject: rendered.subject,
    html: withLink(rendered.html, url),
    text: withLink(rendered.text, url),
  };
}

/** A date written as ISO 8601 ("2026-12-04T10:00:00.000Z"), not yet for people. */
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T/;

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
