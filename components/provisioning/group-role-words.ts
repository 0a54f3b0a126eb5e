// The words of the provisioning page's Directory groups section: the mapping's choices, the rule in one
// sentence, and what a change did, for its toast (DESIGN §12). Pure: the words come from the catalogs
// (provisioning.groups), through the translator the caller holds (useTranslations on a page, the English
// one in tests).
import type { useTranslations } from 'next-intl';
import type { InvitationRole } from '@/db/values';

/** A translator of the provisioning namespace. */
export type ProvisioningWords = ReturnType<typeof useTranslations<'provisioning'>>;

/** The select's choices as [value, text]: "none" stands for no role (a select's value is never empty). */
export function groupRoleOptions(t: ProvisioningWords): ReadonlyArray<readonly [string, string]> {
  return [
    ['none', t('groups.options.none')],
    ['member', t('groups.options.member')],
    ['admin', t('groups.options.admin')],
  ];
}

/** The mapping's rule in one sentence. */
export function groupRoleRule(t: ProvisioningWords): string {
  return t('groups.rule');
}

export function groupRoleValue(role: InvitationRole | null): string {
  return role ?? 'none';
}

export function groupRoleOf(value: string): InvitationRole | null {
  return value === 'admin' || value === 'member' ? value : null;
}

/**
 * What a change of mapping did, for its toast: "3 people are now Admins", "1 person is now a Member";
 * when no role changed, what the group now gives.
 */
export function groupRoleChanged(
  t: ProvisioningWords,
  change: { group: string; to: InvitationRole | null; changed: number },
): string {
  const { group, to, changed } = change;
  // Taking a mapping away or mapping to Member can only bring a role down, to Member (the highest of the
  // other mapped groups, else the default): whoever changed is now a Member.
  const role = to === 'admin' ? 'admin' : 'member';
  if (changed > 0) return t('groups.changed', { count: changed, role });
  return to === null ? t('groups.unchangedNone', { group }) : t('groups.unchanged', { group, role });
}
