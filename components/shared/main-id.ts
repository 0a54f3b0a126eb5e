/** The id of every page's <main>: where the skip link (components/shared/skip-link.tsx) jumps. */
export const MAIN_ID = 'main';
