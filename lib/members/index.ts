// Changing roles, removing, suspending and reactivating people, one or many, all or nothing; exporting the list.
export * from './change-roles';
export * from './remove';
export * from './suspend';
export * from './export';
export * from './detach';
export type { Selection, TableFilter } from './targets';
