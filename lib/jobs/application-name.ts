/**
 * The `application_name` of the job queue's own PostgreSQL connections: it tells them apart in
 * `pg_stat_activity`, and the benchmark's statement counter (bench/pg-proxy.ts) leaves them out of a
 * page view's count.
 */
export const JOBS_APPLICATION_NAME = 'aihub-jobs';
