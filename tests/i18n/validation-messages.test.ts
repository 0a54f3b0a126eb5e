// The input schemas' field messages are found in the catalogs by their English, so that a refused field
// reads in the request's language; the English itself is unchanged.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { validationTextIn } from '@/app/_lib/validation-text';
import { domainInputMessages } from '@/lib/shared/domain-validation';
import { MAX_OIDC_CLIENT_ID } from '@/lib/shared/limits';
import { ssoInputMessages } from '@/lib/shared/sso-validation';
import { errorMessages } from '@/lib/shared/errors';
import { ORGANIZATION_NAME_TOO_LONG } from '@/lib/shared/organization-names';
import { INVISIBLE_CHARACTERS_MESSAGE } from '@/lib/shared/text';
import {
  acceptAsNewUserSchema,
  inviteListSchema,
  inviteMembersSchema,
  invitationRoleSchema,
  organizationIdSchema,
  roleSchema,
  scimTokenSchema,
  SEAT_LIMIT_MESSAGE,
  SEAT_LIMIT_TOO_HIGH,
  setMemberStatusSchema,
  signInSchema,
} from '@/lib/shared/validation';

const id = '00000000-0000-4000-8000-000000000000';

/** The messages of a refused input, a union's branches' included (zod's own "Invalid input…" left out). */
function messagesOf(schema: z.ZodType, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  const of = (issues: readonly z.core.$ZodIssue[]): string[] =>
    issues.flatMap((issue) => (issue.code === 'invalid_union' ? issue.errors.flatMap(of) : [issue.message]));
  return parsed.success
    ? []
    : of(parsed.error.issues).filter((message) => !message.startsWith('Invalid input'));
}

describe('the schemas’ messages in the catalogs', () => {
  const messages = [
    errorMessages.TOO_MANY_ADDRESSES,
    SEAT_LIMIT_MESSAGE,
    SEAT_LIMIT_TOO_HIGH,
    INVISIBLE_CHARACTERS_MESSAGE,
    ORGANIZATION_NAME_TOO_LONG,
    ...messagesOf(roleSchema, 'x'),
    ...messagesOf(invitationRoleSchema, 'owner'),
    ...messagesOf(organizationIdSchema, { organizationId: 'x' }),
    ...messagesOf(signInSchema, { email: 'nope' }),
    ...messagesOf(inviteMembersSchema, { organizationId: id, emails: [], role: 'member' }),
    ...messagesOf(inviteMembersSchema, { organizationId: id, emails: ['a'.repeat(400)], role: 'member' }),
    ...messagesOf(inviteListSchema, { organizationId: id, invites: [{ email: 'a@b.c', role: 'x' }] }),
    ...messagesOf(scimTokenSchema, { organizationId: id, name: ' ' }),
    ...messagesOf(scimTokenSchema, { organizationId: id, name: 'x'.repeat(100) }),
    ...messagesOf(acceptAsNewUserSchema, { token: 't', name: 'x'.repeat(200) }),
    ...messagesOf(setMemberStatusSchema, { organizationId: id, ids: [id], status: 'x' }),
  ];

  it('finds every one, and keeps its English', () => {
    expect(messages.length).toBeGreaterThan(15);
    for (const message of messages) {
      expect(validationTextIn('en', message)).toBe(message);
      expect(validationTextIn('ko', message), message).not.toBe(message);
      expect(validationTextIn('ja', message), message).not.toBe(message);
    }
  });

  it('says the Domains and SSO forms’ own refusals too, each with its limit, and keeps their English', () => {
    const own = [...Object.values(domainInputMessages), ...Object.values(ssoInputMessages)];
    expect(own.length).toBe(8);
    for (const message of own) {
      expect(validationTextIn('en', message)).toBe(message);
      expect(validationTextIn('ko', message), message).not.toBe(message);
      expect(validationTextIn('ja', message), message).not.toBe(message);
    }
    expect(validationTextIn('ko', ssoInputMessages.clientIdTooLong)).toContain(String(MAX_OIDC_CLIENT_ID));
  });

  it('says one in Japanese, and an unknown message as it is', () => {
    expect(validationTextIn('ja', 'Enter a valid email address.')).toBe(
      '有効なメールアドレスを入力してください。',
    );
    expect(validationTextIn('ko', 'Too small: expected something')).toBe('Too small: expected something');
  });
});
