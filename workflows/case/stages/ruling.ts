/**
 * Ruling and appeal: the ruling is served on both parties; a first-instance ruling opens each party's appeal
 * window on its own service. Appeals are heard together once both windows have ended; without one, the ruling
 * is final.
 */
import type { NoticeRecord, Ruling, Side } from '../../../domain/case';
import { sides } from '../../../domain/case';
import { deadlineIds } from '../../../domain/deadlines';
import type { StageExit } from '../../../domain/lifecycle';
import { remind } from '../reminders';
import type { Services, StageKit } from './kit';

function lastRuling({ state }: Services): Ruling {
  const ruling = state.rulings[state.rulings.length - 1];
  if (!ruling) throw new Error(`case ${state.caseNumber} has no ruling to serve`);
  return ruling;
}

/** Serves the ruling on one party, stating (first instance) until when that party may appeal. */
function serveRuling(kit: Services, ruling: Ruling, side: Side): Promise<NoticeRecord> {
  const { c, state, notices } = kit;
  const window = state.policy.windows.appeal;
  return notices.serve(`ruling:${ruling.instance}`, 'ruling', side, async (notice) => ({
    kind: 'ruling',
    caseNumber: state.caseNumber,
    instance: ruling.instance,
    decision: ruling.decision,
    awards: ruling.awards,
    recipient: side,
    // Counted from the day the notice was made, so its text is the same on every retry.
    ...(ruling.instance === 1
      ? { appealUntil: (await c.dueFrom(notice.createdAt, window)).dueAt, appealWindow: window }
      : {}),
  }));
}

function finalise({ c }: Services, ruling: Ruling): StageExit {
  ruling.finalAt = c.now();
  c.audit({
    kind: 'action',
    summary: `ruling of instance ${ruling.instance} is final`,
    data: { decision: ruling.decision },
  });
  return ruling.decision === 'reject'
    ? { close: 'claim_rejected', reason: 'the final ruling rejects the claims' }
    : { to: 'compliance' };
}

export async function ruling(kit: StageKit): Promise<StageExit> {
  const { state, deadlines, tasks } = kit;
  const current = lastRuling(kit);
  if (current.instance === 2) {
    await Promise.all(sides.map((side) => serveRuling(kit, current, side)));
    return finalise(kit, current);
  }
  await Promise.all(
    sides.map(async (side) => {
      const served = await serveRuling(kit, current, side);
      const id = deadlineIds.appeal(side);
      const from = served.servedAt ?? kit.c.now();
      await deadlines.open({
        id,
        kind: 'appeal',
        party: side,
        from,
        rule: state.policy.windows.appeal,
        basis: served.key,
      });
      tasks.spawn(() => remind(kit, id));
    }),
  );
  return { to: 'appeal' };
}

export async function appeal(kit: StageKit): Promise<StageExit> {
  const { state, deadlines, tasks } = kit;
  const current = lastRuling(kit);
  const appealed = (side: Side) => state.appeals.some((a) => a.party === side);
  // One party's objection never shortens the other's window: both are heard together once both have ended.
  await Promise.all(
    sides.map((side) => {
      const id = deadlineIds.appeal(side);
      tasks.spawn(() => remind(kit, id));
      return deadlines.meetFromService(
        id,
        () => appealed(side),
        () => serveRuling(kit, current, side),
        { lapses: true },
      );
    }),
  );
  return state.appeals.length ? { to: 'hearing' } : finalise(kit, current);
}
