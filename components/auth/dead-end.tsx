import { FileQuestion, ShieldX } from 'lucide-react';
import { AuthCard } from './auth-card';

/** The pages that end a path: what happened, and the one way onward. */
const deadEnds = {
  notFound: {
    title: 'Page not found',
    description: 'The page you were looking for does not exist, or is not available here.',
    Icon: FileQuestion,
    way: { href: '/', label: 'Go to AI Hub' },
  },
  forbidden: {
    title: "You don't have access to this admin console",
    description:
      'Only Owners and Admins of an organization can open its admin console. If you think you should, ask an Owner or Admin of the organization.',
    Icon: ShieldX,
    way: { href: '/', label: 'Go to your organizations' },
  },
};

export function DeadEnd({ kind }: { kind: keyof typeof deadEnds }) {
  const { Icon, ...page } = deadEnds[kind];
  return <AuthCard {...page} icon={<Icon className="size-10 text-muted-foreground" aria-hidden="true" />} />;
}
