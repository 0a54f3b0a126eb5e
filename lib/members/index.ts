// Members, the public API: changing roles, removing, suspending and reactivating people, one or many, all
// or nothing; detaching from the directory; exporting the list. Named one by one, so that what the
// console and the SCIM service may call is written here, not whatever a file happens to export.
export { changeRoles, changeRolesIn, type RoleChangeResult } from './change-roles';
export { leaveOrganization, removeMembers, removeMembersIn, type RemovalResult } from './remove';
export { setMemberStatus, setMemberStatusIn, type StatusChangeResult } from './suspend';
export {
  EXPORT_CHUNK,
  exportCells,
  exportColumns,
  exportUserList,
  neutralizeCell,
  type UserListExport,
} from './export';
export { detachFromDirectory } from './detach';
export type { Selection, TableFilter } from './targets';
