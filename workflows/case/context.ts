/** What every part of a running case shares: its state, the activities, the clock, the audit trail and its tasks. */
import type { TypedSearchAttributes } from '@temporalio/common';
import { condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { AuditEntry, CaseState } from '../../domain/case';
import { caseFlags } from '../../domain/case';
import type { DurationRule } from '../../domain/policy';
import { CaseStage, Channel, EscalationLevel, NextDeadline, Overdue, Province } from '../search-attributes';
import type { CaseCalls } from './calls';
import { caseCalls } from './calls';
import { Revision, SEARCH_ATTRIBUTES_WITH_PROJECTION } from './revision';
import { TaskGroup } from './tasks';

/** What a list filters on, as one string: the search attributes are written again only when it changes. */
const attributesKey = (stage: unknown, overdue: unknown, escalationLevel: unknown, nextDeadline: unknown): string =>
  JSON.stringify([stage, overdue, escalationLevel, nextDeadline]);

/** The key of the values the run started with (set by the API at filing, carried over by continue-as-new). */
function startedWith(attributes: TypedSearchAttributes): string {
  const nextDeadline = attributes.get(NextDeadline);
  return attributesKey(
    attributes.get(CaseStage),
    attributes.get(Overdue),
    attributes.get(EscalationLevel),
    nextDeadline?.toISOString(),
  );
}

export class CaseContext {
  readonly calls: CaseCalls;
  /** Work that outlives a stage (the projector, escalation ladders); cancelled when the run ends. */
  readonly tasks = new TaskGroup();
  /** Set once this run is ending (closed, or continuing as new): waits that would outlive it give way. */
  ending = false;
  /** Which paths of the code this run takes; decided in its first activation, before anything else. */
  readonly revision = new Revision();
  /** Gateway sends whose answer this run still awaits: it does not continue as new under one (index.ts). */
  sendsInFlight = 0;
  private lastAttributes: string;
  /**
   * Decided once per run, at its start: a run keeps one way of writing its search attributes. Since 0.3.1 they are
   * written with the read model's projection, from the state the case is in then, instead of after every audit
   * entry that changed them (a task that moves a case often changes them two or three times).
   */
  private readonly upsertWithProjection: boolean;
  private attributesStale = false;

  constructor(readonly state: CaseState) {
    this.calls = this.countingSends(caseCalls(state.policy));
    this.upsertWithProjection = this.revision.has(SEARCH_ATTRIBUTES_WITH_PROJECTION);
    this.lastAttributes = this.revision.level >= 1 ? startedWith(workflowInfo().typedSearchAttributes) : '';
  }

  /**
   * The calls, with each gateway send counted while it is in flight. The caller gets the activity's own promise:
   * an `await` in between would resume it a microtask later, which can reorder commands against a recorded history.
   */
  private countingSends(calls: CaseCalls): CaseCalls {
    const counted = <T>(sent: Promise<T>): Promise<T> => {
      this.sendsInFlight += 1;
      const answered = () => {
        this.sendsInFlight -= 1;
      };
      void sent.then(answered, answered);
      return sent;
    };
    const { sendNotice, referToEnforcement } = calls.send;
    return {
      ...calls,
      send: {
        sendNotice: (input) => counted(sendNotice(input)),
        referToEnforcement: (input) => counted(referToEnforcement(input)),
      },
    };
  }

  now(): string {
    return new Date(Date.now()).toISOString();
  }

  /** Appends to the audit trail (projected to the read model in order) and keeps the search attributes current. */
  audit(entry: Omit<AuditEntry, 'seq' | 'at'>): number {
    const state = this.state;
    state.auditSeq += 1;
    state.audit.push({ ...entry, seq: state.auditSeq, at: this.now() });
    if (this.upsertWithProjection) this.attributesStale = true;
    else this.syncSearchAttributes();
    return state.auditSeq;
  }

  /**
   * Writes the search attributes if an audit entry changed the case since they were last written: the projector
   * calls it as it takes entries (no task of its own: each wait in a workflow costs CPU, docs/bench.md), and a
   * run calls it as it ends.
   */
  flushSearchAttributes(): void {
    if (!this.attributesStale) return;
    this.attributesStale = false;
    this.syncSearchAttributes();
  }

  /** Upserts only when a value a list filters on changed: each upsert is a command and an event. */
  syncSearchAttributes(): void {
    const { stage, province, channel } = this.state;
    const { overdue, escalationLevel, nextDeadline } = caseFlags(this.state);
    const key = attributesKey(stage, overdue, escalationLevel, nextDeadline);
    if (key === this.lastAttributes) return;
    this.lastAttributes = key;
    upsertSearchAttributes({
      [CaseStage.name]: [stage],
      [Province.name]: [province],
      [Channel.name]: [channel],
      [Overdue.name]: [overdue],
      [EscalationLevel.name]: [escalationLevel],
      [NextDeadline.name]: nextDeadline ? [new Date(nextDeadline)] : [],
    });
  }

  /** Waits for `done`, until `untilIso` if given; true when done, false when the time ran out first. */
  async until(done: () => boolean, untilIso?: string): Promise<boolean> {
    if (untilIso === undefined) {
      await condition(done);
      return true;
    }
    const left = Date.parse(untilIso) - Date.now();
    if (left <= 0) return done();
    return condition(done, left);
  }

  /** When a rule's window, opened now, ends: a calendar activity, recorded in history (calls.ts says why not local). */
  async dueFrom(fromIso: string, rule: DurationRule) {
    const { secondsPerDay, weekendDays } = this.state.policy;
    return this.calls.calendar.computeDeadline({ from: fromIso, rule, policy: { secondsPerDay, weekendDays } });
  }
}
