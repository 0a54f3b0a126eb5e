import { describe, it, expect } from 'vitest';
import {
  renderInvitationEmail,
  renderOwnershipTransferredEmail,
  renderPreviews,
  renderRemovedEmail,
  renderRoleChangedEmail,
  renderSignInEmail,
  renderSsoCertificateExpiringEmail,
  type InvitationEmailProps,
} from '@/emails/render';

const invitation: InvitationEmailProps = {
  inviterName: 'Maya Chen',
  inviterEmail: 'maya.chen@northwind.example',
  organizationName: 'Northwind Labs',
  roleLabel: 'Admin',
  acceptUrl: 'https://aihub.example.com/invitations/accept?token=abc123',
  expiresAt: 'December 4, 2026',
};

/** All href values of <a> elements, with HTML entities for & decoded. */
function anchorHrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

describe('renderInvitationEmail', () => {
  it('text part contains inviter, organization, role, button label, plain URL, expiry and the ignore sentence', async () => {
    const { text } = await renderInvitationEmail(invitation);
    expect(text).toContain(
      'Maya Chen (maya.chen@northwind.example) invited you to join Northwind Labs on AI Hub as Admin.',
    );
    expect(text).toContain('Join Northwind Labs on AI Hub');
    expect(text).toContain('Accept Invitation');
    expect(text).toContain('Or copy and paste this link into your browser:');
    expect(text).toContain(invitation.acceptUrl);
    expect(text).toContain('This invitation expires on December 4, 2026.');
    expect(text).toContain("If you weren't expecting this invitation, you can ignore this email.");
  });

  it('subject names the inviter and organization', async () => {
    const { subject } = await renderInvitationEmail(invitation);
    expect(subject).toBe('Maya Chen invited you to join Northwind Labs on AI Hub');
  });

  it('shows only the email when the inviter name is empty or equals the email', async () => {
    for (const inviterName of ['', invitation.inviterEmail]) {
      const { text, subject } = await renderInvitationEmail({ ...invitation, inviterName });
      expect(text).toContain(
        'maya.chen@northwind.example invited you to join Northwind Labs on AI Hub as Admin.',
      );
      expect(text).not.toContain('(maya.chen@northwind.example)');
      expect(subject).toBe('maya.chen@northwind.example invited you to join Northwind Labs on AI Hub');
    }
  });

  it('HTML has an <a> whose href is the accept URL', async () => {
    const acceptUrl = 'https://aihub.example.com/invitations/accept?token=abc123&org=42';
    const { html } = await renderInvitationEmail({ ...invitation, acceptUrl });
    expect(anchorHrefs(html)).toContain(acceptUrl);
  });

  it('escapes a <script> tag in names instead of emitting raw HTML', async () => {
    const evil = '<script>alert(1)</script>';
    const { html } = await renderInvitationEmail({
      ...invitation,
      inviterName: evil,
      organizationName: `Acme ${evil}`,
    });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('subject built from names containing "\\r\\n" has no CR or LF', async () => {
    const { subject } = await renderInvitationEmail({
      ...invitation,
      inviterName: 'Mallory\r\nBcc: victim@example.com',
      organizationName: 'Evil\n\rCorp',
    });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe('Mallory Bcc: victim@example.com invited you to join Evil Corp on AI Hub');
  });
});

describe('renderSignInEmail', () => {
  const url =
    'https://aihub.example.com/api/auth/callback/resend?token=xyz789&email=maya%40northwind.example';

  it('contains the sign-in URL in the text part and as an <a> href in the HTML', async () => {
    const { html, text, subject } = await renderSignInEmail({ url, host: 'aihub.example.com' });
    expect(subject).toBe('Sign in to AI Hub');
    expect(text).toContain(url);
    expect(anchorHrefs(html)).toContain(url);
  });

  it('text part contains the heading, button label, expiry notice and ignore sentence', async () => {
    const { text } = await renderSignInEmail({ url, host: 'aihub.example.com' });
    expect(text).toContain('Sign in to AI Hub');
    expect(text).toContain('Sign in');
    expect(text).toContain('This link expires in 24 hours and can be used once.');
    expect(text).toContain("If you didn't try to sign in, you can ignore this email.");
  });
});

describe('the emails about a change (role changed, removed, made Owner)', () => {
  const by = {
    organizationName: 'Northwind Labs',
    actorName: 'Maya Chen',
    actorEmail: 'maya@northwind.example',
  };
  const consoleUrl = 'https://aihub.example.com/admin/northwind-labs/users';

  it('role changed: subject, old and new role, who changed it, what the role allows, and the link, in HTML and plain text', async () => {
    const { subject, html, text } = await renderRoleChangedEmail({
      ...by,
      fromRole: 'Member',
      toRole: 'Owner',
      toRoleSummary: 'manage its members and settings, transfer ownership and delete the organization',
      url: consoleUrl,
    });
    expect(subject).toBe('Your role in Northwind Labs is now Owner');
    expect(text).toContain(
      'Maya Chen (maya@northwind.example) changed your role in Northwind Labs on AI Hub from Member to Owner.',
    );
    expect(text).toContain('As an Owner you can manage its members and settings');
    expect(text).toContain(consoleUrl);
    expect(anchorHrefs(html)).toEqual([consoleUrl]);
  });

  it('removed: subject, organization and who removed them, and no link at all', async () => {
    const { subject, html, text } = await renderRemovedEmail(by);
    expect(subject).toBe('You were removed from Northwind Labs on AI Hub');
    expect(text).toContain('Maya Chen (maya@northwind.example) removed you from Northwind Labs on AI Hub.');
    expect(text).toContain('Your AI Hub account stays');
    expect(anchorHrefs(html)).toEqual([]);
    expect(text).not.toMatch(/https?:\/\//);
  });

  it('made Owner: subject, who handed it over and that they are an Admin now, and the console link', async () => {
    const { subject, html, text } = await renderOwnershipTransferredEmail({
      ...by,
      actorName: '',
      ownerSummary: 'manage its members and settings, transfer ownership and delete the organization',
      url: consoleUrl,
    });
    expect(subject).toBe('You are now an Owner of Northwind Labs on AI Hub');
    expect(text).toContain(
      'maya@northwind.example transferred ownership of Northwind Labs on AI Hub to you. You are an Owner now, and maya@northwind.example is an Admin.',
    );
    expect(anchorHrefs(html)).toEqual([consoleUrl]);
  });

  it('escape names and keep subjects on one line', async () => {
    const evil = {
      ...by,
      organizationName: 'Evil\r\n<script>x</script>',
      actorName: '<img src=x onerror=alert(1)>',
    };
    for (const { subject, html } of [
      await renderRemovedEmail(evil),
      await renderRoleChangedEmail({
        ...evil,
        fromRole: 'Member',
        toRole: 'Admin',
        toRoleSummary: 'x',
        url: consoleUrl,
      }),
      await renderOwnershipTransferredEmail({ ...evil, ownerSummary: 'x', url: consoleUrl }),
    ]) {
      expect(subject).not.toMatch(/[\r\n]/);
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img src=x');
    }
  });
});

describe('renderSsoCertificateExpiringEmail', () => {
  const certificate = {
    organizationName: 'Northwind Labs',
    connectionName: 'Okta',
    certificateSubject: 'CN=northwind.okta.example',
    fingerprint: 'AB:CD',
    expiresAt: 'Jan 6, 2027, 4:17 AM UTC',
    expired: false,
    url: 'https://aihub.example.com/admin/northwind/sso',
  };

  it('names the organization, connection, certificate and expiry, says what to do, and links the SSO page', async () => {
    const { subject, html, text } = await renderSsoCertificateExpiringEmail(certificate);
    expect(subject).toBe(
      'The signing certificate of Okta expires on Jan 6, 2027, 4:17 AM UTC (Northwind Labs)',
    );
    for (const fact of ['Northwind Labs', 'CN=northwind.okta.example', 'AB:CD', 'Valid until: Jan 6, 2027'])
      expect(text).toContain(fact);
    expect(text).toMatch(/upload its new metadata/);
    expect(text).toMatch(/accepts both/);
    expect(anchorHrefs(html)).toEqual([certificate.url]);
  });

  it('an expired certificate says so; a connection or subject with markup is escaped, the subject one line', async () => {
    const { subject, html } = await renderSsoCertificateExpiringEmail({
      ...certificate,
      expired: true,
      connectionName: 'Okta\r\n<script>x</script>',
      certificateSubject: '<img src=x onerror=alert(1)>',
    });
    expect(subject).toMatch(/expired on Jan 6, 2027/);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
  });
});

describe('every email has a document title', () => {
  it('each template renders a <title> in its <head> that is its subject, and the plain-text part does not repeat it', async () => {
    const previews = await renderPreviews();
    expect(previews.map((preview) => preview.name)).toEqual([
      'invitation',
      'sign-in',
      'role-changed',
      'removed',
      'ownership-transferred',
      'domain-failing',
      'sso-certificate-expiring',
    ]);
    for (const { name, email } of previews) {
      const head = /<head>([\s\S]*?)<\/head>/.exec(email.html)?.[1] ?? '';
      const title = /<title>([^<]*)<\/title>/.exec(head)?.[1];
      const decoded = title
        ?.replace(/&amp;/g, '&')
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&quot;/g, '"');
      expect(decoded, `the <title> of the ${name} email`).toBe(email.subject);
      expect(email.text.startsWith(email.subject), `the text part of ${name}`).toBe(false);
    }
  });

  it('a name with markup in it is escaped in the title, not run', async () => {
    const { html } = await renderInvitationEmail({
      ...invitation,
      organizationName: '</title><script>x</script>',
    });
    expect(html).not.toContain('<script>x</script>');
    expect(/<title>[^<]*&lt;\/title&gt;&lt;script&gt;/.test(html)).toBe(true);
  });
});
