/** Reminders: a party hears shortly before its deadline passes (correction, response, appeal, compliance). */
import { reminderRecipient } from '../../domain/deadlines';
import { REMINDER_GIVES_WAY } from './revision';
import type { Services } from './stages/kit';

/**
 * Waits until the policy's reminder time before the deadline and sends one reminder, unless it closed first. A
 * reminder still being sent when its window closes (the party acted, the stage ended) is superseded, not left
 * `sending` for ever, and one a run left unsent is sent again by the next run under the same key (cases started
 * before 0.3 keep the old path, which replays their histories).
 */
export async function remind(services: Services, deadlineId: string): Promise<void> {
  const { c, state, deadlines, notices } = services;
  const deadline = deadlines.find(deadlineId);
  const recipient = deadline && reminderRecipient(deadline);
  if (!deadline || !recipient) return;
  const givesWay = c.revision.has(REMINDER_GIVES_WAY);
  const { secondsPerDay, weekendDays, windows } = state.policy;
  for (;;) {
    // A window restarted from a new service gets its own reminder; an extended one is reminded at its new time.
    const purpose = `reminder:${deadlineId}:${deadline.restarts}`;
    const earlier = notices.current(purpose, recipient);
    const unsent = givesWay && earlier?.status === 'sending' && !earlier.noticeId ? earlier : undefined;
    if (deadline.closedAt) {
      if (unsent) notices.supersede(unsent);
      return;
    }
    if (earlier && !unsent) return;
    const dueAt = deadline.dueAt;
    if (!unsent) {
      const request = { from: dueAt, rule: windows.reminderBefore, policy: { secondsPerDay, weekendDays } };
      const { remindAt } = await c.calls.calendar.computeReminder(request);
      if (await c.until(() => Boolean(deadline.closedAt) || deadline.dueAt !== dueAt, remindAt)) continue;
    }
    const content = {
      kind: 'reminder',
      caseNumber: state.caseNumber,
      deadline: deadline.kind,
      dueAt,
      recipient,
    } as const;
    if (!givesWay) return notices.sendOnce(purpose, 'reminder', recipient, content);
    const notice = unsent ?? notices.create(purpose, 'reminder', recipient);
    return notices.sendUnless(() => Boolean(deadline.closedAt), notice, content);
  }
}
