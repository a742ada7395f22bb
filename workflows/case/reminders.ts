/** Reminders: a party hears shortly before its deadline passes (correction, response, appeal, compliance). */
import { reminderRecipient } from '../../domain/deadlines';
import type { Services } from './stages/kit';

/** Waits until the policy's reminder time before the deadline and sends one reminder, unless it closed first. */
export async function remind({ c, state, deadlines, notices }: Services, deadlineId: string): Promise<void> {
  const deadline = deadlines.find(deadlineId);
  const recipient = deadline && reminderRecipient(deadline);
  if (!deadline || !recipient) return;
  const { secondsPerDay, weekendDays, windows } = state.policy;
  for (;;) {
    // A window restarted from a new service gets its own reminder; an extended one is reminded at its new time.
    const purpose = `reminder:${deadlineId}:${deadline.restarts}`;
    if (deadline.closedAt || notices.current(purpose, recipient)) return;
    const dueAt = deadline.dueAt;
    const request = { from: dueAt, rule: windows.reminderBefore, policy: { secondsPerDay, weekendDays } };
    const { remindAt } = await c.calls.calendar.computeReminder(request);
    if (await c.until(() => Boolean(deadline.closedAt) || deadline.dueAt !== dueAt, remindAt)) continue;
    const content = {
      kind: 'reminder',
      caseNumber: state.caseNumber,
      deadline: deadline.kind,
      dueAt,
      recipient,
    } as const;
    await notices.sendOnce(purpose, 'reminder', recipient, content);
    return;
  }
}
