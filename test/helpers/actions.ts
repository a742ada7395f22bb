/** Drives a case through its updates as a given actor, the way the API does. */
import type { WorkflowHandle } from '@temporalio/client';
import type { ActionBody, ActionName } from '../../domain/actions';
import type { Actor, CaseStateView } from '../../domain/case';
import * as messages from '../../workflows/messages';
import { clerk, officer, respondentParty, waitForState } from './cases';

const updates = messages.actionUpdates;

export function act<A extends ActionName>(
  handle: WorkflowHandle,
  action: A,
  actor: Actor,
  body: ActionBody<A>,
  updateId?: string,
): Promise<CaseStateView> {
  const definition = updates[action] as messages.UpdateOf<ActionName>;
  return handle.executeUpdate(definition, { args: [{ actor, body }], updateId });
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

/** From filing to the hearing stage: accepted, served, answered by the employer. */
export async function toHearing(handle: WorkflowHandle): Promise<void> {
  await act(handle, 'acceptComplaint', clerk, {});
  await waitForState(handle, (s) => s.stage === 'response');
  await act(handle, 'recordResponse', respondentParty, { text: 'We dispute the amounts.' });
  await waitForState(handle, (s) => s.stage === 'hearing');
}

/** Assigns `board`, schedules an in-person hearing shortly ahead and records it held with both parties present. */
export async function holdHearing(handle: WorkflowHandle, board = firstBoard): Promise<void> {
  await act(handle, 'assignBoard', officer, { members: board });
  await act(handle, 'scheduleHearing', officer, { at: inSeconds(1.5), mode: 'in_person', location: 'Room 3' });
  await act(handle, 'recordHearingHeld', officer, {
    attendance: { complainant: true, respondent: true },
    minutes: 'Both parties heard.',
  });
}
