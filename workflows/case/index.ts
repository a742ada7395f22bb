/**
 * CaseWorkflow: the life of one labor complaint. The main loop below is the only place a stage changes: it runs
 * the stage function in its own cancellation scope until the stage says where to go, a closing fact arrives
 * (rejection, withdrawal, settlement) or Temporal suggests continuing as new; it checks each move against the
 * transition table and applies it.
 */
import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { Actor, CaseStateView, OpenStage, Outcome } from '../../domain/case';
import { newCaseState } from '../../domain/case';
import type { StageExit } from '../../domain/lifecycle';
import { illegalExit } from '../../domain/lifecycle';
import type { CaseWorkflowInput } from '../messages';
import { CaseContext } from './context';
import { Deadlines } from './deadlines';
import { Escalations } from './escalations';
import { registerHandlers } from './handlers';
import { CONTINUE_AFTER_SENDS, EXIT_BEFORE_INTERRUPTION } from './revision';
import { Notices } from './notices';
import { projector } from './projector';
import { enforcement, compliance } from './stages/enforcement';
import { hearing } from './stages/hearing';
import { intake } from './stages/intake';
import type { Services, Stage } from './stages/kit';
import { notice } from './stages/notice';
import { response } from './stages/response';
import { appeal, ruling } from './stages/ruling';
import { runScoped } from './tasks';
import { viewOf } from './view';

const stages: Record<OpenStage, Stage> = { intake, notice, response, hearing, ruling, appeal, compliance, enforcement };

type Interruption = 'closing' | 'continue-as-new' | 'task-failed';

export async function CaseWorkflow(input: CaseWorkflowInput): Promise<CaseStateView> {
  const state = input.kind === 'new' ? newCaseState(input.case) : input.state;
  const c = new CaseContext(state);
  const escalations = new Escalations(c);
  const deadlines = new Deadlines(c, escalations);
  const services: Services = { c, state, deadlines, escalations, notices: new Notices(c, deadlines, escalations) };
  registerHandlers(services);
  c.tasks.spawn(() => projector(c));
  escalations.resume();
  c.audit(
    input.kind === 'new'
      ? { kind: 'stage_change', summary: 'filed: intake', actor: state.filedBy }
      : { kind: 'action', summary: 'history compacted (continue-as-new)' },
  );

  // A send in flight answers within seconds; continuing as new under it would cancel it and make the next run send
  // again (under the same key). Asked only in that moment, so only such a run carries the patch's marker.
  const sendHolds = () => c.sendsInFlight > 0 && c.revision.has(CONTINUE_AFTER_SENDS);
  const interruption = (): Interruption | undefined =>
    state.closing
      ? 'closing'
      : c.tasks.failed
        ? 'task-failed'
        : workflowInfo().continueAsNewSuggested && !sendHolds()
          ? 'continue-as-new'
          : undefined;

  while (state.stage !== 'closed') {
    const stage = stages[state.stage];
    const run = await runScoped((tasks) => stage({ ...services, tasks }), interruption, {
      onInterrupt: (reason) => {
        c.ending = reason === 'continue-as-new';
      },
      exitBeforeInterruption: () => c.revision.has(EXIT_BEFORE_INTERRUPTION),
    });
    c.tasks.rethrow();
    if (state.closing) {
      const { outcome, reason, actor, requestId } = state.closing;
      apply(services, { close: outcome, reason }, actor, requestId);
    } else if ('done' in run) {
      apply(services, run.done);
    } else {
      await endRun(c);
      return continueAsNew<typeof CaseWorkflow>({ kind: 'continued', state });
    }
  }
  await endRun(c);
  return viewOf(state, c.now());
}

/** Moves the case as a stage asked, after checking the move against the lifecycle's table. */
function apply(
  { c, state, escalations, deadlines }: Services,
  exit: StageExit,
  actor?: Actor,
  requestId?: string,
): void {
  const illegal = illegalExit(state.stage, exit);
  // A bug, not a fact of the case: failing the workflow task keeps the case where it was until the code is fixed.
  if (illegal) throw new Error(`case ${state.caseNumber}: ${illegal}`);
  const from = state.stage;
  const at = c.now();
  if ('to' in exit) {
    state.stage = exit.to;
    state.stageEnteredAt = at;
    c.audit({ kind: 'stage_change', summary: `${from} → ${exit.to}`, data: { from, to: exit.to } });
    return;
  }
  close(exit.close, exit.reason);
  function close(outcome: Outcome, reason: string): void {
    Object.assign(state, { outcome, closedAt: at, closingReason: reason, stage: 'closed', stageEnteredAt: at });
    // The closing entry below carries these closures to the read model: no entry each.
    for (const deadline of state.deadlines) if (!deadline.closedAt) deadlines.close(deadline.id, { audited: true });
    escalations.resolve(() => true);
    c.audit({ kind: 'stage_change', summary: `closed: ${outcome}`, actor, requestId, data: { from, outcome, reason } });
  }
}

/**
 * Before this run ends (completion or continue-as-new): every update handler finished and every audit entry
 * projected, including entries a handler made while the last projection was in flight.
 */
async function endRun(c: CaseContext): Promise<void> {
  c.ending = true;
  c.flushSearchAttributes();
  const quiet = () => allHandlersFinished() && c.state.projectedSeq >= c.state.auditSeq;
  while (!quiet()) await condition(() => quiet() || c.tasks.failed);
  c.tasks.rethrow();
  await c.tasks.close();
  c.tasks.rethrow();
}
