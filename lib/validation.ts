// Input schemas of the server actions (zod). Shared by the actions and the tests; the domain functions
// check again what matters to them, so a caller that skips these is still safe.
import { z } from 'zod';
import { invitationRoles, roleList, roles } from './policy';
import { hasInvisibleCharacters, INVISIBLE_CHARACTERS_MESSAGE, MAX_PERSON_NAME } from './text';

const id = z.uuid({ message: 'Not a valid id.' });
/** A name other people will see: refused here as in the domain when it holds invisible characters. */
const visibleName = (max: number, tooLong: string) =>
  z.string().max(max, tooLong).refine((name) => !hasInvisibleCharacters(name), INVISIBLE_CHARACTERS_MESSAGE);
const selection = z.array(id).min(1, 'Select at least one user.').max(10_000, 'Select at most 10,000 users.');

export const roleSchema = z.enum(roles, { message: `The role must be ${roleList(roles)}.` });
export const invitationRoleSchema = z.enum(invitationRoles, { message: `Invitations can give ${roleList(invitationRoles)}.` });

export const organizationIdSchema = z.object({ organizationId: id });

export const changeRolesSchema = z.object({ organizationId: id, ids: selection, role: roleSchema });
export const removeMembersSchema = z.object({ organizationId: id, ids: selection });

export const inviteMembersSchema = z.object({
  organizationId: id,
  emails: z
    .array(z.string().max(320, 'An address can be at most 254 characters.'))
    .min(1, 'Enter at least one email address.')
    .max(100, 'You can invite at most 100 addresses at a time.'),
  role: invitationRoleSchema,
});
export const resendInvitationSchema = z.object({ organizationId: id, invitationId: id });

export const tokenSchema = z.object({ token: z.string().min(1).max(200) });
export const acceptAsNewUserSchema = z.object({
  token: z.string().min(1).max(200),
  name: visibleName(MAX_PERSON_NAME, `The name can be at most ${MAX_PERSON_NAME} characters.`).optional(),
});

export const organizationNameSchema = visibleName(200, 'The name can be at most 80 characters.');
export const createOrganizationSchema = z.object({ name: organizationNameSchema });
export const renameOrganizationSchema = z.object({ organizationId: id, name: organizationNameSchema });
export const transferOwnershipSchema = z.union([
  z.object({ organizationId: id, toUserId: id }),
  z.object({ organizationId: id, toEmail: z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'Enter the email of a member.' })) }),
]);
export const deleteOrganizationSchema = z.object({ organizationId: id, confirmName: z.string().max(200) });

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'Enter a valid email address.' })),
  callbackUrl: z.string().max(2000).optional(),
});
