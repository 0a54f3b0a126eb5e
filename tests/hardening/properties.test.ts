// Property tests (fast-check).
//
// 1. The address parser (lib/shared/email-address.ts): what it accepts is always a plain, bounded, lower-case
//    address that can go into a mail header; what it refuses includes every address carrying CR/LF,
//    white space, quotes, angle brackets or control characters; it never throws, de-duplicates, keeps
//    the order, and its verdict does not change when an address is parsed again.
// 2. The policy, through the real domain functions on the database: random sequences of single and
//    bulk role changes, removals, leaves, transfers and invitation acceptances by random actors never
//    leave the organization without an Owner, and every call is allowed exactly when the pure policy
//    model (decide + ownersRemainAfter, as in tests/domain/policy.test.ts) says so. The pure-model
//    property itself lives in tests/domain/policy.test.ts.
import fc from 'fast-check';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import type { PersonActor as Actor } from '@/lib/shared/actor';
import { memberships } from '@/db/schema';
import type { MemberRole } from '@/db/values';
import {
  isValidEmail,
  MAX_EMAIL_LENGTH,
  normalizeEmail,
  parseAddresses,
  splitAddresses,
} from '@/lib/shared/email-address';
import { DomainError } from '@/lib/shared/errors';
import { acceptInvitation } from '@/lib/invitations';
import { changeRoles, leaveOrganization, removeMembers } from '@/lib/members';
import { transferOwnership } from '@/lib/organizations';
import { decide, ownersRemainAfter, type TargetAction } from '@/lib/shared/policy';
import { useTestDatabase } from '../support/db';
import {
  addInvitation,
  addMember,
  createOrganizationWithOwner,
  createUser,
  membershipOf,
} from '../support/factories';
import { reportFigures } from './support/figures';

useTestDatabase();

const figures: [string, string | number][] = [];
afterAll(() => reportFigures('properties', 'Property tests (fast-check)', figures));

// ---------------------------------------------------------------------------------------------------
// 1. Addresses

/** Never inside an accepted address (besides its one '@'): what could break a mail header or a list. */
const FORBIDDEN_IN_VALID = /[\s"<>(),:;\\[\]\u0000-\u001f\u007f]/;

/** Addresses built the way people write them, including the awkward corners the parser must handle. */
const localArb = fc.stringMatching(/^[a-z0-9](?:[a-z0-9._+'-]{0,20}[a-z0-9])?$/);
const labelArb = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const tldArb = fc.stringMatching(/^[a-z]{2,6}$/);
const plausibleArb = fc
  .tuple(localArb, fc.array(labelArb, { minLength: 1, maxLength: 3 }), tldArb)
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);

/** Any string at all, and strings with hostile pieces inserted into a plausible address. */
const hostilePieceArb = fc.constantFrom(
  '\r\n',
  '\n',
  '\r',
  ' ',
  '\t',
  '"',
  '<',
  '>',
  '\u0000',
  '\u001b',
  ',',
  ';',
  '@',
  '\\',
  '(',
  ')',
  ':',
);
const hostileArb = fc.tuple(plausibleArb, hostilePieceArb, fc.nat()).map(([address, piece, at]) => {
  const index = at % (address.length + 1);
  return `${address.slice(0, index)}${piece}${address.slice(index)}`;
});

describe('property: the address parser', () => {
  it('never throws, and whatever it accepts is a bounded, lower-case, header-safe address', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 80 }),
          plausibleArb,
          hostileArb,
          fc.emailAddress(),
        ),
        (raw) => {
          const address = normalizeEmail(raw);
          if (!isValidEmail(address)) return;
          expect(address.length).toBeLessThanOrEqual(MAX_EMAIL_LENGTH);
          expect(address).toBe(address.toLowerCase());
          expect(address).toBe(address.trim());
          const [local, domain, ...rest] = address.split('@');
          expect(rest).toEqual([]);
          expect(local.length).toBeGreaterThan(0);
          expect(local.length).toBeLessThanOrEqual(64);
          expect(domain).toMatch(/\.[a-z0-9-]*[a-z][a-z0-9-]*$/);
          expect(address).not.toMatch(FORBIDDEN_IN_VALID);
          expect(address).toMatch(/^[\x21-\x7e]+$/); // printable ASCII only
        },
      ),
      { numRuns: 3000 },
    );
    figures.push(['address parser: accepted addresses are safe (runs)', 3000]);
  });

  it('refuses every address carrying CR/LF, white space, quotes, brackets, commas or control characters', () => {
    fc.assert(
      fc.property(hostileArb, (raw) => {
        // Leading or trailing white space is trimmed by design; anything inside is refused.
        const inside = raw.trim();
        if (!/[\s"<>(),:;\\\u0000-\u001f]/.test(inside) && inside.split('@').length === 2) return;
        expect(isValidEmail(normalizeEmail(raw))).toBe(false);
      }),
      { numRuns: 3000 },
    );
    figures.push(['address parser: hostile pieces refused (runs)', 3000]);
  });

  it('accepts the ordinary addresses people type (letters, digits, dots, plus tags, dashes, apostrophes)', () => {
    fc.assert(
      fc.property(plausibleArb, (address) => {
        if (address.length > MAX_EMAIL_LENGTH || address.split('@')[0].includes('..')) return;
        expect(isValidEmail(address)).toBe(true);
        expect(isValidEmail(address.toUpperCase())).toBe(false); // the parser expects normalized input…
        expect(isValidEmail(normalizeEmail(`  ${address.toUpperCase()} `))).toBe(true); // …which normalizeEmail gives
      }),
      { numRuns: 2000 },
    );
    figures.push(['address parser: plausible addresses accepted (runs)', 2000]);
  });

  it('parseAddresses: de-duplicates, keeps the order, puts every non-empty input in exactly one list, and is stable', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            plausibleArb,
            hostileArb,
            fc.string({ maxLength: 30 }),
            plausibleArb.map((a) => a.toUpperCase()),
          ),
          { maxLength: 40 },
        ),
        (inputs) => {
          const { valid, invalid } = parseAddresses(inputs);
          expect(new Set([...valid, ...invalid]).size).toBe(valid.length + invalid.length);
          const expected = [...new Set(inputs.map(normalizeEmail).filter((a) => a.length > 0))];
          const got = [...valid, ...invalid];
          expect(new Set(got)).toEqual(new Set(expected));
          // Input order within each list.
          const order = (list: string[]) => list.map((a) => expected.indexOf(a));
          expect(order(valid)).toEqual([...order(valid)].sort((a, b) => a - b));
          expect(order(invalid)).toEqual([...order(invalid)].sort((a, b) => a - b));
          // Parsing the result again changes nothing.
          expect(parseAddresses(valid)).toEqual({ valid, invalid: [] });
          expect(parseAddresses(invalid).valid).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
    figures.push(['parseAddresses: dedup, order, stability (runs)', 1000]);
  });

  it('splitAddresses (the invite modal): no part holds a separator, and joining valid addresses with any separator gives them back', () => {
    fc.assert(
      fc.property(
        fc.array(plausibleArb, { maxLength: 10 }),
        fc.array(fc.constantFrom(',', ';', ' ', '\n', '\r\n', '\t', ', ', ' ;'), { minLength: 1 }),
        (addresses, separators) => {
          const text = addresses.map((a, i) => `${a}${separators[i % separators.length]}`).join('');
          const parts = splitAddresses(text);
          for (const part of parts) expect(part).not.toMatch(/[\s,;]/);
          expect(parts).toEqual(addresses.map(normalizeEmail));
        },
      ),
      { numRuns: 1000 },
    );
    figures.push(['splitAddresses: separators (runs)', 1000]);
  });
});

// ---------------------------------------------------------------------------------------------------
// 2. The policy, through the domain functions

type Person = Actor;

type Step =
  | { kind: 'change'; actor: number; targets: number[]; role: MemberRole }
  | { kind: 'remove'; actor: number; targets: number[] }
  | { kind: 'leave'; actor: number }
  | { kind: 'transfer'; actor: number; target: number }
  | { kind: 'join'; person: number; role: 'admin' | 'member' };

const roleArb = fc.constantFrom<MemberRole>('owner', 'admin', 'member');
const peopleIndex = fc.nat({ max: 7 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      actor: peopleIndex,
      targets: fc.array(peopleIndex, { minLength: 1, maxLength: 3 }),
      role: roleArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('remove' as const),
      actor: peopleIndex,
      targets: fc.array(peopleIndex, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), actor: peopleIndex }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), actor: peopleIndex, target: peopleIndex }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('join' as const),
      person: peopleIndex,
      role: fc.constantFrom<'admin' | 'member'>('admin', 'member'),
    }),
  },
);
const startArb = fc.array(roleArb, { minLength: 1, maxLength: 5 });

/** What the pure policy says about a step, given the current roles (null = not a member). */
function modelAllows(roles: (MemberRole | null)[], people: Person[], step: Step): boolean {
  const owners = roles.filter((r) => r === 'owner').length;
  if (step.kind === 'join') return true; // accepting your own invitation is always allowed (already a member: a no-op)
  const actorRole = roles[step.actor] ?? null;
  if (!actorRole) return false;
  if (step.kind === 'transfer')
    return actorRole === 'owner' && roles[step.target] !== null && step.target !== step.actor;
  const targets = step.kind === 'leave' ? [step.actor] : [...new Set(step.targets)];
  if (targets.some((t) => roles[t] === null)) return false;
  const action: TargetAction =
    step.kind === 'change' ? { type: 'change_role', role: step.role } : { type: 'remove' };
  const actor = { userId: people[step.actor].userId, role: actorRole, directory: false };
  if (
    !targets.every(
      (t) => decide(actor, { kind: 'member', userId: people[t].userId, role: roles[t]! }, action).allowed,
    )
  )
    return false;
  const lost = targets.filter(
    (t) => roles[t] === 'owner' && (action.type === 'remove' || action.role !== 'owner'),
  ).length;
  const gained =
    action.type === 'change_role' && action.role === 'owner'
      ? targets.filter((t) => roles[t] !== 'owner').length
      : 0;
  return ownersRemainAfter(owners, lost, gained);
}

function applyModel(roles: (MemberRole | null)[], step: Step): (MemberRole | null)[] {
  const next = [...roles];
  if (step.kind === 'join') next[step.person] ??= step.role;
  else if (step.kind === 'transfer') {
    next[step.actor] = 'admin';
    next[step.target] = 'owner';
  } else if (step.kind === 'leave') next[step.actor] = null;
  else for (const t of new Set(step.targets)) next[t] = step.kind === 'remove' ? null : step.role;
  return next;
}

describe('property: no sequence of operations leaves zero Owners (real domain functions)', () => {
  it('random single and bulk changes, removals, leaves, transfers and acceptances, checked against the policy model', async () => {
    let runs = 0;
    let steps = 0;
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(
        startArb,
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        async (start, sequence) => {
          runs += 1;
          const db = await getDb();
          const { organization, owner } = await createOrganizationWithOwner(`Prop ${runs}`);
          const people: Person[] = [owner];
          const roles: (MemberRole | null)[] = ['owner'];
          for (const role of start) {
            people.push(await addMember(organization.id, role));
            roles.push(role);
          }
          while (people.length < 8) {
            people.push(await createUser());
            roles.push(null);
          }
          let model = roles;
          for (const step of sequence) {
            steps += 1;
            const allowed = modelAllows(model, people, step);
            const orgId = organization.id;
            const membershipId = async (i: number) =>
              (await membershipOf(orgId, people[i].userId))?.id ?? '00000000-0000-4000-8000-000000000000';
            let outcome: string;
            try {
              switch (step.kind) {
                case 'change':
                  await changeRoles(people[step.actor], {
                    organizationId: orgId,
                    ids: await Promise.all(step.targets.map(membershipId)),
                    role: step.role,
                  });
                  break;
                case 'remove':
                  await removeMembers(people[step.actor], {
                    organizationId: orgId,
                    ids: await Promise.all(step.targets.map(membershipId)),
                  });
                  break;
                case 'leave':
                  await leaveOrganization(people[step.actor], { organizationId: orgId });
                  break;
                case 'transfer':
                  await transferOwnership(people[step.actor], {
                    organizationId: orgId,
                    toUserId: people[step.target].userId,
                  });
                  break;
                case 'join': {
                  const person = people[step.person];
                  const invitation = await addInvitation(orgId, { email: person.email, role: step.role });
                  await acceptInvitation(person, { token: invitation.token });
                  break;
                }
              }
              outcome = 'ok';
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              outcome = error.code;
            }
            expect(
              outcome === 'ok',
              `${JSON.stringify(step)} on ${JSON.stringify(model)}: domain said ${outcome}`,
            ).toBe(allowed);
            if (allowed) {
              applied += 1;
              model = applyModel(model, step);
            }
            const [owners] = await db
              .select({ n: count() })
              .from(memberships)
              .where(and(eq(memberships.organizationId, orgId), eq(memberships.role, 'owner')));
            expect(owners.n).toBeGreaterThanOrEqual(1);
            expect(owners.n).toBe(model.filter((r) => r === 'owner').length);
          }
        },
      ),
      { numRuns: 60 },
    );
    figures.push([
      'policy through the domain: sequences / steps / applied',
      `${runs} / ${steps} / ${applied}`,
    ]);
    expect(applied).toBeGreaterThan(0);
  }, 120_000);
});
