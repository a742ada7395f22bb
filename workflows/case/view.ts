/** What a viewer may see of a case: who voted what stays with the board until the ruling is sealed. */
import type { Actor, CaseState, CaseStateView, TallyView } from '../../domain/case';
import { boardRuleOf, hearingState, instanceOf, tehranIsoDate } from '../../domain/case-queries';
import { suggestedRemedies } from '../../domain/remedies';
import { tallyOf } from '../../domain/voting';

const sitsOnBoard = (state: CaseState, viewer?: Actor) =>
  Boolean(viewer && state.board?.members.some((m) => m.userId === viewer.userId));

function tallyFor(state: CaseState, board: boolean): TallyView | undefined {
  const hearing = hearingState(state);
  if (!state.board || !hearing) return undefined;
  const instance = instanceOf(state);
  const { cast, quorum, majority, award, reject } = tallyOf(state.votes, boardRuleOf(state.policy, instance));
  const counts = board ? { award, reject } : {};
  return { instance, session: hearing.session, cast, quorum, majority, ...counts };
}

export function viewOf(state: CaseState, nowIso: string, viewer?: Actor): CaseStateView {
  const { audit: _pending, closing: _closing, unprojected: _unprojected, ...rest } = state;
  const board = sitsOnBoard(state, viewer);
  const { claims, employment } = state.filing;
  return {
    ...rest,
    votes: board ? state.votes : [],
    tally: tallyFor(state, board),
    votesVisible: board,
    suggestedRemedies: state.board ? suggestedRemedies(claims, employment, tehranIsoDate(nowIso)) : [],
  };
}
