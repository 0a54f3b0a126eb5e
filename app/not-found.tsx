import Link from 'next/link';
import { connection } from 'next/server';
import { FileQuestion } from 'lucide-react';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

/**
 * Rendered per request (not prerendered at build), so that its scripts carry the request's CSP nonce
 * (proxy.ts) and the page hydrates like every other.
 */
export default async function NotFound() {
  await connection();
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
