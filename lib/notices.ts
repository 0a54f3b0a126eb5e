// Messages a redirect can ask the next page to show as a toast: `?notice=<code>&org=<name>`.
// Codes, not text, travel in the URL, so a crafted link cannot put words in the product's mouth.
const notices = {
  joined: (org: string) => `Welcome to ${org}!`,
  'joined-already': (org: string) => `You are already a member of ${org}.`,
  left: (org: string) => `You left ${org}.`,
  'lost-access': (org: string) => `You no longer have access to the admin console of ${org}.`,
  deleted: (org: string) => `${org} was deleted.`,
  declined: (org: string) => `You declined the invitation to ${org}.`,
} as const;

export type NoticeCode = keyof typeof notices;

export function noticeMessage(code: unknown, org: unknown): string | null {
  if (typeof code !== 'string' || !(code in notices)) return null;
  const name = typeof org === 'string' && org.length > 0 ? org.slice(0, 80) : 'the organization';
  return notices[code as NoticeCode](name);
}

export function noticeQuery(code: NoticeCode, org: string): string {
  return `notice=${encodeURIComponent(code)}&org=${encodeURIComponent(org)}`;
}
