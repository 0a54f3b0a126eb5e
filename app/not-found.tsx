import Link from 'next/link';
import { FileQuestion } from 'lucide-react';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

export default function NotFound() {
  return (
    <AuthCard
      title="Page not found"
      description="The page you were looking for does not exist, or is not available here."
      icon={<FileQuestion className="size-10 text-muted-foreground" aria-hidden="true" />}
    >
      <Button asChild>
        <Link href="/">Go to AI Hub</Link>
      </Button>
    </AuthCard>
  );
}
