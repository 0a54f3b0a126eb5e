import Link from 'next/link';
import { ShieldX } from 'lucide-react';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <AuthCard
      title="You don't have access to this admin console"
      description="Only Owners and Admins of an organization can open its admin console. If you think you should, ask an Owner or Admin of the organization."
      icon={<ShieldX className="size-10 text-muted-foreground" aria-hidden="true" />}
    >
      <Button asChild>
        <Link href="/">Go to your organizations</Link>
      </Button>
    </AuthCard>
  );
}
