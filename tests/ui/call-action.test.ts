// A server action's call that gets no answer (issue 14 item 2): turned into a result the dialog shows,
// a lost connection told apart from a server that failed.
import { describe, expect, it, vi } from 'vitest';
import { callAction, isUnanswered, unanswered } from '@/components/shared/call-action';
import { closesOnRefusal } from '@/components/users/use-users-dialogs';
import type { UserTableRow } from '@/components/users/types';

describe('a server action call that gets no answer', () => {
  it('a fetch that failed (TypeError) is a lost connection: "Couldn\'t reach AI Hub: check your connection and try again."', async () => {
    const result = await callAction(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNREACHABLE', message: "Couldn't reach AI Hub: check your connection and try again." },
    });
  });

  it('an answer that was not the action’s (a 500) is the server’s failure, not the connection’s', async () => {
    const result = await callAction(() =>
      Promise.reject(new Error('An unexpected response was received from the server.')),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NO_ANSWER');
    expect(unanswered(new Error('x')).message).toMatch(/something went wrong on our side/);
  });

  it('a call that got no answer is logged as a warning with its error, so the console shows what happened', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failure = new TypeError('Failed to fetch');
    await callAction(() => Promise.reject(failure));
    expect(warn).toHaveBeenCalledWith('[action] UNREACHABLE: the call got no answer', failure);
    warn.mockRestore();
  });

  it('an answer, refusal or not, passes through as it is', async () => {
    const refused = { ok: false as const, error: { code: 'FORBIDDEN' as const, message: 'no' } };
    expect(await callAction(() => Promise.resolve(refused))).toBe(refused);
    expect(await callAction(() => Promise.resolve({ ok: true as const, data: 1 }))).toEqual({
      ok: true,
      data: 1,
    });
  });

  it('a confirmation whose call got no answer stays open, even a role change that a refusal would close', () => {
    const row = {
      kind: 'member',
      id: 'm',
      email: 'm@x.test',
      role: 'member',
      status: 'active',
      date: '',
      allowedRoles: [],
    } as UserTableRow;
    const change = { kind: 'role' as const, role: 'admin' as const, target: { rows: [row] } };
    expect(isUnanswered(unanswered(new TypeError('Failed to fetch')))).toBe(true);
    expect(closesOnRefusal(change, unanswered(new TypeError('Failed to fetch')))).toBe(false);
    expect(closesOnRefusal(change, { code: 'FORBIDDEN', message: 'no' })).toBe(true);
  });
});
