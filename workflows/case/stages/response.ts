/** Response: the employer may answer within the window; a missed window escalates and the case goes on. */
import { deadlineIds } from '../../../domain/deadlines';
import type { StageExit } from '../../../domain/lifecycle';
import { remind } from '../reminders';
import type { StageKit } from './kit';
import { serveComplaint } from './notice';

export async function response(kit: StageKit): Promise<StageExit> {
  const { c, state, deadlines, escalations, tasks } = kit;
  const id = deadlineIds.response();
  tasks.spawn(() => remind(kit, id));
  const answered = () => Boolean(state.response);
  if ((await deadlines.meetFromService(id, answered, () => serveComplaint(kit))) === 'passed') {
    // An overdue response does not block the case: note the default, escalate, go on to the hearing.
    state.response = { text: '', recordedAt: c.now(), defaulted: true, attachments: 0 };
    escalations.raise('response_overdue', id);
  }
  return { to: 'hearing' };
}
