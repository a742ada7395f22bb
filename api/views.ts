/** Turns a workflow's state into the API's case body, leaving personal data out for callers who may not see it. */
import { toKebab } from '../domain/actions';
import { toJalali } from '../domain/calendar';
import type { CaseStateView, Side, Vote } from '../domain/case';
import type { AvailableAction } from '../workflows/messages';
import type { Principal } from './auth';
import { seesPersonalData } from './auth';
import type { CaseDetail, CreatedCase } from './schemas';

export const API_BASE = '/api/v1';

export interface ViewOptions {
  /** False for engineers: no names, IDs, phones, addresses or free text. */
  personalData: boolean;
  /** A party sees its own side in full and the other side's name only. */
  partySide?: Side;
  /** Engineers also get the history link and, when configured, the Temporal Web UI link. */
  engineering: boolean;
  temporalUi?: string;
}

/** Engineers and supervisors debug cases: they get the history link and the Temporal Web UI link. */
export function viewOptionsFor(
  principal: Principal,
  caseNumber: string,
  temporal: { uiUrl?: string; namespace: string },
): ViewOptions {
  const engineering = principal.role === 'engineer' || principal.role === 'supervisor';
  const ui = temporal.uiUrl?.replace(/\/+$/, '');
  return {
    personalData: seesPersonalData(principal),
    partySide: principal.role === 'party' ? principal.side : undefined,
    engineering,
    temporalUi: ui ? `${ui}/namespaces/${temporal.namespace}/workflows/case-${caseNumber}` : undefined,
  };
}

export function caseLinks(caseNumber: string, options?: Pick<ViewOptions, 'engineering' | 'temporalUi'>) {
  const self = `${API_BASE}/cases/${caseNumber}`;
  return {
    self,
    timeline: `${self}/timeline`,
    notices: `${self}/notices`,
    actions: `${self}/actions/`,
    ...(options?.engineering ? { history: `${self}/history` } : {}),
    ...(options?.engineering && options.temporalUi ? { temporalUi: options.temporalUi } : {}),
  };
}

export function createdCase(caseNumber: string): CreatedCase {
  return { caseNumber, stage: 'intake', links: caseLinks(caseNumber) };
}

/** JSON drops `undefined`, so optional fields are simply left unset rather than filtered. */
const when = <T>(show: boolean, value: T): T | undefined => (show ? value : undefined);
const jalali = (iso: string | undefined) => (iso ? toJalali(iso) : undefined);

function voteView(vote: Vote, personal: boolean) {
  return { ...vote, reason: when(personal, vote.reason) };
}

export function caseDetail(state: CaseStateView, actions: AvailableAction[], options: ViewOptions): CaseDetail {
  const p = options.personalData;
  const { complainant, respondent, employment, claims, statement } = state.filing;
  return {
    caseNumber: state.caseNumber,
    version: state.auditSeq,
    stage: state.stage,
    outcome: state.outcome,
    closedAt: state.closedAt,
    closingReason: when(p, state.closingReason),
    province: state.filing.province,
    channel: state.channel,
    policy: state.policy.name,
    filedAt: state.filedAt,
    filedAtJalali: toJalali(state.filedAt),
    stageEnteredAt: state.stageEnteredAt,
    acceptedAt: state.acceptedAt,
    parties: [
      !p
        ? { side: 'complainant' as const }
        : options.partySide === 'respondent'
          ? { side: 'complainant' as const, name: complainant.name }
          : {
              side: 'complainant' as const,
              name: complainant.name,
              nationalId: complainant.nationalId,
              phone: complainant.phone,
              address: complainant.address,
            },
      !p
        ? { side: 'respondent' as const }
        : options.partySide === 'complainant'
          ? { side: 'respondent' as const, name: respondent.name }
          : {
              side: 'respondent' as const,
              name: respondent.name,
              nationalId: respondent.nationalId,
              legalEntityId: respondent.legalEntityId,
              address: respondent.workshopAddress,
            },
    ],
    employment: when(p, {
      startedOn: employment.startedOn,
      endedOn: employment.endedOn,
      jobTitle: employment.jobTitle,
      monthlyWageRials: employment.monthlyWageRials,
    }),
    claims: claims.map((claim, index) => ({
      index,
      kind: claim.kind,
      amountRials: claim.amountRials,
      description: when(p, claim.description),
    })),
    statement: when(p, statement),
    correction: state.correction && {
      reason: when(p, state.correction.reason),
      fields: state.correction.fields,
      requestedAt: state.correction.requestedAt,
      submittedAt: state.correction.submittedAt,
    },
    corrections: state.corrections,
    deadlines: state.deadlines.map((d) => ({ ...d, open: !d.closedAt })),
    notices: state.notices.map((n) => ({
      ...n,
      deliveredAtJalali: jalali(n.deliveredAt),
      servedAtJalali: jalali(n.servedAt),
      setAside: n.setAside && { ...n.setAside, reason: when(p, n.setAside.reason) },
    })),
    response: state.response && {
      recordedAt: state.response.recordedAt,
      defaulted: state.response.defaulted,
      text: when(p, state.response.text),
      attachments: state.response.attachments,
    },
    conciliationInvitedAt: state.conciliationInvitedAt,
    board: state.board && {
      instance: state.board.instance,
      assignedAt: state.board.assignedAt,
      members: state.board.members.map((m) => ({
        userId: m.userId,
        name: when(p, m.name),
        presiding: Boolean(m.presiding),
      })),
    },
    hearing: state.hearing && {
      ...state.hearing,
      atJalali: jalali(state.hearing.at),
      held: state.hearing.held && { ...state.hearing.held, minutes: when(p, state.hearing.held.minutes) },
    },
    tally: state.tally && { ...state.tally },
    votesVisible: state.votesVisible,
    votes: state.votes.map((v) => voteView(v, p)),
    renewals: state.renewals,
    suggestedRemedies: p ? state.suggestedRemedies : [],
    rulings: state.rulings.map((r) => ({
      ...r,
      sealedAtJalali: toJalali(r.sealedAt),
      votes: r.votes.map((v) => voteView(v, p)),
    })),
    appeals: state.appeals.map((a) => ({
      party: a.party,
      filedAt: a.filedAt,
      filedBy: a.filedBy,
      grounds: when(p, a.grounds),
    })),
    compliance: state.compliance && {
      recordedAt: state.compliance.recordedAt,
      evidence: when(p, state.compliance.evidence),
    },
    enforcement: state.enforcement.map((r) => ({
      ...r,
      decision: r.decision && { ...r.decision, reason: when(p, r.decision.reason) },
    })),
    settlementConsents: state.settlementConsents.map(({ side, at }) => ({ side, at })),
    settlement: state.settlement && { at: state.settlement.at, terms: when(p, state.settlement.terms) },
    escalations: state.escalations.map((e) => ({ ...e, raisedAtJalali: toJalali(e.raisedAt) })),
    availableActions: actions.map((a) => ({ action: toKebab(a.action), allowed: a.allowed, reason: a.reason })),
    links: caseLinks(state.caseNumber, options),
  };
}
