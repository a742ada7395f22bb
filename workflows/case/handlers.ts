/**
 * Updates, signals and queries of a case. An update records a fact and nothing else; the stage that waits for
 * that fact moves the case. Before answering, an update waits for the reaction it causes at once (an accepted
 * complaint is in `notice`, a withdrawn case is closed), in the same workflow task, and answers with the case as
 * the caller sees it: the read model catches up behind it (the projector batches what each task recorded).
 */
import type { Handler } from '@temporalio/workflow/lib/interfaces';
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { ActionName, Refusal } from '../../domain/actions';
import { actionNames, callRefusal, refusalFor } from '../../domain/actions';
import type { Actor } from '../../domain/case';
import * as messages from '../messages';
import type { ActionCall, AvailableAction, CaseAnswer } from '../messages';
import { projected } from './projector';
import { ANSWER_BEFORE_PROJECTION } from './revision';
import type { Recorded } from './facts';
import { preparers, recorders } from './facts';
import type { Services } from './stages/kit';
import { applyReferral } from './stages/enforcement';
import { viewOf } from './view';

const refuse = (refusal: Refusal): never => {
  throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
};

export function registerHandlers(s: Services): void {
  const { c, state } = s;

  const actionsFor = (actor: Actor, now = Date.now()): AvailableAction[] =>
    actionNames.map((action) => {
      const refusal = refusalFor(state, action, actor, now);
      return refusal ? { action, allowed: false, reason: refusal.message } : { action, allowed: true };
    });
  const answer = (viewer: Actor, asOf?: string): CaseAnswer => {
    const now = asOf && !Number.isNaN(Date.parse(asOf)) ? Date.parse(asOf) : Date.now();
    return { state: viewOf(state, new Date(now).toISOString(), viewer), availableActions: actionsFor(viewer, now) };
  };

  function onAction<A extends ActionName>(action: A): void {
    const validate = (call: ActionCall<A>) => {
      const refusal = callRefusal(state, action, call.actor, call.body, Date.now());
      if (refusal) refuse(refusal);
    };
    const handler = async (call: ActionCall<A>): Promise<CaseAnswer> => {
      const prepare = preparers[action];
      if (prepare) {
        // It awaited an activity: the case may have moved meanwhile, so the rules are checked again.
        const refusal = (await prepare(s, call)) ?? callRefusal(state, action, call.actor, call.body, Date.now());
        if (refusal) refuse(refusal);
      }
      const record = recorders[action] as (s: Services, call: ActionCall<A>) => Recorded;
      const { summary, settled, secret } = record(s, call);
      const seq = c.audit({
        kind: 'action',
        summary,
        // Who voted what stays with the board until the ruling is sealed, in the timeline too.
        actor: secret ? undefined : call.actor,
        requestId: call.requestId,
        data: secret ? { action } : { action, note: call.body.note },
      });
      if (settled) await c.until(() => c.ending || settled());
      // Until 0.3 an update waited for its projection: one activity and one more workflow task per action.
      if (!c.revision.has(ANSWER_BEFORE_PROJECTION)) await projected(c, seq);
      return answer(call.actor);
    };
    // The SDK's Handler<> is a conditional type that TypeScript cannot resolve for a generic A.
    const definition = messages.actionUpdates[action] as unknown as messages.UpdateOf<A>;
    setHandler(definition, handler as unknown as Handler<CaseAnswer, [ActionCall<A>], messages.UpdateOf<A>>, {
      validator: validate,
    });
  }

  for (const action of actionNames) onAction(action);

  const applyNoticeEvent = (event: messages.NoticeEvent) => s.notices.applyEvent(event);
  const applyEnforcementEvent = (event: messages.EnforcementEvent) => {
    const referral = state.enforcement.find((r) => r.key === event.idempotencyKey || r.referralId === event.referralId);
    if (referral) applyReferral(s, referral, event.event);
  };
  setHandler(messages.noticeEventSignal, applyNoticeEvent);
  setHandler(messages.enforcementEventSignal, applyEnforcementEvent);
  setHandler(
    messages.gatewayEventUpdate,
    ({ kind, event }) => (kind === 'notice' ? applyNoticeEvent(event) : applyEnforcementEvent(event)),
    {
      validator: ({ event }) => {
        const key = event.idempotencyKey;
        if ([...state.notices, ...state.enforcement].some((item) => item.key === key)) return;
        throw ApplicationFailure.create({
          type: messages.UNKNOWN_GATEWAY_KEY,
          message: `case ${state.caseNumber} sent no notice or referral with the key ${key}`,
          nonRetryable: true,
        });
      },
    },
  );

  setHandler(messages.stateQuery, (viewer?: Actor) => viewOf(state, c.now(), viewer));
  setHandler(messages.availableActionsQuery, (actor: Actor, asOf?: string) => answer(actor, asOf).availableActions);
  setHandler(messages.caseQuery, (viewer: Actor, asOf?: string) => answer(viewer, asOf));
  setHandler(messages.unprojectedQuery, () => state.unprojected);
}
