// Activity's sentences come from the catalogs: the same English as always, and Korean and Japanese
// sentences for every audit action, with no English words left in them but names, addresses and brands.
import { describe, expect, it } from 'vitest';
import { auditActionValues, ssoRefusalValues } from '@/db/values';
import { eventSentence, type DescribedEvent } from '@/lib/shared/activity-sentences';
import { english, translator } from '../support/english';

const details: Record<string, unknown> = {
  from: 'member',
  to: 'admin',
  role: 'admin',
  domain: 'acme.test',
  group: 'Leads',
  connection: 'Okta',
  name: 'Token',
  rows: 3,
  search: 'hop',
  status: 'suspended',
  inactiveDays: 30,
  added: 2,
  removed: 1,
  reason: 'no_seat',
};

const event = (action: DescribedEvent['action'], more: Record<string, unknown> = {}): DescribedEvent => ({
  action,
  actorEmail: 'ann@acme.test',
  actorName: 'Ann',
  targetEmail: 'bob@acme.test',
  details: { ...details, ...more },
});

/** What may stay Latin in a translated sentence: the event's own names (quoted or not) and the brands. */
const allowed =
  /“[^”]*”|「[^」]*」|acme\.test|ann@|bob@|Ann|Leads|Okta|Token|hop|AI Hub|SSO|SCIM|CSV|SAML|OpenID Connect|JIT|Just-In-Time|ID|break-glass|UTC/g;

describe('activity sentences in every language', () => {
  it('reads in English as before', () => {
    expect(eventSentence(event('members.exported', { role: null }), english)).toBe(
      'Ann exported the user list as CSV (3 rows, search “hop”, status suspended, inactive 30+ days)',
    );
    expect(eventSentence(event('organization.seat_limit_changed', { to: 1500 }), english)).toBe(
      'Ann set the seat limit to 1,500',
    );
    expect(eventSentence(event('sso.tested', { ok: false }), english)).toBe(
      'Ann tested the SSO connection “Okta”: it failed, as no seat was free for the person to join',
    );
    expect(eventSentence(event('join.approved'), english)).toBe(
      "Ann approved bob@acme.test's request to join, as Admin",
    );
  });

  it('says every action in Korean and Japanese, with no English words', () => {
    for (const locale of ['ko', 'ja'] as const) {
      const t = translator(locale);
      for (const action of auditActionValues) {
        const policies = action === 'domain.join_policy_changed' ? { from: 'off', to: 'automatic' } : {};
        const sentence = eventSentence(event(action, policies), t);
        expect(sentence.replace(allowed, ''), `${locale} ${action}: ${sentence}`).not.toMatch(/[A-Za-z]{2,}/);
      }
      for (const reason of ssoRefusalValues) {
        const sentence = eventSentence(event('sso.refused', { reason }), t);
        expect(sentence.replace(allowed, ''), sentence).not.toMatch(/[A-Za-z]{2,}/);
      }
    }
  });

  it('names roles and counts in the reader’s words', () => {
    expect(eventSentence(event('invitation.sent'), translator('ko'))).toBe(
      'Ann: bob@acme.test을(를) 관리자로 초대했습니다',
    );
    expect(eventSentence(event('group.members_changed'), translator('ja'))).toBe(
      'Annがグループ「Leads」に2人のメンバーを追加し、グループ「Leads」から1人のメンバーを削除しました',
    );
  });

  it('tells a connection’s recorded change part by part, a name with "; " whole', () => {
    const change = event('sso.connection_changed', {
      change: 'renamed it from “Old; x”; turned it on; people who join through it join as Admin',
    });
    expect(eventSentence(change, english)).toBe(
      'Ann changed the SSO connection “Okta”: renamed it from “Old; x”; turned it on; people who join through it join as Admin',
    );
    expect(eventSentence(change, translator('ja'))).toBe(
      'AnnがSSO接続「Okta」を変更しました：旧名「Old; x」から名前を変更、接続を有効化、接続から参加するユーザーを管理者として参加させる設定に変更',
    );
  });
});
