/** Drives a case through its updates as a given actor, the way the API does. */
import type { WorkflowHandle } from '@temporalio/client';
import type { ActionBody, ActionName } from '../../domain/actions';
import type { Actor, CaseStateView } from '../../domain/case';
import * as messages from '../../workflows/messages';

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
