/** Intake: a clerk accepts the complaint, or asks for a correction that the complainant must make in time. */
import type { StageExit } from '../../../domain/lifecycle';
import { deadlineIds } from '../../../domain/deadlines';
import { remind } from '../reminders';
import type { StageKit } from './kit';

export async function intake(kit: StageKit): Promise<StageExit> {
  const { c, state, deadlines, escalations, tasks } = kit;
  const accepted = () => Boolean(state.acceptedAt);
  const awaitingCorrection = () => Boolean(state.correction && !state.correction.submittedAt);
  for (;;) {
    await c.until(() => accepted() || awaitingCorrection());
    const correction = state.correction;
    if (accepted() || !correction) return { to: 'notice' };

    const id = deadlineIds.correction(state.corrections);
    const rule = state.policy.windows.correction;
    await deadlines.open({ id, kind: 'correction', from: correction.requestedAt, rule });
    tasks.spawn(() => remind(kit, id));
    // Accepting the complaint as it stands also ends the wait for a correction.
    if ((await deadlines.meet(id, () => !awaitingCorrection() || accepted())) === 'passed') {
      escalations.raise('correction_overdue', id);
      return { close: 'abandoned', reason: 'the complainant did not correct the complaint in time' };
    }
  }
}
