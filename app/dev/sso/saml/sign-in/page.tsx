import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  DEVELOPMENT_SAML_PATHS,
  DevelopmentSamlError,
  developmentSamlIdpRuns,
  readDevelopmentRequest,
} from '@/lib/sso/development/saml-development';
import { devPagesOpenTo } from '../../../access';

export const metadata: Metadata = { title: 'Development identity provider' };
export const dynamic = 'force-dynamic';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The development identity provider's sign-in page (HTTP-Redirect SSO endpoint): the person types the
 * address to sign in as, with no password, as the development mailbox stands in for email. The form
 * posts to ../answer, which posts the signed response on to the connection's ACS.
 */
export default async function DevelopmentSamlSignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!devPagesOpenTo(await headers()) || !developmentSamlIdpRuns()) notFound();
  const params = await searchParams;
  const samlRequest = text(params.SAMLRequest);
  const problem = text(params.problem).slice(0, 200);
  let refusal: string | null = null;
  try {
    await readDevelopmentRequest(samlRequest);
  } catch (error) {
    if (!(error instanceof DevelopmentSamlError)) throw error;
    refusal = error.message;
  }
  if (refusal) {
    return (
      <AuthCard
        title="Development identity provider"
        description={refusal}
        way={{ href: '/login', label: 'Back to sign-in' }}
      />
    );
  }
  return (
    <AuthCard
      title="Development identity provider"
      description="This stands in for a company’s identity provider on this machine. Type the address to sign in as: no password is asked."
    >
      <form method="post" action={DEVELOPMENT_SAML_PATHS.answer} className="grid gap-4" noValidate>
        <input type="hidden" name="SAMLRequest" value={samlRequest} />
        <div className="grid gap-2">
          <Label htmlFor="email">Email address</Label>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            placeholder="ada@acme.test"
            defaultValue={text(params.email).slice(0, 254)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'email-error' : undefined}
            required
            autoFocus
          />
          {problem ? (
            <p id="email-error" role="alert" className="text-sm text-destructive">
              {problem}
            </p>
          ) : null}
        </div>
        <Button type="submit">Sign in</Button>
      </form>
    </AuthCard>
  );
}
