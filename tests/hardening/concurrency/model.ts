// The concurrency suite's moving parts, shared by the in-process run (concurrency.test.ts) and by the
// worker script that the two-process run spawns (worker.ts):
//   - `runOperations`: N concurrent clients drawing random operations (invite, resend, accept, decline,
//     change roles, remove, leave, transfer; single and bulk) against one organization, through the
//     domain functions of lib/, counting successes, refusals by reason and the audit events each
//     success must have written;
//   - `checkInvariants`: the organization's invariants, read in ONE statement (one snapshot), so that
//     a monitor can run it at any moment while the clients work;
//   - `startMonitor`: runs checkInvariants in a loop until stopped.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { person, type PersonActor as Actor } from '@/lib/shared/actor';
import { DomainError } from '@/lib/shared/errors';
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  declineInvitation,
  inviteMembers,
  resendInvitation,
  type InviteResult,
} from '@/lib/invitations';
import { changeRoles, leaveOrganization, removeMembers } from '@/lib/members';
import { transferOwnership } from '@/lib/organizations';
import { textArray, uuidArray } from '@/lib/sql';
import { rawRows } from '../../support/raw-rows';

// ---------------------------------------------------------------------------------------------------
// Randomness: seeded, so that a failing run can be replayed with the printed seed.

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const chance = (rng: Rng, p: number) => rng() < p;
function sample<T>(rng: Rng, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Statistics

export const OPERATION_KINDS = [
  'invite',
  'invite-bulk',
  'resend',
  'accept',
  'accept-new-account',
  'decline',
  'change-role',
  'change-role-bulk',
  'remove',
  'remove-bulk',
  'leave',
  'transfer',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export interface Stats {
  operations: number;
  byKind: Record<string, { ok: number; refused: number }>;
  /** DomainError codes of refused operations. */
  refusals: Record<string, number>;
  /** Per-address outcomes of invite and resend calls that went through. */
  inviteOutcomes: Record<string, number>;
  /** Audit events the successful operations must have written (one per changed row). */
  expectedAudit: number;
  /** Invitations sent or resent (what counts against the organization's hourly cap). */
  sends: number;
  /** Errors that are not DomainErrors: each one is a bug. */
  unexpected: string[];
}

export function emptyStats(): Stats {
  return {
    operations: 0,
    byKind: {},
    refusals: {},
    inviteOutcomes: {},
    expectedAudit: 0,
    sends: 0,
    unexpected: [],
  };
}

export function mergeStats(all: Stats[]): Stats {
  const total = emptyStats();
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
  };
  for (const stats of all) {
    total.operations += stats.operations;
    total.expectedAudit += stats.expectedAudit;
    total.sends += stats.sends;
    total.unexpected.push(...stats.unexpected);
    add(total.refusals, stats.refusals);
    add(total.inviteOutcomes, stats.inviteOutcomes);
    for (const [kind, counts] of Object.entries(stats.byKind)) {
      const into = (total.byKind[kind] ??= { ok: 0, refused: 0 });
      into.ok += counts.ok;
      into.refused += counts.refused;
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// The organization as the clients see it (read before each operation, outside any lock: it may be
// stale by the time the operation runs, which is the point).

interface View {
  members: { id: string; userId: string; role: string; email: string }[];
  pending: { id: string; email: string }[];
  people: Map<string, Actor>; // by email, everyone of the pool who has an account
}

async function view(db: Database, organizationId: string, pool: readonly string[]): Promise<View> {
  const [members, pending, people] = await Promise.all([
    rawRows<{ id: string; user_id: string; role: string; email: string }>(
      db,
      sql`SELECT m.id, m.user_id, m.role::text AS role, u.email FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.organization_id = ${organizationId}`,
    ),
    rawRows<{ id: string; email: string }>(
      db,
      sql`SELECT id, email FROM invitations WHERE organization_id = ${organizationId} AND status = 'pending'`,
    ),
    rawRows<{ id: string; email: string; name: string | null }>(
      db,
      sql`SELECT id, email, name FROM users WHERE email = ANY(${textArray(pool)})`,
    ),
  ]);
  return {
    members: members.map((m) => ({ id: m.id, userId: m.user_id, role: m.role, email: m.email })),
    pending,
    people: new Map(people.map((p) => [p.email, person({ userId: p.id, email: p.email, name: p.name })])),
  };
}

/** The link of the latest (or, now and then, the one before: a stale link) invitation email to `email`. */
async function tokenFor(db: Database, email: string, rng: Rng): Promise<string | null> {
  const messages = await rawRows<{ text: string }>(
    db,
    sql`SELECT text FROM mailbox_messages WHERE "to" = ${email} AND tags->>'kind' = 'invitation'
        ORDER BY sent_at DESC, id DESC LIMIT 2`,
  );
  const message = messages.length > 1 && chance(rng, 0.15) ? messages[1] : messages[0];
  return message ? (/\/invite\/([A-Za-z0-9_-]{43})/.exec(message.text)?.[1] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------------
// One operation

const WEIGHTS: [OperationKind, number][] = [
  ['invite', 12],
  ['invite-bulk', 8],
  ['resend', 7],
  ['accept', 14],
  ['decline', 2],
  ['change-role', 14],
  ['change-role-bulk', 8],
  ['remove', 9],
  ['remove-bulk', 5],
  ['leave', 5],
  ['transfer', 2],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

function chooseKind(rng: Rng): OperationKind {
  let r = rng() * TOTAL_WEIGHT;
  for (const [kind, weight] of WEIGHTS) {
    r -= weight;
    if (r < 0) return kind;
  }
  return 'invite';
}

const ROLES = ['owner', 'admin', 'member'] as const;

/** Mostly someone who runs the console (as in life), sometimes anyone of the pool with an account. */
function chooseActor(rng: Rng, state: View): Actor | null {
  const managers = state.members.filter((m) => m.role !== 'member');
  if (managers.length > 0 && chance(rng, 0.75)) {
    const m = pick(rng, managers);
    return state.people.get(m.email) ?? null;
  }
  const everyone = [...state.people.values()];
  return everyone.length > 0 ? pick(rng, everyone) : null;
}

function rowIds(rng: Rng, state: View, n: number): string[] {
  const all = [...state.members.map((m) => m.id), ...state.pending.map((p) => p.id)];
  const ids = sample(rng, all, n);
  // Now and then an id that no longer exists (a row someone else removed a moment ago).
  if (ids.length === 0 || chance(rng, 0.03)) ids.push(randomUUID());
  return ids;
}

function countInviteResults(stats: Stats, results: InviteResult[]) {
  for (const result of results) {
    stats.inviteOutcomes[result.outcome] = (stats.inviteOutcomes[result.outcome] ?? 0) + 1;
    if (result.outcome === 'invited' || result.outcome === 'resent' || result.outcome === 'not_delivered') {
      stats.expectedAudit += 1;
      stats.sends += 1;
    }
  }
}

/** Runs one random operation and records it; never throws (except for a broken test). */
async function operate(
  db: Database,
  organizationId: string,
  pool: readonly string[],
  rng: Rng,
  stats: Stats,
): Promise<void> {
  const state = await view(db, organizationId, pool);
  let kind = chooseKind(rng);
  const actor = chooseActor(rng, state);
  const record = (ok: boolean) => {
    const entry = (stats.byKind[kind] ??= { ok: 0, refused: 0 });
    if (ok) entry.ok += 1;
    else entry.refused += 1;
    stats.operations += 1;
  };
  try {
    switch (kind) {
      case 'invite':
      case 'invite-bulk': {
        if (!actor) throw new DomainError('UNAUTHENTICATED');
        const n = kind === 'invite' ? 1 : 2 + Math.floor(rng() * 7);
        const emails = sample(rng, pool, n);
        if (kind === 'invite-bulk' && chance(rng, 0.3))
          emails.push('not-an-address', emails[0].toUpperCase());
        const role = chance(rng, 0.05) ? 'owner' : pick(rng, ['admin', 'member'] as const);
        const summary = await inviteMembers(actor, { organizationId, emails, role });
        countInviteResults(stats, summary.results);
        break;
      }
      case 'resend': {
        if (!actor) throw new DomainError('UNAUTHENTICATED');
        // With nothing pending, an id that is gone (as when someone else deleted the row meanwhile).
        const invitationId = state.pending.length > 0 ? pick(rng, state.pending).id : randomUUID();
        const result = await resendInvitation(actor, { organizationId, invitationId });
        countInviteResults(stats, [result]);
        break;
      }
      case 'accept':
      case 'decline': {
        // With nothing pending, a link that was never issued.
        const target =
          state.pending.length > 0 ? pick(rng, state.pending) : { id: randomUUID(), email: pick(rng, pool) };
        const token = (await tokenFor(db, target.email, rng)) ?? randomBytes(32).toString('base64url');
        // Now and then the wrong person tries the link.
        const wrong = chance(rng, 0.08) ? pick(rng, [...state.people.values()]) : null;
        const invitee = wrong ?? state.people.get(target.email) ?? null;
        if (kind === 'decline') {
          await declineInvitation(invitee, { token });
          stats.expectedAudit += 1;
        } else if (invitee) {
          await acceptInvitation(invitee, { token });
          stats.expectedAudit += 1;
        } else {
          kind = 'accept-new-account';
          await acceptInvitationAsNewUser({ token, name: `New ${target.email.split('@')[0]}` });
          stats.expectedAudit += 1;
        }
        break;
      }
      case 'change-role':
      case 'change-role-bulk': {
        if (!actor) throw new DomainError('UNAUTHENTICATED');
        const ids = rowIds(rng, state, kind === 'change-role' ? 1 : 2 + Math.floor(rng() * 5));
        const result = await changeRoles(actor, { organizationId, ids, role: pick(rng, ROLES) });
        stats.expectedAudit += result.changed;
        break;
      }
      case 'remove':
      case 'remove-bulk': {
        if (!actor) throw new DomainError('UNAUTHENTICATED');
        const ids = rowIds(rng, state, kind === 'remove' ? 1 : 2 + Math.floor(rng() * 4));
        const result = await removeMembers(actor, { organizationId, ids });
        stats.expectedAudit += result.removedMembers + result.revokedInvitations;
        break;
      }
      case 'leave': {
        const leaver =
          state.members.length > 0 && chance(rng, 0.9)
            ? state.people.get(pick(rng, state.members).email)
            : actor;
        if (!leaver) throw new DomainError('UNAUTHENTICATED');
        const result = await leaveOrganization(leaver, { organizationId });
        stats.expectedAudit += result.removedMembers + result.revokedInvitations;
        break;
      }
      case 'transfer': {
        const owners = state.members.filter((m) => m.role === 'owner');
        const from =
          owners.length > 0 && chance(rng, 0.8) ? state.people.get(pick(rng, owners).email) : actor;
        if (!from) throw new DomainError('UNAUTHENTICATED');
        const toUserId = state.members.length > 0 ? pick(rng, state.members).userId : randomUUID();
        await transferOwnership(from, { organizationId, toUserId });
        stats.expectedAudit += 1;
        break;
      }
      default:
        kind satisfies 'accept-new-account';
    }
    record(true);
  } catch (error) {
    if (error instanceof DomainError) {
      stats.refusals[error.code] = (stats.refusals[error.code] ?? 0) + 1;
      record(false);
      return;
    }
    record(false);
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    stats.unexpected.push(
      `${kind}: ${text}${cause ? ` (cause: ${cause.code ?? ''} ${cause.message ?? ''})` : ''}`,
    );
  }
}

/**
 * `clients` concurrent loops take operations from one shared counter until `operations` have run.
 * Each client has its own seeded generator (seed + client number).
 */
export async function runOperations(input: {
  db: Database;
  organizationId: string;
  pool: readonly string[];
  clients: number;
  operations: number;
  seed: number;
}): Promise<Stats> {
  const stats = emptyStats();
  let taken = 0;
  const client = async (n: number) => {
    const rng = mulberry32(input.seed * 7919 + n);
    while (taken < input.operations) {
      taken += 1;
      await operate(input.db, input.organizationId, input.pool, rng, stats);
    }
  };
  await Promise.all(Array.from({ length: input.clients }, (_, n) => client(n)));
  return stats;
}

// ---------------------------------------------------------------------------------------------------
// Invariants

export const INVARIANTS = [
  'owners >= 1',
  'no duplicate membership',
  'at most one pending invitation per address',
  'no member also has a pending invitation',
  'every accepted invitation has its acceptance (accepted_by, one audit event)',
  'membership = initial + joins - exits (audit ledger) for every person',
] as const;

export interface InvariantReading {
  owners: number;
  duplicateMemberships: number;
  duplicatePending: number;
  memberWithPending: number;
  acceptedWithoutAcceptance: number;
  ledgerMismatches: number;
}

export function violations(reading: InvariantReading): string[] {
  const found: string[] = [];
  if (reading.owners < 1) found.push(`no Owner left (${reading.owners})`);
  if (reading.duplicateMemberships > 0) found.push(`${reading.duplicateMemberships} duplicate membership(s)`);
  if (reading.duplicatePending > 0)
    found.push(`${reading.duplicatePending} address(es) with several pending invitations`);
  if (reading.memberWithPending > 0)
    found.push(`${reading.memberWithPending} member(s) with a pending invitation`);
  if (reading.acceptedWithoutAcceptance > 0)
    found.push(`${reading.acceptedWithoutAcceptance} accepted invitation(s) without their acceptance`);
  if (reading.ledgerMismatches > 0)
    found.push(`${reading.ledgerMismatches} person(s) whose membership disagrees with the audit log`);
  return found;
}

/**
 * Every invariant of the organization in one statement, so all of them are read from one snapshot:
 * they must hold at every instant, not only at the end. `initialMemberIds` are the users who were
 * members before the run (they joined without an audit event).
 */
export async function checkInvariants(
  db: Database,
  organizationId: string,
  initialMemberIds: readonly string[],
): Promise<InvariantReading> {
  const [row] = await rawRows<Record<keyof InvariantReading, number>>(
    db,
    sql`WITH m AS (SELECT * FROM memberships WHERE organization_id = ${organizationId}),
        i AS (SELECT * FROM invitations WHERE organization_id = ${organizationId}),
        a AS (SELECT * FROM audit_events WHERE organization_id = ${organizationId}),
        ledger AS (
          SELECT target_email AS email,
                 sum(CASE WHEN action = 'invitation.accepted' AND NOT coalesce((details->>'alreadyMember')::boolean, false) THEN 1
                          WHEN action IN ('member.removed', 'member.left') THEN -1 ELSE 0 END)::int AS delta
          FROM a GROUP BY target_email
        )
        SELECT
          (SELECT count(*) FROM m WHERE role = 'owner')::int AS "owners",
          (SELECT count(*) FROM (SELECT user_id FROM m GROUP BY user_id HAVING count(*) > 1) d)::int AS "duplicateMemberships",
          (SELECT count(*) FROM (SELECT email FROM i WHERE status = 'pending' GROUP BY email HAVING count(*) > 1) d)::int AS "duplicatePending",
          (SELECT count(*) FROM i JOIN users u ON u.email = i.email JOIN m ON m.user_id = u.id WHERE i.status = 'pending')::int AS "memberWithPending",
          (SELECT count(*) FROM i WHERE i.status = 'accepted' AND (
             i.accepted_by_id IS NULL OR i.accepted_at IS NULL OR
             (SELECT count(*) FROM a WHERE a.action = 'invitation.accepted' AND a.target_id = i.id) <> 1 OR
             (SELECT email FROM users WHERE id = i.accepted_by_id) <> i.email))::int AS "acceptedWithoutAcceptance",
          (SELECT count(*) FROM users u LEFT JOIN ledger l ON l.email = u.email
             WHERE (CASE WHEN u.id = ANY(${uuidArray(initialMemberIds)}) THEN 1 ELSE 0 END) + coalesce(l.delta, 0)
                   <> (SELECT count(*) FROM m WHERE m.user_id = u.id))::int AS "ledgerMismatches"`,
  );
  return row;
}

export interface Monitor {
  /** Stops the loop; resolves to the number of snapshots checked and every violation seen. */
  stop(): Promise<{ snapshots: number; violations: string[] }>;
}

/** Checks the invariants over and over (from its own connection pool) until stopped. */
export function startMonitor(
  db: Database,
  organizationId: string,
  initialMemberIds: readonly string[],
): Monitor {
  let running = true;
  let snapshots = 0;
  const seen: string[] = [];
  const loop = (async () => {
    while (running) {
      const reading = await checkInvariants(db, organizationId, initialMemberIds);
      snapshots += 1;
      for (const problem of violations(reading))
        if (seen.length < 50) seen.push(`snapshot ${snapshots}: ${problem}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { snapshots, violations: seen };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Printing

export function statsRows(stats: Stats): [string, string | number][] {
  const out: [string, string | number][] = [['operations', stats.operations]];
  for (const kind of OPERATION_KINDS) {
    const entry = stats.byKind[kind];
    if (entry) out.push([`  ${kind} (ok / refused)`, `${entry.ok} / ${entry.refused}`]);
  }
  const refused = Object.values(stats.refusals).reduce((sum, n) => sum + n, 0);
  out.push(['refusals', refused]);
  for (const [code, n] of Object.entries(stats.refusals).sort((a, b) => b[1] - a[1]))
    out.push([`  ${code}`, n]);
  out.push([
    'invite outcomes per address',
    Object.values(stats.inviteOutcomes).reduce((sum, n) => sum + n, 0),
  ]);
  for (const [outcome, n] of Object.entries(stats.inviteOutcomes).sort((a, b) => b[1] - a[1]))
    out.push([`  ${outcome}`, n]);
  out.push(['audit events expected', stats.expectedAudit]);
  out.push(['unexpected errors', stats.unexpected.length]);
  return out;
}
