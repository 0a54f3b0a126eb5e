// The development OpenID provider inside `npm run dev` (instrumentation.ts starts it, as it starts the
// development DNS resolver), so that a newcomer can connect an organization by OpenID Connect with
// nothing else running: issuer http://127.0.0.1:<DEVELOPMENT_OIDC_PORT>, and the client below, whose
// redirect URI is any connection's on this app's public URL. Its state lives on globalThis: Next may
// load this module twice.
import 'server-only';
import { developmentOidcPort, publicUrl } from '../../config';
import { oidcRedirectUrl } from '../urls';
import { startDevelopmentOidcProvider, type DevelopmentOidcProvider } from './oidc-provider';

/** The development provider's one client, as the README gives it to type into the console. */
export const DEVELOPMENT_OIDC_CLIENT_ID = 'ai-hub-development';
/** Not a secret: the provider only runs on this machine, outside production, and signs in anyone. */
export const DEVELOPMENT_OIDC_CLIENT_SECRET = 'development-secret-not-for-production';

const STATE = Symbol.for('ai-hub.development-oidc-provider');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

type Holder = { [STATE]?: Promise<DevelopmentOidcProvider> };

/** `${publicUrl}/api/sso/oidc/<uuid>/callback`, and nothing else. */
export function developmentRedirectPattern(): RegExp {
  const base = publicUrl().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${base}\\/api\\/sso\\/oidc\\/${UUID}\\/callback$`);
}

/** Starts the development provider once per process, unless DEVELOPMENT_OIDC_PORT=off or in production. */
export function startDevelopmentOidcInServer(): Promise<DevelopmentOidcProvider> | null {
  const port = developmentOidcPort();
  if (port === null) return null;
  const holder = globalThis as Holder;
  holder[STATE] ??= startDevelopmentOidcProvider({
    port,
    client: {
      clientId: DEVELOPMENT_OIDC_CLIENT_ID,
      clientSecret: DEVELOPMENT_OIDC_CLIENT_SECRET,
      redirectUris: [oidcRedirectUrl('00000000-0000-0000-0000-000000000000')],
      redirectUriPattern: developmentRedirectPattern(),
    },
  }).then(
    (provider) => {
      console.log(
        `[sso] the development OpenID provider is at ${provider.issuer} (client id ${DEVELOPMENT_OIDC_CLIENT_ID})`,
      );
      return provider;
    },
    (error: unknown) => {
      delete holder[STATE];
      throw error;
    },
  );
  return holder[STATE];
}
