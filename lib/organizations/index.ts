// Organizations, the public API: create and list, the settings, ownership, deletion and seats, named one
// by one.
export { createOrganization, listMyOrganizations } from './create';
export { renameOrganization, setMemberNotifications, setSeatLimit } from './settings';
export { transferOwnership } from './ownership';
export { deleteOrganization } from './delete';

/** The app reads the organization's shape from here, not from the schema (app → lib → db). */
export type { Organization } from '@/db/schema';
