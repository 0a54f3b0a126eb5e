import { createElement, type ReactElement } from 'react';
import { render } from '@react-email/components';
import { formatterFor, translatorFor } from '@/lib/i18n/translator';
import type { Locale } from '@/lib/shared/locales';
import DomainFailingEmail, { domainFailingSubject, type DomainFailingEmailProps } from './domain-failing';
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from './invitation';
import OwnershipTransferredEmail, {
  ownershipTransferredSubject,
  type OwnershipTransferredEmailProps,
} from './ownership-transferred';
import RemovedEmail, { removedSubject, type RemovedEmailProps } from './removed';
import RoleChangedEmail, { roleChangedSubject, type RoleChangedEmailProps } from './role-changed';
import SignInEmail, { signInSubject, type SignInEmailProps } from './sign-in';
import SsoCertificateExpiringEmail, {
  ssoCertificateExpiringSubject,
  type SsoCertificateExpiringEmailProps,
} from './sso-certificate-expiring';

export type { InvitationEmailProps } from './invitation';
export type { SignInEmailProps } from './sign-in';
export type { RoleChangedEmailProps } from './role-changed';
export type { RemovedEmailProps } from './removed';
export type { OwnershipTransferredEmailProps } from './ownership-transferred';
export type { DomainFailingEmailProps } from './domain-failing';
export type { SsoCertificateExpiringEmailProps } from './sso-certificate-expiring';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Subjects go into a mail header: collapse any run of CR/LF into a space and trim. */
export function sanitizeSubject(subject: string): string {
  return subject.replace(/[\r\n]+/g, ' ').trim();
}

/** Keep headings in their original case in the plain-text part (html-to-text uppercases them by default). */
const plainTextOptions = {
  plainText: true,
  htmlToTextOptions: {
    selectors: (['h1', 'h2', 'h3'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
  },
} as const;

async function renderBoth(element: ReactElement): Promise<Pick<RenderedEmail, 'html' | 'text'>> {
  const [html, text] = await Promise.all([render(element), render(element, plainTextOptions)]);
  return { html, text };
}

export async function renderInvitationEmail(props: InvitationEmailProps): Promise<RenderedEmail> {
  const { html, text } = await renderBoth(createElement(InvitationEmail, props));
  return {
    subject: sanitizeSubject(invitationSubject(props)),
    html,
    text,
  };
}

export async function renderSignInEmail(props: SignInEmailProps): Promise<RenderedEmail> {
  const { html, text } = await renderBoth(createElement(SignInEmail, props));
  return { subject: sanitizeSubject(signInSubject(props)), html, text };
}

export async function renderRoleChangedEmail(props: RoleChangedEmailProps): Promise<RenderedEmail> {
  const { html, text } = await renderBoth(createElement(RoleChangedEmail, props));
  return { subject: sanitizeSubject(roleChangedSubject(props)), html, text };
}

export async function renderRemovedEmail(props: RemovedEmailProps): Promise<RenderedEmail> {
  const { html, text } = await renderBoth(createElement(RemovedEmail, props));
  return { subject: sanitizeSubject(removedSubject(props)), html, text };
}

export async function renderOwnershipTransferredEmail(
  props: OwnershipTransferredEmailProps,
): Promise<RenderedEmail> {
  const { html, text } = await renderBoth(createElement(OwnershipTransferredEmail, props));
  return { subject: sanitizeSubject(ownershipTransferredSubject(props)), html, text };
}

export async function renderDomainFailingEmail(props: DomainFailingEmailProps): Promise<RenderedEmail> {
  const { html, text } = await renderBoth(createElement(DomainFailingEmail, props));
  return { subject: sanitizeSubject(domainFailingSubject(props)), html, text };
}

export async function renderSsoCertificateExpiringEmail(
  props: SsoCertificateExpiringEmailProps,
): Promise<RenderedEmail> {
  const { html, text } = await renderBoth(createElement(SsoCertificateExpiringEmail, props));
  return { subject: sanitizeSubject(ssoCertificateExpiringSubject(props)), html, text };
}

/**
 * The preview props of every template in `locale`: English as each template's PreviewProps say, another
 * language with its role names, role summaries and dates in that language (as lib/email/render-queued.ts
 * writes them for a real message).
 */
function previewsIn(locale: Locale) {
  const roles = translatorFor(locale, 'common');
  const t = translatorFor(locale, 'emails');
  const format = formatterFor(locale);
  const at = (iso: string) => roles('utc', { time: format.dateTime(new Date(iso), 'dateTime') });
  const english = locale === 'en';
  return {
    invitation: english
      ? InvitationEmail.PreviewProps
      : {
          ...InvitationEmail.PreviewProps,
          roleLabel: roles('roles.admin'),
          expiresAt: format.dateTime(new Date('2026-12-04T12:00:00Z'), 'longDate'),
        },
    signIn: SignInEmail.PreviewProps,
    roleChanged: english
      ? RoleChangedEmail.PreviewProps
      : {
          ...RoleChangedEmail.PreviewProps,
          fromRole: roles('roles.member'),
          toRole: roles('roles.admin'),
          toRoleSummary: t('roleSummaries.admin'),
        },
    removed: RemovedEmail.PreviewProps,
    ownershipTransferred: english
      ? OwnershipTransferredEmail.PreviewProps
      : { ...OwnershipTransferredEmail.PreviewProps, ownerSummary: t('roleSummaries.owner') },
    domainFailing: english
      ? DomainFailingEmail.PreviewProps
      : { ...DomainFailingEmail.PreviewProps, stopsCountingAt: at('2026-12-14T04:17:00Z') },
    ssoCertificate: english
      ? SsoCertificateExpiringEmail.PreviewProps
      : { ...SsoCertificateExpiringEmail.PreviewProps, expiresAt: at('2027-01-06T04:17:00Z') },
  };
}

/** Every template with its preview props, rendered in `locale`: what `npm run email:dev` and /dev/emails show. */
export async function renderPreviews(
  locale: Locale = 'en',
): Promise<{ name: string; email: RenderedEmail }[]> {
  const props = previewsIn(locale);
  return [
    { name: 'invitation', email: await renderInvitationEmail({ ...props.invitation, locale }) },
    { name: 'sign-in', email: await renderSignInEmail({ ...props.signIn, locale }) },
    { name: 'role-changed', email: await renderRoleChangedEmail({ ...props.roleChanged, locale }) },
    { name: 'removed', email: await renderRemovedEmail({ ...props.removed, locale }) },
    {
      name: 'ownership-transferred',
      email: await renderOwnershipTransferredEmail({ ...props.ownershipTransferred, locale }),
    },
    { name: 'domain-failing', email: await renderDomainFailingEmail({ ...props.domainFailing, locale }) },
    {
      name: 'sso-certificate-expiring',
      email: await renderSsoCertificateExpiringEmail({ ...props.ssoCertificate, locale }),
    },
  ];
}
