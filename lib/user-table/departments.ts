// The organization's departments, as the users page's Department filter offers them: the distinct
// values of memberships.department, read by skipping from one value to the next on
// memberships_organization_department_idx (one index probe per department, whatever the number of
// members), at most MAX_DEPARTMENTS of them.
import { sql, type SQL } from 'drizzle-orm';
import { memberships } from '@/db/schema';

/** How many departments the filter offers (an organization with more is searched by its search box). */
export const MAX_DEPARTMENTS = 100;

/**
 * A scalar subquery: the organization's departments in order, as a JSON array. A recursive walk of the
 * index rather than DISTINCT, which would read every member's entry.
 */
export function departmentsJson(organizationId: string): SQL {
  return sql`(WITH RECURSIVE d(department, n) AS (
      (SELECT m.department, 1 FROM ${memberships} m
        WHERE m.organization_id = ${organizationId} AND m.department IS NOT NULL
        ORDER BY m.department LIMIT 1)
      UNION ALL
      SELECT (SELECT m.department FROM ${memberships} m
          WHERE m.organization_id = ${organizationId} AND m.department > d.department
          ORDER BY m.department LIMIT 1), d.n + 1
        FROM d WHERE d.department IS NOT NULL AND d.n < ${MAX_DEPARTMENTS})
    SELECT coalesce(json_agg(department ORDER BY department), '[]'::json) FROM d WHERE department IS NOT NULL)`;
}
