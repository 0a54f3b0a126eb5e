// `npm run db:seed [-- --members N --invitations M --org NAME]`: makes a demo organization with an Owner
// (owner@example.com), Admins, Members, pending and expired invitations. The defaults make a small
// "Acme"; the flags make a large one (the benchmark uses 10,000 members). Runs against DATABASE_URL or
// the embedded database folder (stop `npm run dev` first: the folder allows one process). It lives
// with the scripts, not in db/: the data layer knows no rules, and the seed uses the domain's slugs and
// link hashes. It imports only pure modules of lib/, so it runs without scripts/outside-next.mjs.
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { openFromEnvironment, openPostgres, type Database } from '@/db/client';
import { auditEvents, invitations, memberships, organizations, users } from '@/db/schema';
import { slugify } from '@/lib/shared/organization-names';
import { newToken } from '@/lib/auth/secret-token';

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Frances',
  'John',
  'Radia',
  'Linus',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
  'Allen',
  'Backus',
  'Perlman',
  'Torvalds',
];

export interface SeedOptions {
  name: string;
  members: number;
  invitations: number;
  /** Domain of the generated addresses; owner@<domain> is the Owner. */
  domain: string;
}

async function insertInChunks<T>(items: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size) await write(items.slice(start, start + size));
}

/** Seeds one organization; returns its slug and the Owner's email. Idempotent per organization name. */
export async function seedOrganization(db: Database, options: SeedOptions) {
  const slug = slugify(options.name);
  const existing = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (existing.length > 0) {
    console.log(`"${options.name}" is already seeded (/${slug}); nothing to do.`);
    return { slug, ownerEmail: `owner@${options.domain}` };
  }
  const ownerEmail = `owner@${options.domain}`;
  const nowMs = Date.now();
  const day = 86_400_000;

  const [owner] = await db
    .insert(users)
    .values({ email: ownerEmail, name: 'Olivia Owner', emailVerified: new Date() })
    .onConflictDoUpdate({ target: users.email, set: { name: 'Olivia Owner' } })
    .returning();
  const [organization] = await db.insert(organizations).values({ name: options.name, slug }).returning();
  await db.insert(memberships).values({ organizationId: organization.id, userId: owner.id, role: 'owner' });

  // Two Admins, then Members, with dates spread over the past year.
  const people = Array.from({ length: Math.max(0, options.members - 1) }, (_, index) => {
    const first = FIRST[index % FIRST.length];
    const last = LAST[(index * 5 + Math.floor(index / FIRST.length)) % LAST.length];
    return {
      email: `${first.toLowerCase()}.${last.toLowerCase()}.${index + 1}@${options.domain}`,
      name: `${first} ${last}`,
      role: index < 2 ? ('admin' as const) : ('member' as const),
      createdAt: new Date(nowMs - ((index * 7919) % 365) * day - index * 1000),
    };
  });
  await insertInChunks(people, 1000, async (chunk) => {
    const created = await db
      .insert(users)
      .values(chunk.map((person) => ({ email: person.email, name: person.name, emailVerified: new Date() })))
      .onConflictDoUpdate({ target: users.email, set: { name: users.name } })
      .returning({ id: users.id, email: users.email });
    const byEmail = new Map(created.map((row) => [row.email, row.id]));
    await db.insert(memberships).values(
      chunk.map((person) => ({
        organizationId: organization.id,
        userId: byEmail.get(person.email)!,
        role: person.role,
        invitedById: owner.id,
        createdAt: person.createdAt,
      })),
    );
  });

  // Invitations: most pending, every fifth expired, one in ten for an Admin.
  const invites = Array.from({ length: options.invitations }, (_, index) => {
    const expired = index % 5 === 4;
    const sentAt = new Date(nowMs - (expired ? 10 : index % 6) * day - index * 1000);
    return {
      organizationId: organization.id,
      email: `invitee.${index + 1}@${options.domain}`,
      role: index % 10 === 0 ? ('admin' as const) : ('member' as const),
      tokenHash: newToken().hash,
      invitedById: owner.id,
      lastSentAt: sentAt,
      createdAt: sentAt,
      expiresAt: new Date(sentAt.getTime() + 7 * day),
      deliveryStatus: 'sent' as const,
    };
  });
  await insertInChunks(invites, 1000, (chunk) => db.insert(invitations).values(chunk));
  await db.insert(auditEvents).values({
    organizationId: organization.id,
    actorId: owner.id,
    actorEmail: ownerEmail,
    action: 'organization.created',
    targetType: 'organization',
    targetId: organization.id,
    details: { name: options.name, seeded: true },
  });
  console.log(
    `Seeded "${options.name}" (/${slug}): ${options.members} members, ${options.invitations} invitations. ` +
      `Sign in as ${ownerEmail}.`,
  );
  return { slug, ownerEmail };
}

/** The command: reads the flags, opens the database from the environment, seeds, exits 1 on an error. */
export async function seedFromCommandLine() {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '12' },
      invitations: { type: 'string', default: '5' },
      org: { type: 'string', default: 'Acme' },
      domain: { type: 'string', default: 'example.com' },
    },
  });
  const members = Number(values.members);
  const invitationCount = Number(values.invitations);
  if (
    !Number.isInteger(members) ||
    members < 1 ||
    !Number.isInteger(invitationCount) ||
    invitationCount < 0
  ) {
    console.error('--members must be 1 or more and --invitations 0 or more.');
    process.exit(2);
  }
  const handle = process.env.DATABASE_URL
    ? await openPostgres(process.env.DATABASE_URL, { migrate: true, max: 2 })
    : await openFromEnvironment();
  try {
    await seedOrganization(handle.db, {
      name: values.org,
      members,
      invitations: invitationCount,
      domain: values.domain,
    });
  } finally {
    await handle.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await seedFromCommandLine();
