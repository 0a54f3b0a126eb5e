import { createElement, type ReactElement } from 'react';
import { render } from '@react-email/components';
import DomainFailingEmail, { domainFailingSubject, type DomainFailingEmailProps } from './domain-failing';
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from './invitation';
import OwnershipTransferredEmail, {
  ownershipTransferredSubject,
  type OwnershipTransferredEmailProps,
} from './ownership-transferred';
import RemovedEmail, { removedSubject, type RemovedEmailProps } from './removed';
import RoleChangedEmail, { roleChangedSubject, type RoleChangedEmailProps } from './role-changed';
import SignInEmail, { type SignInEmailProps } from './sign-in';
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
  return { subject: sanitizeSubject('Sign in to AI Hub'), html, text };
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

/** Every template with its preview props, rendered: what `npm run email:dev` and /dev/emails show. */
export async function renderPreviews(): Promise<{ name: string; email: RenderedEmail }[]> {
  return [
    { name: 'invitation', email: await renderInvitationEmail(InvitationEmail.PreviewProps) },
    { name: 'sign-in', email: await renderSignInEmail(SignInEmail.PreviewProps) },
    { name: 'role-changed', email: await renderRoleChangedEmail(RoleChangedEmail.PreviewProps) },
    { name: 'removed', email: await renderRemovedEmail(RemovedEmail.PreviewProps) },
    {
      name: 'ownership-transferred',
      email: await renderOwnershipTransferredEmail(OwnershipTransferredEmail.PreviewProps),
    },
    { name: 'domain-failing', email: await renderDomainFailingEmail(DomainFailingEmail.PreviewProps) },
    {
      name: 'sso-certificate-expiring',
      email: await renderSsoCertificateExpiringEmail(SsoCertificateExpiringEmail.PreviewProps),
    },
  ];
}
