// Auth.js's tables (the property names are the ones @auth/drizzle-adapter expects).
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { signInMethod } from './enums';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name'),
    email: text('email').notNull().unique(),
    emailVerified: timestamp('email_verified', { withTimezone: true, mode: 'date' }),
    image: text('image'),
    /** The language the person chose (lib/i18n/locales.ts), or null: their browser's then. */
    locale: text('locale'),
    createdAt: createdAt(),
  },
  // The user table's search: `lower(email) LIKE '%…%'` and `lower(coalesce(name, '')) LIKE '%…%'`.
  (t) => [
    index('users_email_trgm_idx').using('gin', sql`lower(${t.email}) gin_trgm_ops`),
    index('users_name_trgm_idx').using('gin', sql`lower(coalesce(${t.name}, '')) gin_trgm_ops`),
    check('users_locale_known', sql`${t.locale} IN ('en', 'ko', 'ja')`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'email' | 'oauth' | 'oidc' | 'webauthn'>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index('accounts_user_id_idx').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text('session_token').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
    /**
     * How it was opened: `email` (Auth.js's magic link, an invitation's link) or `sso` (lib/sso). Auth.js
     * writes no value, so its sessions take the default. Require SSO ends the `email` ones it covers.
     */
    method: signInMethod('method').notNull().default('email'),
  },
  // sessions_expires_idx: pruning expired sessions (lib/jobs/prune.ts) reads the oldest first.
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_idx').on(t.expires)],
);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.identifier, t.token] }),
    index('verification_tokens_expires_idx').on(t.expires),
  ],
);

export type User = typeof users.$inferSelect;
