// The columns by which a table belongs to an organization or a person, spelled once: removed with it.
// (organizations.ts spells its own, as this file reads the tables from there.)
import { uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { organizations } from './organizations';

export const organizationRef = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const userRef = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });
