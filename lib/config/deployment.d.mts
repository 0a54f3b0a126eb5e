// Types of deployment.mjs (plain JavaScript so that next.config.mjs can load it without TypeScript).
type Env = Record<string, string | undefined>;

export declare class ConfigurationError extends Error {
  constructor(message: string);
}

/** The one public URL (an origin, no trailing slash); throws ConfigurationError when misconfigured. */
export declare function publicUrl(env?: Env): string;

/** Whether `url` points at this machine only: localhost, 127.0.0.0/8 or [::1]. */
export declare function isLoopbackUrl(url: string): boolean;

/** Whether `link` points into the public URL `origin` (Next's localhost spelling of loopback hosts included). */
export declare function isOnPublicUrl(link: string, origin: string): boolean;

/** Why the development mailbox may not serve this production server, or null when it may. */
export declare function mailboxRefusal(env?: Env): string | null;

/** Why the development DNS resolver may not serve this production server, or null when it may. */
export declare function developmentResolverRefusal(env?: Env): string | null;

/** Why DEVELOPMENT_OIDC_PORT may not be set on this production server, or null when it may. */
export declare function developmentOidcRefusal(env?: Env): string | null;
export declare function developmentSamlRefusal(env?: Env): string | null;

/** Everything that keeps a production server from starting; empty when it may start. */
export declare function productionStartupProblems(env?: Env): string[];
