// The one table from a domain refusal to the SCIM service's answer (RFC 7644 §3.12): the HTTP status
// and the `scimType` of each error code the SCIM domain throws. A code not listed here is a refusal of
// the console's own rules (an Owner, the seats, the last Owner): 403 with the rule's message. Pure.
import type { DomainError, ErrorCode } from '../shared/errors';
import { ScimError, type ScimType } from './protocol';

const answers: Partial<Record<ErrorCode, { status: number; scimType?: ScimType }>> = {
  NOT_FOUND: { status: 404 },
  SCIM_INVALID_SYNTAX: { status: 400, scimType: 'invalidSyntax' },
  SCIM_INVALID_VALUE: { status: 400, scimType: 'invalidValue' },
  SCIM_INVALID_PATH: { status: 400, scimType: 'invalidPath' },
  SCIM_INVALID_FILTER: { status: 400, scimType: 'invalidFilter' },
  SCIM_UNIQUENESS: { status: 409, scimType: 'uniqueness' },
  SCIM_MUTABILITY: { status: 400, scimType: 'mutability' },
  INVALID_INPUT: { status: 400, scimType: 'invalidValue' },
};

/** A domain refusal in SCIM's words: its status and scimType from the table, its message as the detail. */
export function scimErrorOf(error: DomainError): ScimError {
  // A bulk refusal of one row (the directory acts on one User at a time) answers as that row's refusal.
  const [only] = error.code === 'BULK_REFUSED' ? ((error.details?.refused as RefusedRow[]) ?? []) : [];
  const code = only?.code ?? error.code;
  const answer = answers[code] ?? { status: 403 };
  return new ScimError(answer.status, only?.message ?? error.message, answer.scimType);
}

interface RefusedRow {
  code: ErrorCode;
  message: string;
}
