// Changing roles and removing people, one or many, all or nothing.
export * from './change-roles';
export * from './remove';
export type { Selection, TableFilter } from './targets';
