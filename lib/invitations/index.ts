// Invitations, the public API: `@/lib/invitations` imports keep working whichever file a function lives in.
export {
  acceptInvitation,
  acceptInvitationAsNewUser,
  declineInvitation,
  type AcceptResult,
  type NewAccountAcceptance,
} from './accept';
export { allowInvitationAttempt, getInvitation, invitationUrl, type InvitationView } from './link';
export type { InviteOutcome, InviteResult, InviteSummary } from '../shared/invite-outcomes';
export { inviteList, inviteMembers } from './send';
export { resendInvitation } from './resend';
export {
  previewInviteCsv,
  readInviteCsv,
  type CsvInvitePreview,
  type CsvInviteRow,
  type CsvRowProblem,
} from './csv';
