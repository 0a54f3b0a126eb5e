// The join policies of a verified domain in words (docs/rules.md, rules 19–21): their names and a line
// each, as the Domains page offers them and Activity tells a change. Pure: the browser reads it too.
import type { JoinPolicy } from '@/db/values';

export const joinPolicyLabels: Record<JoinPolicy, string> = {
  off: 'Off',
  suggest: 'Suggest',
  automatic: 'Automatic',
};

export const joinPolicyExplanations: Record<JoinPolicy, string> = {
  off: 'People at this domain join only when invited.',
  suggest:
    'People who sign in with an address at this domain may ask to join; an Owner or Admin approves each request.',
  automatic:
    'People who sign in with an address at this domain join as Members, while seats are free; past the seat limit they ask instead.',
};
