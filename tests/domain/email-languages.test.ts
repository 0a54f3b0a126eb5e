// The language of the emails the queue sends (lib/email/locale.ts): the recipient's account choice, else
// the sender's (their account's choice, else the language of the request they acted through, which the
// queued facts keep), else English. Subjects too; each language is rendered once per fetch.
import { describe, expect, it, vi } from 'vitest';
import { listMailboxMessages } from '@/lib/email/mailbox';
import { emailFor } from '@/lib/email/render-queued';
import { saveAccountLocale } from '@/lib/auth/locale';
import { inviteMembers } from '@/lib/invitations';
import { changeRoles } from '@/lib/members';
import { useTestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { addMember, createOrganizationWithOwner, createUser } from '../support/factories';

useTestDatabase();

async function only() {
  const messages = await listMailboxMessages();
  expect(messages).toHaveLength(1);
  return messages[0];
}

describe('an invitation', () => {
  it('from an Owner whose account chose Korean, to an address whose account chose Japanese, arrives in Japanese', async () => {
    vi.stubEnv('APP_URL', 'https://hub.example.com/');
    const { organization, owner } = await createOrganizationWithOwner('Northwind');
    await saveAccountLocale(owner.userId, 'ko');
    const invitee = await createUser({ name: 'Aiko Sato' });
    await saveAccountLocale(invitee.userId, 'ja');
    await inviteMembers(owner, { organizationId: organization.id, emails: [invitee.email], role: 'admin' });

    const email = await only();
    expect(email.to).toBe(invitee.email);
    expect(email.subject).toBe('Olivia Owner 様から AI Hub の Northwind への招待が届いています');
    expect(email.text).toContain(
      `Olivia Owner 様（${owner.email}）から、AI Hub の Northwind に管理者として招待されました。`,
    );
    expect(email.text).toContain('招待を承諾');
    expect(email.text).toMatch(/この招待の有効期限は \d{4}年\d{1,2}月\d{1,2}日 です。/);
    expect(email.text).toContain('https://hub.example.com/invite/');
    expect(email.html).toContain('lang="ja"');
    expect(email.text).not.toMatch(/invited you|Accept Invitation|expires on/);
  });

  it('to an address with no account, arrives in the language the inviting Owner chose (Korean)', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Northwind');
    await saveAccountLocale(owner.userId, 'ko');
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['newcomer@example.com'],
      role: 'member',
    });

    const email = await only();
    expect(email.subject).toBe('Olivia Owner 님이 AI Hub의 Northwind 조직에 회원님을 초대했습니다');
    expect(email.text).toContain(
      `Olivia Owner 님(${owner.email})이 회원님을 AI Hub의 Northwind 조직에 멤버로 초대했습니다.`,
    );
    expect(email.text).toContain('초대 수락');
    expect(email.text).toMatch(/이 초대는 \d{4}년 \d{1,2}월 \d{1,2}일에 만료됩니다\./);
    expect(email.html).toContain('lang="ko"');
  });

  it('from an Owner who chose nothing on their account, arrives in the language of the request they invited through', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Northwind');
    await inviteMembers(
      { ...owner, locale: 'ja' },
      { organizationId: organization.id, emails: ['newcomer@example.com'], role: 'member' },
    );
    const email = await only();
    expect(email.subject).toBe('Olivia Owner 様から AI Hub の Northwind への招待が届いています');
  });

  it('with no choice anywhere, arrives in English, as before', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Northwind');
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: ['newcomer@example.com'],
      role: 'member',
    });
    const email = await only();
    expect(email.subject).toBe('Olivia Owner invited you to join Northwind on AI Hub');
    expect(email.html).toContain('lang="en"');
  });

  it('to two addresses of one request in two languages, each arrives in its own', async () => {
    const { organization, owner } = await createOrganizationWithOwner('Northwind');
    const japanese = await createUser();
    await saveAccountLocale(japanese.userId, 'ja');
    await inviteMembers(owner, {
      organizationId: organization.id,
      emails: [japanese.email, 'newcomer@example.com'],
      role: 'member',
    });
    const messages = await listMailboxMessages();
    const subjects = Object.fromEntries(messages.map((message) => [message.to, message.subject]));
    expect(subjects).toEqual({
      [japanese.email]: 'Olivia Owner 様から AI Hub の Northwind への招待が届いています',
      'newcomer@example.com': 'Olivia Owner invited you to join Northwind on AI Hub',
    });
  });
});

describe('a role change', () => {
  it("arrives in the language the member chose on their account, whatever the Owner's", async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme Research');
    await saveAccountLocale(owner.userId, 'ja');
    const sam = await addMember(organization.id, 'member', await createUser({ name: 'Sam Lee' }));
    await saveAccountLocale(sam.userId, 'ko');
    await changeRoles(owner, { organizationId: organization.id, ids: [sam.membershipId], role: 'admin' });

    await eventually(async () => (await listMailboxMessages()).length === 1);
    const email = await only();
    expect(email.to).toBe(sam.email);
    expect(email.subject).toBe('Acme Research에서의 역할이 관리자로 변경되었습니다');
    expect(email.text).toContain(
      `Olivia Owner 님(${owner.email})이 AI Hub의 Acme Research에서 회원님의 역할을 멤버에서 관리자로 변경했습니다.`,
    );
    expect(email.text).toContain('관리자 역할로 사용자를 초대하고 조직의 멤버와 설정을 관리할 수 있습니다.');
    expect(email.text).toContain('AI Hub 열기');
    expect(email.html).toContain('lang="ko"');
  });

  it("to a member who chose nothing, arrives in the language of the Owner's request", async () => {
    const { organization, owner } = await createOrganizationWithOwner('Acme');
    const sam = await addMember(organization.id, 'member');
    await changeRoles(
      { ...owner, locale: 'ja' },
      { organizationId: organization.id, ids: [sam.membershipId], role: 'admin' },
    );
    await eventually(async () => (await listMailboxMessages()).length === 1);
    const email = await only();
    expect(email.subject).toBe('Acme でのロールが管理者に変更されました');
  });
});

describe('the notices of a domain whose record went missing', () => {
  const facts = {
    organizationName: 'Northwind',
    organizationSlug: 'northwind',
    domain: 'northwind.example',
    recordName: '_ai-hub-verification.northwind.example',
    recordValue: 'ai-hub-verification=abc',
    stopsCountingAt: '2026-12-14T04:17:00.000Z',
  };
  const message = (payload: Record<string, unknown>, recipient = 'owner@example.com') => ({
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'domain_failing',
    recipient,
    payload,
  });

  it('found by a Verify, are in the language of its request; found by the daily re-check, in English', async () => {
    const verified = await emailFor(message({ ...facts, locale: 'ko' }), new Map());
    expect(verified).toMatchObject({
      subject: 'northwind.example 도메인의 인증 레코드를 찾을 수 없습니다(Northwind)',
    });
    const daily = await emailFor(message(facts), new Map());
    expect(daily).toMatchObject({
      subject: 'The verification record of northwind.example is missing (Northwind)',
    });
    expect((daily as { text: string }).text).toContain('Unless the record is back by Dec 14, 2026, 4:17');
  });

  it("are in the language the Owner chose on their account, before the Verify's", async () => {
    const owner = await createUser();
    await saveAccountLocale(owner.userId, 'ja');
    const email = await emailFor(message({ ...facts, locale: 'ko' }, owner.email), new Map());
    expect(email).toMatchObject({ subject: 'northwind.example の検証レコードが見つかりません（Northwind）' });
  });
});
