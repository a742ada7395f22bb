/** Drives a case through its updates as a given actor, the way the API does. */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateRPCTimeoutOrCancelledError, type WorkflowHandle } from '@temporalio/client';
import type { ActionBody, ActionName } from '../../domain/actions';
import type { Actor, CaseStateView, Side } from '../../domain/case';
import * as messages from '../../workflows/messages';
import { clerk, officer, reached, respondentParty, waitForState } from './cases';

const updates = messages.actionUpdates;

/**
 * Runs an action as `actor`. A party given without a national ID acts as that side of this case (its ID is read
 * from the case), as the government sign-in would assert it; give one to act as somebody else.
 */
export async function act<A extends ActionName>(
  handle: WorkflowHandle,
  action: A,
  actor: Actor,
  body: ActionBody<A>,
  updateId?: string,
): Promise<CaseStateView> {
  const definition = updates[action] as messages.UpdateOf<ActionName>;
  const who = actor.role === 'party' && !actor.nationalId ? await asPartyOf(handle, actor) : actor;
  // An update whose RPC deadline passed on a busy server is sent again under the same ID, as a client should:
  // Temporal applies one update ID once.
  const id = updateId ?? randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return (await handle.executeUpdate(definition, { args: [{ actor: who, body }], updateId: id })).state;
    } catch (error) {
      if (!(error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) || attempt >= 5) throw error;
    }
  }
}

/** A party actor as the case's own party (its national ID from the filing). */
export async function asPartyOf(handle: WorkflowHandle, actor: Actor): Promise<Actor> {
  const { complainant, respondent } = (await handle.query(messages.stateQuery)).filing;
  const nationalId =
    actor.side === 'complainant' ? complainant.nationalId : (respondent.legalEntityId ?? respondent.nationalId);
  return { ...actor, nationalId };
}

export const firstBoard = [
  { userId: 'member-ministry', name: 'Ministry representative', presiding: true },
  { userId: 'member-workers', name: 'Workers representative' },
  { userId: 'member-employers', name: 'Employers representative' },
];

export const secondBoard = Array.from({ length: 9 }, (_, i) => ({
  userId: `appeal-member-${i + 1}`,
  name: `Dispute board member ${i + 1}`,
  presiding: i === 0,
}));

export const member = (userId: string): Actor => ({ userId, role: 'board_member' });

/** An ISO time `seconds` from now. */
export const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/**
 * A session far enough ahead that its summons count as served in time (the fast policy's lead time is one
 * second) even when a loaded machine takes seconds to schedule it and deliver them.
 */
export const sessionAt = (seconds = 6) => inSeconds(seconds);

/** From filing to the hearing stage: accepted, served, answered by the employer. */
export async function toHearing(handle: WorkflowHandle): Promise<void> {
  await act(handle, 'acceptComplaint', clerk, {});
  // A late answer (the window passed on a slow machine) is still taken before the hearing.
  await waitForState(handle, (s) => reached(s, 'response'));
  await act(handle, 'recordResponse', respondentParty, { text: 'We dispute the amounts.' });
  await waitForState(handle, (s) => s.stage === 'hearing');
}

/** Polls the case as `actor` until `action` is allowed; fails with the last refusal after `timeoutMs`. */
export async function waitForAction(
  handle: WorkflowHandle,
  actor: Actor,
  action: ActionName,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let reason: string | undefined;
  while (Date.now() < deadline) {
    const { availableActions } = await handle.query(messages.caseQuery, actor, new Date().toISOString());
    const entry = availableActions.find((a) => a.action === action);
    if (entry?.allowed) return;
    reason = entry?.reason;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${action} did not become allowed for ${actor.role} in ${timeoutMs} ms: ${reason}`);
}

/**
 * Assigns `board`, schedules an in-person session shortly ahead (leaving the summons their lead time), and
 * records it held with both parties present once it sits.
 */
export async function holdHearing(handle: WorkflowHandle, board = firstBoard, { assign = true } = {}): Promise<void> {
  if (assign) await act(handle, 'assignBoard', officer, { members: board });
  await act(handle, 'scheduleHearing', officer, { at: sessionAt(), mode: 'in_person', location: 'Room 3' });
  await waitForAction(handle, officer, 'recordHearingHeld');
  await act(handle, 'recordHearingHeld', officer, {
    attendance: { complainant: true, respondent: true },
    minutes: 'Both parties heard.',
  });
}

/** Waits until `side`'s summons to `round` has been judged, and checks it was served in time to count. */
export async function dulySummoned(handle: WorkflowHandle, side: Side, round: number): Promise<void> {
  const judged = (s: CaseStateView) =>
    s.hearing?.summons.find((x) => x.side === side && x.round === round && x.duly !== undefined);
  const summons = judged(await waitForState(handle, (s) => Boolean(judged(s))));
  if (!summons?.duly)
    throw new Error(
      `the ${side}'s summons to round ${round} was served too late to count: the test's session was too soon`,
    );
}
