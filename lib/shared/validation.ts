// Input schemas of the server actions (zod). Shared by the actions and the tests; the domain functions
// check again what matters to them, so a caller that skips these is still safe. Every size comes from
// lib/shared/limits.ts.
import { z } from 'zod';
import { errorMessages } from './errors';
import {
  MAX_ADDRESS_INPUT,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  MAX_CALLBACK_URL,
  MAX_CONFIRMATION_INPUT,
  MAX_EMAIL_LENGTH,
  MAX_INVITATIONS_PER_BATCH,
  MAX_ORGANIZATION_NAME,
  MAX_PERSON_NAME,
  MAX_SEARCH,
  MAX_SCIM_TOKEN_NAME,
  MAX_SEAT_LIMIT,
  MAX_SELECTION,
  MAX_TOKEN_INPUT,
} from './limits';
import { ORGANIZATION_NAME_TOO_LONG } from './organization-names';
import { invitationRoles, roleList, roles } from '@/lib/shared/roles';
import { foldWhitespace, hasInvisibleCharacters, INVISIBLE_CHARACTERS_MESSAGE } from './text';
import { memberStatusValues } from '@/db/values';
import { MAX_DEPARTMENT, inactivityDays, statusLabels, userStatuses } from './user-table';

const id = z.uuid({ message: 'Not a valid id.' });
/** A name other people will see: refused here as in the domain when it holds invisible characters. */
const visibleName = () =>
  z.string().refine((name) => !hasInvisibleCharacters(name), INVISIBLE_CHARACTERS_MESSAGE);
const selection = z
  .array(id)
  .min(1, 'Select at least one user.')
  .max(MAX_SELECTION, `Select at most ${MAX_SELECTION.toLocaleString('en-US')} users at a time.`);
const email = (message: string) =>
  z.string().trim().toLowerCase().max(MAX_EMAIL_LENGTH).pipe(z.email({ message }));
const token = z.string().min(1).max(MAX_TOKEN_INPUT);

export const roleSchema = z.enum(roles, { message: `The role must be ${roleList(roles)}.` });
export const invitationRoleSchema = z.enum(invitationRoles, {
  message: `Invitations can give ${roleList(invitationRoles)}.`,
});

export const organizationIdSchema = z.object({ organizationId: id });

/**
 * "Select all N matching": the user table's filter as its URL holds it, and how many rows the person
 * saw it match (the server refuses when the count is no longer the same).
 */
const matching = z.object({
  filter: z.object({
    search: z.string().max(MAX_SEARCH),
    role: roleSchema.nullable(),
    status: z.enum(userStatuses).nullable(),
    // Older clients send no inactivity filter: none.
    inactive: z
      .union(inactivityDays.map((days) => z.literal(days)))
      .nullable()
      .optional()
      .transform((days) => days ?? null),
    // Older clients send no External filter: everyone.
    external: z
      .boolean()
      .optional()
      .transform((external) => external ?? false),
    // Older clients send no Department filter: any.
    department: z
      .string()
      .max(MAX_DEPARTMENT)
      .nullable()
      .optional()
      .transform((department) => department || null),
  }),
  count: z
    .number()
    .int()
    .min(1, 'Select at least one user.')
    .max(MAX_SELECTION, `Select at most ${MAX_SELECTION.toLocaleString('en-US')} users at a time.`),
});

/**
 * A bulk change's input: `fields`, and what it is aimed at (lib/members Selection): the rows picked by
 * id, or every row the table's filter matches. One schema for both, so one action serves both.
 */
function selected<T extends z.ZodRawShape>(fields: T) {
  return z.union([
    z.object({ organizationId: id, ...fields, ids: selection }),
    z.object({ organizationId: id, ...fields, matching }),
  ]);
}

export const changeRolesSchema = selected({ role: roleSchema });
export const removeMembersSchema = selected({});
const memberStatusSchema = z.enum(memberStatusValues, {
  message: `Choose ${memberStatusValues.map((status) => statusLabels[status]).join(' or ')}.`,
});
export const setMemberStatusSchema = selected({ status: memberStatusSchema });

export const inviteMembersSchema = z.object({
  organizationId: id,
  // An entry is checked as an address by the domain, which reports each invalid one; only an entry too
  // long to be any address refuses the whole call.
  emails: z
    .array(
      z
        .string()
        .max(
          MAX_ADDRESS_INPUT,
          `That is too long to be an email address (at most ${MAX_EMAIL_LENGTH} characters).`,
        ),
    )
    .min(1, 'Enter at least one email address.')
    .max(MAX_INVITATIONS_PER_BATCH, errorMessages.TOO_MANY_ADDRESSES),
  role: invitationRoleSchema,
});
/** An invitation list from a CSV file: each address with its role (the domain checks both, row by row). */
export const inviteListSchema = z.object({
  organizationId: id,
  invites: z
    .array(
      z.object({
        email: z
          .string()
          .max(
            MAX_ADDRESS_INPUT,
            `That is too long to be an email address (at most ${MAX_EMAIL_LENGTH} characters).`,
          ),
        // An Owner is refused by the domain, in its words (INVITATION_ROLE).
        role: z.enum(roles, { message: `A role is one of ${roleList(roles)}.` }),
      }),
    )
    .min(1, 'Enter at least one email address.')
    .max(MAX_CSV_ROWS, `You can invite at most ${MAX_CSV_ROWS.toLocaleString('en-US')} addresses at a time.`),
});
/** An uploaded CSV file's text, as the browser read it. */
export const inviteCsvSchema = z.object({
  organizationId: id,
  csv: z
    .string()
    .max(MAX_CSV_BYTES, `The file is larger than ${MAX_CSV_BYTES / 1024} KB. Split it and upload each part.`),
});
export const resendInvitationSchema = z.object({ organizationId: id, invitationId: id });

export const tokenSchema = z.object({ token });
export const acceptAsNewUserSchema = z.object({
  token,
  name: visibleName()
    .max(MAX_PERSON_NAME, `The name can be at most ${MAX_PERSON_NAME} characters.`)
    .optional(),
});

/** Measured as the domain measures it: after white space is folded. */
export const organizationNameSchema = visibleName().refine(
  (name) => foldWhitespace(name).length <= MAX_ORGANIZATION_NAME,
  ORGANIZATION_NAME_TOO_LONG,
);
export const createOrganizationSchema = z.object({ name: organizationNameSchema });
export const renameOrganizationSchema = z.object({ organizationId: id, name: organizationNameSchema });
export const memberNotificationsSchema = z.object({ organizationId: id, enabled: z.boolean() });
/** What is wrong with a seat limit that is not one, said once under the field. */
export const SEAT_LIMIT_MESSAGE =
  'The seat limit is a whole number of at least 1. Leave it empty for no limit.';
export const SEAT_LIMIT_TOO_HIGH = `The seat limit can be at most ${MAX_SEAT_LIMIT.toLocaleString('en-US')}. Leave it empty for no limit.`;
/** A seat limit as typed: empty for none, else a whole number from 1 to MAX_SEAT_LIMIT. */
export const seatLimitSchema = z.object({
  organizationId: id,
  seatLimit: z
    .union([z.null(), z.number(), z.string()], { message: SEAT_LIMIT_MESSAGE })
    .transform((value, context) => {
      // As typed in the form: digits only (no sign, point, exponent or words), or nothing.
      const text = typeof value === 'string' ? value.trim() : null;
      if (text === '') return null;
      const limit = text === null ? value : /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
      if (limit === null) return null;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
        context.addIssue({ code: 'custom', message: SEAT_LIMIT_MESSAGE });
        return z.NEVER;
      }
      if (limit > MAX_SEAT_LIMIT) {
        context.addIssue({ code: 'custom', message: SEAT_LIMIT_TOO_HIGH });
        return z.NEVER;
      }
      return limit;
    }),
});
export const provisioningSchema = z.object({ organizationId: id, enabled: z.boolean() });
export const scimTokenSchema = z.object({
  organizationId: id,
  name: visibleName()
    .refine((name) => foldWhitespace(name).length > 0, 'Name the token (for example, the identity provider).')
    .refine(
      (name) => foldWhitespace(name).length <= MAX_SCIM_TOKEN_NAME,
      `A token's name can be at most ${MAX_SCIM_TOKEN_NAME} characters.`,
    )
    .transform(foldWhitespace),
  /** The token this one replaces (deleted in the same transaction). */
  replaces: id.optional(),
});
export const groupRoleSchema = z.object({
  organizationId: id,
  groupId: id,
  /** Admin or Member, or null for no role (never Owner: DESIGN §12). */
  role: z.enum(['admin', 'member']).nullable(),
});
export const deleteScimTokenSchema = z.object({ organizationId: id, tokenId: id });
export const detachSchema = z.object({ organizationId: id, membershipId: id });
export const transferOwnershipSchema = z.union([
  z.object({ organizationId: id, toUserId: id }),
  z.object({ organizationId: id, toEmail: email('Enter the email of a member.') }),
]);
export const searchMembersSchema = z.object({ organizationId: id, query: z.string().max(MAX_SEARCH) });
export const deleteOrganizationSchema = z.object({
  organizationId: id,
  confirmName: z.string().max(MAX_CONFIRMATION_INPUT),
});

export const signInSchema = z.object({
  email: email('Enter a valid email address.'),
  callbackUrl: z.string().max(MAX_CALLBACK_URL).optional(),
});

/** Approve or decline a request to join (lib/domains/join-decide.ts). */
export const joinRequestSchema = z.object({ organizationId: id, requestId: id });
