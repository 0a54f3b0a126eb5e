// The provisioning page's Directory groups in words (components/provisioning/group-role-words.ts): the
// toast after a mapping changed, and the select's choices (never Owner).
import { describe, expect, it } from 'vitest';
import {
  groupRoleChanged as changedIn,
  groupRoleOf,
  groupRoleOptions,
  groupRoleValue,
} from '@/components/provisioning/group-role-words';
import { translatorFor } from '@/lib/i18n/translator';

const english = translatorFor('en', 'provisioning');
const groupRoleChanged = (change: Parameters<typeof changedIn>[1]) => changedIn(english, change);

describe('the toast after a change of mapping', () => {
  it('says how many people now hold which role', () => {
    expect(groupRoleChanged({ group: 'Leads', to: 'admin', changed: 3 })).toBe('3 people are now Admins');
    expect(groupRoleChanged({ group: 'Leads', to: 'admin', changed: 1 })).toBe('1 person is now an Admin');
    expect(groupRoleChanged({ group: 'Leads', to: 'member', changed: 2 })).toBe('2 people are now Members');
    expect(groupRoleChanged({ group: 'Leads', to: null, changed: 1 })).toBe('1 person is now a Member');
  });

  it('says what the group gives when nobody’s role changed', () => {
    expect(groupRoleChanged({ group: 'Leads', to: 'admin', changed: 0 })).toBe(
      "Members of “Leads” are Admins; no one's role changed",
    );
    expect(groupRoleChanged({ group: 'Leads', to: null, changed: 0 })).toBe(
      "“Leads” gives no role now; no one's role changed",
    );
  });
});

describe('in Korean and Japanese', () => {
  it('says the change with the count and the role, without English', () => {
    const korean = translatorFor('ko', 'provisioning');
    const japanese = translatorFor('ja', 'provisioning');
    for (const [t, person] of [
      [korean, '3명'],
      [japanese, '3人'],
    ] as const) {
      const said = changedIn(t, { group: 'Leads', to: 'admin', changed: 3 });
      expect(said).toContain(person);
      expect(said).not.toMatch(/[A-Za-z]{2,}/);
      expect(changedIn(t, { group: 'Leads', to: null, changed: 0 })).toContain('Leads');
    }
  });
});

describe('the select', () => {
  it('offers No role, Member and Admin, never Owner, and reads its value back', () => {
    expect(groupRoleOptions(english).map(([, text]) => text)).toEqual(['No role', 'Member', 'Admin']);
    expect(groupRoleOf(groupRoleValue(null))).toBeNull();
    expect(groupRoleOf(groupRoleValue('admin'))).toBe('admin');
    expect(groupRoleOf('owner')).toBeNull();
  });
});
