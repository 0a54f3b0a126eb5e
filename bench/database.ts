// The benchmark's own PostgreSQL database (made on the admin URL's server, dropped at the end) and its
// two organizations, seeded with scripts/seed.ts.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Database } from '@/db/client';
import { seedOrganization } from '@/scripts/seed';
import { person, type PersonActor } from '@/lib/shared/actor';
import { CouldNotRun } from './config';
import { rawRows } from '../tests/support/raw-rows';

export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/postgres'
  );
}

export async function createDatabase(admin: string) {
  const name = `aihub_bench_${randomBytes(5).toString('hex')}`;
  const client = postgres(admin, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  let version = '';
  try {
    version = (await client`SHOW server_version`)[0].server_version as string;
    await client.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    throw new CouldNotRun(`Could not create a database on ${redact(admin)}: ${(error as Error).message}`);
  } finally {
    await client.end({ timeout: 5 });
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    version,
    async drop() {
      // Only the database this run created.
      const again = postgres(admin, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}

export function redact(url: string) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export function viaProxy(url: string, proxyPort: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(proxyPort);
  return parsed.toString();
}

export interface SeededOrg {
  label: string;
  members: number;
  invitations: number;
  id: string;
  slug: string;
  owner: PersonActor;
  domain: string;
  /** Rows of the user table (members + pending invitations). */
  rows: number;
}

export async function seed(
  db: Database,
  label: string,
  size: { members: number; invitations: number },
  domain: string,
): Promise<SeededOrg> {
  const { slug, ownerEmail } = await seedOrganization(db, { name: `Bench ${label}`, ...size, domain });
  const [org] = await rawRows<{ id: string; owner_id: string; owner_name: string | null; rows: number }>(
    db,
    sql`SELECT o.id, u.id AS owner_id, u.name AS owner_name,
          ((SELECT count(*) FROM memberships m WHERE m.organization_id = o.id)
           + (SELECT count(*) FROM invitations i WHERE i.organization_id = o.id AND i.status = 'pending'))::int AS rows
        FROM organizations o JOIN users u ON u.email = ${ownerEmail}
        WHERE o.slug = ${slug}`,
  );
  return {
    label,
    ...size,
    id: org.id,
    slug,
    domain,
    owner: person({ userId: org.owner_id, email: ownerEmail, name: org.owner_name }),
    rows: org.rows,
  };
}
