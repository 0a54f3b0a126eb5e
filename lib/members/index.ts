// Changing roles, removing, suspending and reactivating people, one or many, all or nothing.
export * from './change-roles';
export * from './remove';
export * from './suspend';
export type { Selection, TableFilter } from './targets';
