/** Notice: the complaint is served on the employer; its service opens the response window. */
import type { NoticeRecord } from '../../../domain/case';
import { deadlineIds } from '../../../domain/deadlines';
import type { StageExit } from '../../../domain/lifecycle';
import type { Services } from './kit';
import type { StageKit } from './kit';

/** Serves the complaint on the respondent (again, after a clerk set a service aside). */
export function serveComplaint({ state, notices }: Services): Promise<NoticeRecord> {
  return notices.serve('complaint', 'complaint', 'respondent', () => ({
    kind: 'complaint',
    caseNumber: state.caseNumber,
    claims: state.filing.claims.length,
    responseWindow: state.policy.windows.response,
  }));
}

export async function notice(kit: StageKit): Promise<StageExit> {
  const { c, state, deadlines } = kit;
  const served = await serveComplaint(kit);
  state.conciliationInvitedAt ??= c.now();
  // The window opens before the stage changes, so nobody sees a response stage without its deadline.
  await deadlines.open({
    id: deadlineIds.response(),
    kind: 'response',
    from: served.servedAt ?? c.now(),
    rule: state.policy.windows.response,
    basis: served.key,
  });
  return { to: 'response' };
}
