// The console's words that are pure functions (issue 14, item 13): slugs cut at a word, the toast after
// creating an organization whose name's address was taken, the count near a field's limit, and an
// invitation row without a word for a plain "sent".
import { describe, expect, it } from 'vitest';
import { invitationDetails } from '@/components/users/format';
import { characterCount } from '@/lib/shared/character-count';
import { MAX_SLUG_BASE } from '@/lib/shared/limits';
import { cutAtWord, slugify } from '@/lib/shared/organization-names';
import { english } from '../support/english-words';

describe('slugs', () => {
  it('are cut at the end of a word, never inside one', () => {
    const name = 'Northwind Traders International Logistics and Distribution Holdings';
    const slug = slugify(name);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_BASE);
    expect(slug).toBe('northwind-traders-international-logistics-and');
    expect(cutAtWord('alpha-beta-gamma', 13)).toBe('alpha-beta');
    expect(cutAtWord('alpha-beta-gamma', 10)).toBe('alpha-beta');
    expect(cutAtWord('alpha-beta', 20)).toBe('alpha-beta');
  });

  it('cut a single long first word where they must', () => {
    expect(cutAtWord('supercalifragilistic-x', 10)).toBe('supercalif');
    expect(slugify('a'.repeat(60))).toBe('a'.repeat(MAX_SLUG_BASE));
  });
});

describe('the toast after creating an organization', () => {
  it('names it, and says its address when its name’s was taken', () => {
    // As components/home/create-organization-form.tsx says it.
    expect(english.t('home.create.created', { name: 'Acme' })).toBe('Created Acme');
    expect(
      english.t('home.create.createdElsewhere', { name: 'Acme', slug: 'acme-2', wanted: slugify('Acme') }),
    ).toBe('Created Acme. Its address is /admin/acme-2: acme was taken.');
  });
});

describe('the count of a field with a limit', () => {
  it('shows from 15 characters before the limit', () => {
    expect(characterCount(64, 80)).toBeNull();
    expect(characterCount(65, 80)).toBe('65/80');
    expect(characterCount(80, 80)).toBe('80/80');
    expect(characterCount(44, 60)).toBeNull();
    expect(characterCount(45, 60)).toBe('45/60');
  });
});

describe('an invitation row', () => {
  const row = {
    status: 'pending',
    lastSentAt: '2026-03-03T10:00:00Z',
    sendCount: 1,
    expiresAt: '2026-03-10T10:00:00Z',
  };

  it('says nothing more for an email that was sent ("Last sent" says it)', () => {
    expect(invitationDetails({ ...row, delivery: 'sent' }, english)).toEqual([
      'Last sent Mar 3, 2026, 10:00 AM UTC (sent once)',
      'Expires Mar 10, 2026, 10:00 AM UTC',
    ]);
  });

  it('still names the states that tell something: sending, delivered, bounced', () => {
    expect(invitationDetails({ ...row, delivery: 'delivered' }, english)[0]).toMatch(/ · Delivered$/);
    expect(invitationDetails({ ...row, delivery: 'queued' }, english)[0]).toMatch(/ · Sending$/);
    expect(
      invitationDetails({ ...row, delivery: 'bounced', deliveryError: 'No such mailbox' }, english)[0],
    ).toMatch(/ · Bounced: No such mailbox$/);
  });
});
