// What the database keeps, and what the emails carry.
//
// 1. After a run with the Resend transport (invite, resend, accept signed in, accept as a new account,
//    decline), every column of every table is scanned: no raw invitation token, no invitation link, no
//    message body; the development mailbox table stays empty.
// 2. Hostile organization and inviter names (HTML, script, CR/LF "Bcc:" lines) in the invitation email:
//    escaped in the HTML part, plain in the text part, folded out of the subject, and the recipient
//    header is exactly the address (checked on what is posted to the Resend API, and in the mailbox).
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { listMailboxMessages } from '@/lib/email/mailbox';
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  declineInvitation,
  inviteMembers,
  resendInvitation,
} from '@/lib/invitations';
import { hashToken } from '@/lib/auth/secret-token';
import { advanceClock } from '@/lib/clock';
import { usingPostgres, useTestDatabase } from '../support/db';
import { createOrganizationWithOwner, createUser } from '../support/factories';
import { useFakeResend, useResendAt } from '../support/fake-resend';
import { tokenFrom } from '../support/state';
import { reportFigures } from './support/figures';
import { rawRows } from '../support/raw-rows';

useTestDatabase();

const fake = useFakeResend();

const figures: [string, string | number][] = [];
afterAll(() =>
  reportFigures(
    'secrets-and-emails',
    `Secrets at rest and email escaping (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`,
    figures,
  ),
);

/** Every row of every table in the public schema, each as one text (PostgreSQL's row-to-text). */
async function everyRowAsText(): Promise<{ table: string; text: string }[]> {
  const db = await getDb();
  const tables = await rawRows<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: { table: string; text: string }[] = [];
  for (const { table_name: table } of tables) {
    const found = await rawRows<{ text: string }>(
      db,
      sql`SELECT t::text AS text FROM ${sql.identifier(table)} t`,
    );
    for (const row of found) out.push({ table, text: row.text });
  }
  return out;
}

describe('the database never holds a raw token or an invitation link (Resend transport)', () => {
  it('after invite, resend, accept (signed in and as a new account) and decline', async () => {
    useResendAt(fake.baseUrl, { timeoutMs: 2_000 });
    vi.stubEnv('INVITATION_RESEND_COOLDOWN_SECONDS', '0');
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const existing = await createUser({ email: 'existing@example.com' });

    const summary = await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['existing@example.com', 'newcomer@example.com', 'decliner@example.com', 'resent@example.com'],
      role: 'member',
    });
    expect(summary.counts.invited).toBe(4);
    advanceClock(1_000);
    const resentId = summary.results.find((r) => r.email === 'resent@example.com')!.invitationId!;
    expect(
      await resendInvitation(owner, { organizationId: organization.id, invitationId: resentId }),
    ).toMatchObject({ outcome: 'resent' });

    const posted = fake.emails();
    expect(posted).toHaveLength(5);
    const tokens = posted.map((email) => tokenFrom(email.text!));
    const latest = (address: string) => tokenFrom(posted.filter((e) => e.to === address).at(-1)!.text!);
    await acceptInvitation(existing, { token: latest('existing@example.com') });
    const created = await acceptInvitationAsNewUser({
      token: latest('newcomer@example.com'),
      name: 'New Comer',
    });
    await declineInvitation(null, { token: latest('decliner@example.com') });

    const everything = await everyRowAsText();
    expect(everything.length).toBeGreaterThan(10);
    const links = posted.map((email) => /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(email.text!)![0]);
    for (const { table, text } of everything) {
      for (const token of tokens)
        expect(text.includes(token), `raw token in ${table}: ${text.slice(0, 200)}`).toBe(false);
      for (const link of links) expect(text.includes(link), `link in ${table}`).toBe(false);
      expect(text, `an invitation path in ${table}`).not.toMatch(/\/invite\/[A-Za-z0-9_-]{43}/);
      expect(text, `an email body in ${table}`).not.toContain('Accept Invitation');
    }
    // Only the hashes are there, one per live link.
    const hashes = (
      await rawRows<{ token_hash: string }>(await getDb(), sql`SELECT token_hash FROM invitations`)
    ).map((r) => r.token_hash);
    expect(hashes).toContain(hashToken(latest('resent@example.com')));
    expect(hashes).not.toContain(hashToken(tokens[3])); // the first link to resent@ was replaced
    expect(await listMailboxMessages()).toEqual([]);
    // The one secret the database does hold by design: the database session of the new account (Auth.js
    // database sessions), which is what the cookie carries. Listed in SECURITY.md.
    expect(
      everything.filter((r) => r.table === 'sessions').some((r) => r.text.includes(created.sessionToken)),
    ).toBe(true);
    figures.push(['rows scanned after a Resend run', everything.length]);
    figures.push(['raw tokens / links looked for', `${tokens.length} / ${links.length}, none found`]);
  });
});

describe('hostile names in the invitation email', () => {
  const ORGANIZATION = '<script>alert("org")</script> & "Co"';
  const INVITER = '<img src=x onerror=alert(1)>\r\nBcc: attacker@evil.example';

  async function hostileInvitation() {
    const { organization, owner } = await createOrganizationWithOwner(ORGANIZATION);
    // Names typed in the app are folded to one line; this one is written directly, as old data might be.
    const db = await getDb();
    await db.update(users).set({ name: INVITER }).where(eq(users.id, owner.userId));
    return { organization, owner: { ...owner, name: INVITER } };
  }

  function expectSafe(
    message: { to: string | string[]; subject: string; html?: string; text?: string; from?: string },
    address: string,
  ) {
    expect(
      message.to === address ||
        (Array.isArray(message.to) && message.to.length === 1 && message.to[0] === address),
    ).toBe(true);
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.subject).toContain('Bcc: attacker@evil.example'); // folded into the subject line as text, not a header
    expect(message.from ?? '').not.toMatch(/[\r\n]/);
    const html = message.html!;
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(message.text).toContain(ORGANIZATION);
  }

  it('through the Resend API: escaped HTML, one-line subject, the recipient exactly the address', async () => {
    useResendAt(fake.baseUrl, { timeoutMs: 2_000 });
    const { organization, owner } = await hostileInvitation();
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['target@example.com'],
      role: 'admin',
    });
    const [message] = fake.emails();
    expectSafe(message, 'target@example.com');
    // Nothing the user typed reached a request header either.
    for (const request of fake.requests)
      for (const value of Object.values(request.headers))
        expect(String(value)).not.toContain('attacker@evil.example');
    figures.push(['hostile names, Resend payload', 'escaped, one-line subject']);
  });

  it('through the development mailbox: the same', async () => {
    vi.stubEnv('EMAIL_TRANSPORT', 'mailbox');
    const { organization, owner } = await hostileInvitation();
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['target@example.com'],
      role: 'member',
    });
    const [message] = await listMailboxMessages();
    expectSafe(message, 'target@example.com');
    figures.push(['hostile names, mailbox message', 'escaped, one-line subject']);
  });
});
