import { ClientMessages } from '@/app/_lib/client-messages';

/**
 * The SSO page: the page's browser components get its words, and Activity's words for a refused sign-in,
 * which the last test's result gives as its reason (lib/shared/sso-sentences.ts ssoRefusalReason).
 */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={['sso', 'activity.ssoRefusals']}>{children}</ClientMessages>;
}
